package dev.lockstep.engine;

import java.time.Duration;

/**
 * Waits between retries. Injected with the {@link java.time.Clock} so that retries and timeouts are
 * tested without waiting; the default, {@link StopToken#await}, wakes early when a stop is requested.
 */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
}

package dev.lockstep.engine;

import java.time.Duration;

/** Waits between retries. Injected with the {@link java.time.Clock} so that retries and timeouts are tested without waiting. */
@FunctionalInterface
public interface Sleeper {
    /** The real thing: {@link Thread#sleep}. */
    Sleeper SYSTEM = duration -> Thread.sleep(Math.max(0, duration.toMillis()));

    void sleep(Duration duration) throws InterruptedException;
}

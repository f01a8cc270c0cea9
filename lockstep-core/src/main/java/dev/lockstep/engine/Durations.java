package dev.lockstep.engine;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Small arithmetic on durations shared by the retry loops. */
final class Durations {
    private Durations() {
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Somewhere between half and all of {@code d}, so replicas started together do not poll in step. */
    static Duration jitter(Duration d) {
        long ms = Math.max(1, d.toMillis());
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    /** {@code 250ms}, {@code 4s}, {@code 2m30s}: the form the CLI accepts. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            long tenths = (ms % 1000) / 100;
            return tenths == 0 ? s + "s" : s + "." + tenths + "s";
        }
        long m = s / 60;
        return m < 60 ? m + "m" + (s % 60 == 0 ? "" : s % 60 + "s") : m / 60 + "h" + (m % 60 == 0 ? "" : m % 60 + "m");
    }

    /** Sleeps, or stops the run when the thread is interrupted (the interrupt stays set). */
    static void sleep(Sleeper sleeper, Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockstepException(Reason.INTERNAL, "Interrupted while waiting; nothing was left half-done.", e);
        }
    }
}

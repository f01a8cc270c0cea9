package dev.lockstep.engine;

import dev.lockstep.error.Reason;

import java.time.Duration;

/** {@code --max-duration}: when the run outlives it, a stop is requested as SIGTERM would. */
final class Deadline {
    private final Thread timer;

    private Deadline(Thread timer) {
        this.timer = timer;
    }

    static Deadline start(Duration maxDuration, StopToken stop) {
        if (maxDuration.isZero()) {
            return new Deadline(null);
        }
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(maxDuration.toMillis());
                stop.request(Reason.TERMINATED, "--max-duration of " + Durations.format(maxDuration) + " reached");
            } catch (InterruptedException e) {
                // The run ended in time.
            }
        }, "lockstep-max-duration");
        timer.setDaemon(true);
        timer.start();
        return new Deadline(timer);
    }

    void cancel() {
        if (timer != null) {
            timer.interrupt();
        }
    }
}

package dev.lockstep.cli;

import dev.lockstep.error.Reason;
import sun.misc.Signal;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Turns SIGTERM (an orchestrator's stop) and SIGINT (Ctrl-C) into a safe stop: the run takes no new
 * work, finishes or cancels what it runs within the grace period, releases the lock and exits 143 or
 * 130. Java has no public signal API; {@code sun.misc.Signal} (module jdk.unsupported) is the one
 * every JDK ships. If the run has not ended a few seconds after the grace, the process exits anyway:
 * its database session, and with it the lock, dies with it.
 */
final class SignalHandlers {
    private static final Duration HARD_STOP_MARGIN = Duration.ofSeconds(5);

    private SignalHandlers() {
    }

    static void install(StopRequest stop, PrintWriter err) {
        handle("TERM", Reason.TERMINATED, stop, err);
        handle("INT", Reason.INTERRUPTED, stop, err);
    }

    private static void handle(String name, Reason reason, StopRequest stop, PrintWriter err) {
        try {
            Signal.handle(new Signal(name), signal -> {
                boolean again = stop.isRequested();
                err.println(message(name, again, stop));
                err.flush();
                stop.request(reason);
                if (!again) {
                    exitAfter(stop.grace().plus(HARD_STOP_MARGIN), ExitCode.of(reason), err);
                }
            });
        } catch (IllegalArgumentException e) {
            // This platform has no such signal.
        }
    }

    /** What the process says when signal {@code name} comes, the first time or {@code again}. */
    static String message(String name, boolean again, StopRequest stop) {
        if (stop.stopping() != null) {
            return "lockstep: received SIG" + name + ": " + stop.stopping();
        }
        return "lockstep: received SIG" + name + (again ? " again: cancelling the running statement now."
                : ": taking no new work; finishing the current statement or migration (up to "
                + stop.grace().toSeconds() + "s), then stopping.");
    }

    private static void exitAfter(Duration delay, int exitCode, PrintWriter err) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                err.println("lockstep: still running " + delay.toSeconds() + "s after the stop request; exiting."
                        + " The database frees the lock with the session.");
                err.flush();
                Runtime.getRuntime().halt(exitCode);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lockstep-hard-stop");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}

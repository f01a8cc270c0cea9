package dev.lockstep.cli;

import dev.lockstep.cli.health.HealthState;
import dev.lockstep.cli.runas.AppLaunch;
import dev.lockstep.error.LockstepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The app {@code exec} starts once the schema is ready: a child process with lockstep's stdin, stdout
 * and stderr, which receives the signals lockstep receives ({@link SignalForwarder}) and whose exit code
 * becomes lockstep's (128 + the signal's number when a signal ended it). The JVM stays its parent, so the
 * health server keeps answering, with {@code /health/live} following the app. Under {@code --run-as} the child
 * is a {@link dev.lockstep.cli.runas.Switcher} that becomes the app in place (same pid), so none of this changes.
 */
final class AppProcess {
    private static final Logger log = LoggerFactory.getLogger("dev.lockstep");

    private AppProcess() {
    }

    static int run(AppLaunch launch, List<String> command, StopRequest stop, HealthState state, PrintWriter err) throws InterruptedException {
        SignalForwarder forwarder = SignalForwarder.install();
        if (stop.isRequested()) {
            throw new LockstepException(stop.reason(), "Stopped before the app started; the schema is ready and the"
                    + " next start runs the app at once.");
        }
        Process app;
        try {
            app = launch.builder(command).inheritIO().start();
        } catch (IOException e) {
            boolean missing = String.valueOf(e.getMessage()).contains("error=2,");
            err.println("lockstep: Cannot start the app '" + command.get(0) + "': " + e.getMessage() + ". "
                    + (missing ? "Check the command after -- and that it is on the PATH of this image."
                    : "Check that it is executable by this user (chmod +x, or run it through its interpreter)."));
            err.flush();
            return missing ? ExitCode.APP_NOT_FOUND : ExitCode.APP_NOT_EXECUTABLE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (app.isAlive()) {
                app.destroy(); // lockstep is ending for another reason: do not leave the app behind
            }
        }, "lockstep-app-stop"));
        state.app(app);
        forwarder.attach(app.toHandle());
        log.atInfo().addKeyValue("event", "app_started").log("Started the app {}{} (pid {})", command.get(0), launch.describe(), app.pid());
        int code = app.waitFor();
        log.atInfo().addKeyValue("event", "app_exited").log("The app (pid {}) exited with code {}", app.pid(), code);
        return code;
    }
}

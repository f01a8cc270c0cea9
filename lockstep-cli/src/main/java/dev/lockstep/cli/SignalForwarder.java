package dev.lockstep.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * While {@code exec}'s app runs, SIGTERM, SIGINT and SIGHUP are the app's, not lockstep's: this replaces
 * {@link SignalHandlers} and passes each signal on to the child. SIGTERM goes through the JDK
 * ({@link ProcessHandle#destroy()}); the others through {@code kill -s NAME PID}, since Java has no API to
 * send them. Signals that arrive before the child exists are kept and delivered as soon as it does.
 *
 * <p>On a terminal, Ctrl-C already reaches the app (it shares lockstep's process group), so SIGINT is not
 * sent a second time there; an orchestrator's SIGINT (no terminal) is forwarded.
 */
final class SignalForwarder {
    private static final Logger log = LoggerFactory.getLogger("dev.lockstep");
    private static final List<String> FORWARDED = List.of("TERM", "INT", "HUP");

    private final boolean terminal = System.console() != null;
    private final List<String> early = new ArrayList<>();
    private ProcessHandle child;

    private SignalForwarder() {
    }

    /** From now on, the forwarded signals no longer stop lockstep; they wait for {@link #attach}. */
    static SignalForwarder install() {
        SignalForwarder forwarder = new SignalForwarder();
        for (String name : FORWARDED) {
            try {
                Signal.handle(new Signal(name), signal -> forwarder.receive(name));
            } catch (IllegalArgumentException e) {
                // This platform has no such signal.
            }
        }
        return forwarder;
    }

    synchronized void attach(ProcessHandle app) {
        child = app;
        early.forEach(this::send);
        early.clear();
    }

    private synchronized void receive(String name) {
        if (child == null) {
            early.add(name);
        } else {
            send(name);
        }
    }

    private void send(String name) {
        if (name.equals("INT") && terminal) {
            log.debug("SIGINT from the terminal reached the app directly; not sending it again");
            return;
        }
        log.info("Received SIG{}; passing it on to the app (pid {})", name, child.pid());
        if (name.equals("TERM")) {
            child.destroy();
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(child.pid())).inheritIO().start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
            log.warn("Could not pass SIG{} on to the app: kill exited with {}", name, kill.isAlive() ? "no code" : kill.exitValue());
        } catch (IOException e) {
            log.warn("Could not pass SIG{} on to the app: there is no kill command on the PATH ({})."
                    + " Install procps (or busybox) in the image to forward it.", name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.db.JdbcUrl;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.Migration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs {@code --before-migrate-command} with {@code sh -c} under the lock, before anything is applied:
 * typically a backup ({@code pg_dump}). Its output (stdout and stderr together) goes to the log line by
 * line; a non-zero exit aborts the migrate with the last lines of that output in the message. A stop
 * request (SIGTERM) ends the command and everything it started.
 *
 * <p>The command sees {@code LOCKSTEP_DATABASE} (where, without secrets), {@code LOCKSTEP_SCHEMA},
 * {@code LOCKSTEP_CURRENT_VERSION} and {@code LOCKSTEP_PENDING} (the scripts about to run, one per line).
 */
final class BeforeMigrateCommand {
    private static final Logger log = LoggerFactory.getLogger("dev.lockstep");
    private static final int TAIL_LINES = 20;

    private final LockstepConfig config;
    private final RunContext run;
    private final Deque<String> tail = new ArrayDeque<>();

    BeforeMigrateCommand(RunContext run) {
        this.config = run.config();
        this.run = run;
    }

    void run(Session session, List<Migration> pending, String currentVersion) {
        String command = config.beforeMigrateCommand();
        log.info("Running the before-migrate command: {}", command);
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("LOCKSTEP_DATABASE", session.database());
        environment.put("LOCKSTEP_SCHEMA", session.schema());
        environment.put("LOCKSTEP_CURRENT_VERSION", currentVersion == null ? "" : currentVersion);
        environment.put("LOCKSTEP_PENDING", pending.stream().map(Migration::script).collect(Collectors.joining("\n")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LockstepException(Reason.MIGRATION_FAILED, "Could not start the before-migrate command ("
                    + e.getMessage() + "), so nothing was applied. It runs with sh -c; check that sh exists here.", e);
        }
        Thread reader = new Thread(() -> copyOutput(process), "lockstep-before-migrate-output");
        reader.setDaemon(true);
        reader.start();
        int exit = await(process);
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (exit != 0) {
            String output;
            synchronized (tail) {
                output = tail.isEmpty() ? " It printed nothing." : " Its last lines:\n  " + String.join("\n  ", tail);
            }
            throw new LockstepException(Reason.MIGRATION_FAILED, "The before-migrate command exited with code " + exit
                    + ", so nothing was applied and the lock is released." + Connector.mask(output, config)
                    + "\nFix the command (or its environment), then run migrate again.");
        }
        log.info("The before-migrate command finished");
    }

    private int await(Process process) {
        StopToken stop = run.stop();
        try {
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (stop.isRequested()) {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                    throw stop.stopped("while the before-migrate command ran; it was ended, nothing was applied and the"
                            + " lock is released.");
                }
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            throw new LockstepException(Reason.INTERRUPTED, "Interrupted while the before-migrate command ran; nothing was applied.", e);
        }
    }

    private void copyOutput(Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.info("before-migrate command: {}", Connector.mask(line, config));
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            log.debug("Stopped reading the before-migrate command's output: {}", e.toString());
        }
    }
}

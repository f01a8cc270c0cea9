package dev.lockstep.cli;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "Run the status server alone, as a sidecar: /health/ready is 200 while the schema is at the target.",
        "Reads the history every --interval; never takes the lock. Runs until SIGTERM or SIGINT, then exits 0."})
final class ServeCommand extends DatabaseCommand {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    @Mixin
    HealthOptions health;

    @Option(names = "--target", paramLabel = "VERSION",
            description = "Ready at this version instead of every local migration: latest or a version (default: latest).")
    String target;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often to read the history (default: 5s).")
    Duration interval;

    @Override
    public Integer call() throws InterruptedException {
        if (health.port == null) {
            throw new LockstepException(Reason.CONFIGURATION, "serve needs --health-port (or LOCKSTEP_HEALTH_PORT):"
                    + " the server is all it does.");
        }
        root.stop.stopping("stopping the status server; serve holds no lock and runs no migration.");
        try (Monitored run = health.open(connection, root.stop)) {
            Duration every = interval == null ? DEFAULT_INTERVAL : interval;
            while (!root.stop.isRequested()) {
                try {
                    run.state().schemaChecked(run.lockstep().status(target));
                } catch (LockstepException e) {
                    if (e.reason() == Reason.CONFIGURATION) {
                        throw e; // a bad target or location does not heal by polling
                    }
                    run.state().failed(e);
                }
                root.stop.await(every);
            }
            return ExitCode.OK;
        }
    }
}

package dev.lockstep.cli;

import dev.lockstep.Fleet;
import dev.lockstep.result.FleetInfoResult;
import dev.lockstep.result.SchemaStatus;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "wait", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "Block until every local migration (or --target) is applied and none is running: for init containers.",
        "Reads the history; never takes the lock and changes nothing. Exit 0 when ready, 4 on --timeout."})
final class WaitCommand extends DatabaseCommand {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    @Mixin
    HealthOptions health;
    @Mixin
    TenantOptions tenants;

    @Option(names = "--target", paramLabel = "VERSION", description = "Wait for this version instead of every local"
            + " migration: latest or a version such as 7 (default: latest).")
    String target;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait before giving up with exit code 4 (default: 10m).")
    Duration timeout;

    @Override
    public Integer call() {
        if (tenants.selected()) {
            return waitFleet();
        }
        try (Monitored run = health.open(connection, root.stop)) {
            Duration limit = timeout == null ? DEFAULT_TIMEOUT : timeout;
            long start = System.nanoTime();
            SchemaStatus status = run.state().track(() -> run.lockstep().awaitSchema(target, limit));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            print(() -> text(status, waited), () -> json(status, waited));
            return ExitCode.OK;
        }
    }

    /** The fleet's wait; with --health-port, ready once every tenant is, not ready before or when some are behind. */
    private int waitFleet() {
        try (HealthOptions.FleetMonitor monitor = health.openFleet(connection)) {
            Fleet fleet = root.stop.attach(tenants.fleet(connection.configure(), connection.schema, new FleetProgress()).load());
            long start = System.nanoTime();
            FleetInfoResult result;
            try {
                result = fleet.awaitSchema(target, timeout == null ? DEFAULT_TIMEOUT : timeout);
            } catch (RuntimeException e) {
                monitor.state().failed(e);
                throw e;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            monitor.state().fleetEnded(result.lagging().isEmpty() ? null : result.lagging().size() + " of "
                    + result.tenants().size() + " tenants behind");
            print(() -> FleetReads.waitText(result, waited), () -> FleetReads.waitJson(result, waited));
            return ExitCode.ofFleetRead(root.stop, result.lagging().isEmpty());
        }
    }

    static String text(SchemaStatus status, Duration waited) {
        return "Schema of " + status.database() + " is " + status.describe() + " (waited " + waited.toSeconds() + "s).";
    }

    /** The document of {@code wait}: where, the version found, whether it is ready and how long it waited. */
    static Document json(SchemaStatus status, Duration waited) {
        return new Document(status.database(), status.schema(), status.currentVersion(), status.isReady(), waited);
    }

    record Document(String database, String schema, String currentVersion, boolean ready,
                    @JsonProperty("waitedMs") @JsonSerialize(using = ResultJson.Millis.class) Duration waited) {
    }
}

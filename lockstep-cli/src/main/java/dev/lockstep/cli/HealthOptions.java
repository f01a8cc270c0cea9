package dev.lockstep.cli;

import dev.lockstep.cli.health.HealthServer;
import dev.lockstep.cli.health.HealthState;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import picocli.CommandLine.Option;

/** Where the status server listens, for the commands that can run one (migrate, exec, wait, serve). */
final class HealthOptions {
    static final String DEFAULT_ADDRESS = "0.0.0.0";

    @Option(names = "--health-port", paramLabel = "PORT", description = "Serve /health/live, /health/ready,"
            + " /health/migrations and /metrics on this port while the command runs (default: no server).")
    Integer port;

    @Option(names = "--health-address", paramLabel = "ADDRESS",
            description = "Address the health server listens on (default: " + DEFAULT_ADDRESS + ", every interface).")
    String address;

    /** The server, started when a port is given; {@code null} otherwise. */
    HealthServer start(HealthState state) {
        if (port == null) {
            return null;
        }
        if (port < 0 || port > 65535) {
            throw new LockstepException(Reason.CONFIGURATION, "--health-port " + port + " is not a TCP port; give one"
                    + " from 1 to 65535 (0 picks any free port).");
        }
        return HealthServer.start(address == null ? DEFAULT_ADDRESS : address, port, state);
    }
}

package dev.lockstep.cli;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.cli.health.HealthServer;
import dev.lockstep.cli.health.HealthState;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import picocli.CommandLine.Option;

import java.time.Clock;

/** Where the status server listens, for the commands that can run one (migrate, exec, wait, serve). */
final class HealthOptions {
    static final String DEFAULT_ADDRESS = "0.0.0.0";

    @Option(names = "--health-port", paramLabel = "PORT", description = "Serve /health/live, /health/ready,"
            + " /health/migrations and /metrics on this port while the command runs (default: no server).")
    Integer port;

    @Option(names = "--health-address", paramLabel = "ADDRESS",
            description = "Address the health server listens on (default: " + DEFAULT_ADDRESS + ", every interface).")
    String address;

    /**
     * The library configured from {@code connection}, reporting to a new health state; the server is started
     * first, so probes answer while the database is still being reached.
     */
    Monitored open(ConnectionOptions connection, StopRequest stop) {
        return open(connection, connection.configure(), stop);
    }

    /** As {@link #open(ConnectionOptions, StopRequest)}, for a command that added its own settings to the configuration. */
    Monitored open(ConnectionOptions connection, LockstepConfig.Builder builder, StopRequest stop) {
        HealthState state = new HealthState(Clock.systemUTC(), connection.password());
        HealthServer server = start(state);
        try {
            Lockstep lockstep = ConnectionOptions.load(builder, stop, state);
            state.replica(lockstep.config().replicaId());
            return new Monitored(lockstep, state, server);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
    }

    /**
     * A health state for a run on a fleet (the state hears the fleet's events, not one database's), and its server
     * when a port is given; closing stops the server.
     */
    FleetMonitor openFleet(ConnectionOptions connection) {
        HealthState state = new HealthState(Clock.systemUTC(), connection.password());
        return new FleetMonitor(state, start(state));
    }

    /** @param server {@code null} without {@code --health-port} */
    record FleetMonitor(HealthState state, HealthServer server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The server, started when a port is given; {@code null} otherwise. */
    private HealthServer start(HealthState state) {
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

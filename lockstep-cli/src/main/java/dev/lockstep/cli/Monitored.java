package dev.lockstep.cli;

import dev.lockstep.Lockstep;
import dev.lockstep.cli.health.HealthServer;
import dev.lockstep.cli.health.HealthState;

/**
 * A configured library whose events feed a {@link HealthState}, served over HTTP when a health port is
 * given: what {@code migrate}, {@code exec}, {@code wait} and {@code serve} run with. Closing stops the server.
 *
 * @param server {@code null} without {@code --health-port}
 */
record Monitored(Lockstep lockstep, HealthState state, HealthServer server) implements AutoCloseable {

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}

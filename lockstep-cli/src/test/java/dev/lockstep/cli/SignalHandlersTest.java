package dev.lockstep.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignalHandlersTest {

    @Test
    void aCommandThatMigratesSaysItFinishesTheStatementOrMigration() {
        assertThat(SignalHandlers.message("TERM", false, new StopRequest()))
                .isEqualTo("lockstep: received SIGTERM: taking no new work; finishing the current statement or migration"
                        + " (up to 8s), then stopping.");
    }

    @Test
    void serveSpeaksOfItsServerNotOfMigrations() {
        StopRequest stop = new StopRequest();
        stop.stopping("stopping the status server; serve holds no lock and runs no migration.");

        assertThat(SignalHandlers.message("TERM", false, stop))
                .isEqualTo("lockstep: received SIGTERM: stopping the status server; serve holds no lock and runs no migration.");
    }
}

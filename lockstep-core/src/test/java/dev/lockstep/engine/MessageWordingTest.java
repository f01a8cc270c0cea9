package dev.lockstep.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the engine's messages word what happened. */
class MessageWordingTest {

    @Test
    void oneStatementIsSaidAsOneAndNoneAsNone() {
        assertThat(TookEffect.of(1)).isEqualTo("statement 1 took effect");
        assertThat(TookEffect.of(3)).isEqualTo("statements 1 to 3 took effect");
        assertThat(TookEffect.of(0)).isEqualTo("no statement took effect");
    }

    @Test
    void anUndoIsLoggedAsAnUndoNotAsAnApply() {
        var undo = new dev.lockstep.result.MigrationRef("6", "users", "U6__users.sql", dev.lockstep.result.MigrationType.UNDO);
        var apply = new dev.lockstep.result.MigrationRef("6", "users", "V6__users.sql", dev.lockstep.result.MigrationType.SQL);

        assertThat(LogListener.verb(undo, false) + " / " + LogListener.verb(undo, true)).isEqualTo("Undoing with / Undid with");
        assertThat(LogListener.verb(apply, false) + " / " + LogListener.verb(apply, true)).isEqualTo("Applying / Applied");
    }

    @Test
    void aDriverMessageEndingInAFullStopGetsNoSecondOne() {
        assertThat(Connector.withoutFinalStop("Too many connections.")).isEqualTo("Too many connections");
        assertThat(Connector.withoutFinalStop("FATAL: sorry, too many clients already ")).isEqualTo("FATAL: sorry, too many clients already");
    }
}

package dev.lockstep;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockstepConfigTest {

    @Test
    void defaultsToTheEmbeddedSqliteFileAndTheStandardFolder() {
        LockstepConfig config = Lockstep.configure().load().config();

        assertThat(config.url()).isEqualTo("jdbc:sqlite:lockstep.db");
        assertThat(config.locations()).containsExactly("db/migration");
        assertThat(config.table()).isEqualTo("lockstep_history");
        assertThat(config.replicaId()).matches(".+:\\d+");
    }

    @Test
    void rejectsAnUnsupportedUrlSchemeAsAConfigurationError() {
        assertThatThrownBy(() -> Lockstep.configure().url("jdbc:oracle:thin:@db:1521/x").load())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("jdbc:oracle:", "jdbc:postgresql:");
                });
    }

    @Test
    void neverShowsThePasswordInAnError() {
        assertThatThrownBy(() -> Lockstep.configure().url("postgres://db/app?password=hunter22").load())
                .hasMessageNotContaining("hunter22");
        assertThat(Lockstep.configure().url("jdbc:postgresql://db/app?password=hunter22").password("hunter22").load()
                .config().toString()).doesNotContain("hunter22");
    }

    @Test
    void rejectsTableAndSchemaNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> Lockstep.configure().table("history; DROP TABLE x").load())
                .isInstanceOf(LockstepException.class).hasMessageContaining("history table");
        assertThatThrownBy(() -> Lockstep.configure().schema("a.b").load())
                .isInstanceOf(LockstepException.class).hasMessageContaining("schema");
    }
}

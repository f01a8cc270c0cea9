package dev.lockstep.source;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaceholdersTest {
    private final Placeholders placeholders = Placeholders.of(Map.of("schema", "tenant_a", "Owner", "ada"));

    @Test
    void replacesEveryPlaceholderIgnoringTheCaseOfItsName() {
        assertThat(placeholders.resolve("CREATE TABLE ${schema}.t (o text DEFAULT '${OWNER}');", "V1__x.sql"))
                .isEqualTo("CREATE TABLE tenant_a.t (o text DEFAULT 'ada');");
    }

    @Test
    void keepsAnEscapedPlaceholderAsText() {
        assertThat(placeholders.resolve("SELECT '$${schema}', '${schema}';", "V1__x.sql"))
                .isEqualTo("SELECT '${schema}', 'tenant_a';");
    }

    @Test
    void leavesDollarBracesThatAreNoPlaceholderAlone() {
        String sql = "SELECT 'echo ${ not a name }', $$ body $$, '${unclosed';";

        assertThat(placeholders.resolve(sql, "V1__x.sql")).isEqualTo(sql);
    }

    @Test
    void namesFileAndLineOfEveryUndefinedPlaceholder() {
        assertThatThrownBy(() -> placeholders.resolve("SELECT 1;\nSELECT '${tenant}';\n\nSELECT ${region};", "db/V1__x.sql"))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_MIGRATIONS);
                    assertThat(e.getMessage()).contains("db/V1__x.sql:2: ${tenant}", "db/V1__x.sql:4: ${region}",
                            "--placeholder", "LOCKSTEP_PLACEHOLDER_");
                });
    }

    @Test
    void refusesNamesThatCannotBeWrittenInAFile() {
        assertThatThrownBy(() -> Placeholders.of(Map.of("bad name", "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad name");
        assertThatThrownBy(() -> Placeholders.of(Map.of("a", "1", "A", "2"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }
}

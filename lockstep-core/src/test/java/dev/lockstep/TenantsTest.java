package dev.lockstep;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantsTest {
    @Test
    void aTenantsFileListsOneNameALineSkippingBlankLinesAndComments() {
        Tenants tenants = Tenants.fromLines(List.of("# customers", "  acme  ", "", "globex"), "t.txt");

        assertThat(tenants.kind()).isEqualTo(Tenants.Kind.SCHEMAS);
        assertThat(tenants.names()).containsExactly("acme", "globex");
        assertThat(tenants.describe()).isEqualTo("the tenants file t.txt");
    }

    @Test
    void aTenantsFileOfUrlsSelectsByUrl() {
        Tenants tenants = Tenants.fromLines(List.of("jdbc:sqlite:a.db", "jdbc:postgresql://db/b"), "t.txt");

        assertThat(tenants.kind()).isEqualTo(Tenants.Kind.URLS);
    }

    @Test
    void aTenantsFileMixingUrlsAndSchemasIsRefused() {
        assertThatThrownBy(() -> Tenants.fromLines(List.of("acme", "jdbc:sqlite:a.db"), "t.txt"))
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION))
                .hasMessageContaining("t.txt mixes JDBC URLs and schema names");
    }

    @Test
    void anEmptyNameOrPatternIsRefused() {
        assertThatThrownBy(() -> Tenants.schemas("a", "")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Tenants.schemasLike("")).hasMessageContaining("pattern is empty");
    }

    @Test
    void aFleetNeedsItsTenantsAndAParallelismOfOneOrMore() {
        LockstepConfig.Builder base = Lockstep.configure().url("jdbc:sqlite:fleet_x.db");
        assertThatThrownBy(() -> Fleet.configure(base).load()).hasMessageContaining("a fleet needs its tenants");
        assertThatThrownBy(() -> Fleet.configure(base).tenants(Tenants.schemas("a")).parallel(0).load())
                .hasMessageContaining("parallel must be 1 to 256");
    }
}

package dev.lockstep.db.sqlite;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteProviderTest {
    private final SqliteProvider sqlite = new SqliteProvider();

    @Test
    void findsTheDatabaseFileInEveryUrlForm() {
        assertThat(sqlite.databaseFile("jdbc:sqlite:app.db")).contains(Path.of("app.db"));
        assertThat(sqlite.databaseFile("jdbc:sqlite:/var/data/app.db?journal_mode=WAL")).contains(Path.of("/var/data/app.db"));
        assertThat(sqlite.databaseFile("jdbc:sqlite:file:app.db?mode=rwc")).contains(Path.of("app.db"));
        assertThat(sqlite.databaseFile("jdbc:sqlite::memory:")).isEmpty();
    }

    @Test
    void aFleetsTenantIsAFileAndALeaseHasNoUse() {
        assertThat(sqlite.embedded()).isTrue();
        assertThat(sqlite.urlOfFile("tenants/a.db")).isEqualTo("jdbc:sqlite:tenants/a.db");
        assertThat(sqlite.whyNoLease()).hasValueSatisfying(why -> assertThat(why).contains("Remove --lock=lease"));
        assertThat(sqlite.maxTableNameLength()).as("no limit").isZero();
    }
}

package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.testing.Backfills;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables the last release created, with the DDL it ran (written out here, as it was), are read and written as they
 * are and never altered: the history, its fingerprint and a backfill's batches.
 */
class LastReleaseTablesIT {
    @TempDir
    Path folder;

    private static String lastReleaseHistory(TestDatabase.Kind kind) {
        return switch (kind) {
            case POSTGRESQL -> "CREATE TABLE lockstep_history (installed_rank INTEGER NOT NULL PRIMARY KEY,"
                    + " version VARCHAR(128), description VARCHAR(1000) NOT NULL, type VARCHAR(20) NOT NULL,"
                    + " script VARCHAR(1000) NOT NULL, checksum VARCHAR(100), status VARCHAR(20) NOT NULL,"
                    + " statements_total INTEGER NOT NULL, statements_done INTEGER NOT NULL, installed_by VARCHAR(100),"
                    + " replica VARCHAR(255), started_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " finished_at TIMESTAMP WITH TIME ZONE, execution_ms BIGINT, error TEXT)";
            case MARIADB -> "CREATE TABLE lockstep_history (installed_rank INT NOT NULL PRIMARY KEY,"
                    + " version VARCHAR(128), description VARCHAR(1000) NOT NULL, type VARCHAR(20) NOT NULL,"
                    + " script VARCHAR(1000) NOT NULL, checksum VARCHAR(100), status VARCHAR(20) NOT NULL,"
                    + " statements_total INT NOT NULL, statements_done INT NOT NULL, installed_by VARCHAR(100),"
                    + " replica VARCHAR(255), started_at DATETIME(3) NOT NULL, finished_at DATETIME(3),"
                    + " execution_ms BIGINT, error TEXT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
            case SQLITE -> "CREATE TABLE lockstep_history (installed_rank INTEGER NOT NULL PRIMARY KEY, version TEXT,"
                    + " description TEXT NOT NULL, type TEXT NOT NULL, script TEXT NOT NULL, checksum TEXT,"
                    + " status TEXT NOT NULL, statements_total INTEGER NOT NULL, statements_done INTEGER NOT NULL,"
                    + " installed_by TEXT, replica TEXT, started_at TEXT NOT NULL, finished_at TEXT, execution_ms INTEGER,"
                    + " error TEXT)";
        };
    }

    /** The companions' DDL of the last release, one text for every database. */
    private static final List<String> LAST_RELEASE_COMPANIONS = List.of(
            "CREATE TABLE lockstep_history_fingerprint (id INTEGER NOT NULL PRIMARY KEY,"
                    + " fingerprint VARCHAR(100) NOT NULL, last_rank INTEGER NOT NULL, current_version VARCHAR(128))",
            "CREATE TABLE lockstep_history_batch (checksum VARCHAR(100) NOT NULL, statement_no INTEGER NOT NULL,"
                    + " script VARCHAR(1000) NOT NULL, batches BIGINT NOT NULL, rows_done BIGINT NOT NULL,"
                    + " PRIMARY KEY (checksum, statement_no))");

    /** What the catalog says of lockstep's tables: each column's type, length and nullability, in order. */
    private static List<String> shape(TestDatabase database) throws Exception {
        return switch (database.kind()) {
            case SQLITE -> database.query("SELECT name || ': ' || sql FROM sqlite_master WHERE name LIKE 'lockstep%'"
                    + " AND type = 'table' ORDER BY name");
            case POSTGRESQL -> database.query("SELECT table_name || '.' || column_name || ' ' || data_type || ' '"
                    + " || coalesce(character_maximum_length::text, '') || ' ' || is_nullable FROM information_schema.columns"
                    + " WHERE table_schema = 'public' AND table_name LIKE 'lockstep%' ORDER BY table_name, ordinal_position");
            case MARIADB -> database.query("SELECT CONCAT(c.table_name, '.', c.column_name, ' ', c.column_type, ' ',"
                    + " c.is_nullable, ' ', COALESCE(c.collation_name, ''), ' ', t.engine, ' ', t.table_collation)"
                    + " FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema"
                    + " AND t.table_name = c.table_name WHERE c.table_schema = DATABASE() AND c.table_name LIKE 'lockstep%'"
                    + " ORDER BY c.table_name, c.ordinal_position");
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aHistoryAndCompanionsTheLastReleaseCreatedAreUsedAsTheyAreAndNeverAltered(TestDatabase.Kind kind)
            throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__users.sql"), Backfills.table(kind, 20));
        Files.writeString(migrations.resolve("V2__backfill.sql"), Backfills.backfill(kind, "-- lockstep:batch"));
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            database.execute(lastReleaseHistory(kind));
            for (String companion : LAST_RELEASE_COMPANIONS) {
                database.execute(companion);
            }
            List<String> before = shape(database);
            assertThat(before).isNotEmpty();

            LockstepConfig.Builder config = Lockstep.configure().url(database.url()).locations(migrations.toString())
                    .replicaId("it-1").connectTimeout(Duration.ofSeconds(5)).lockTimeout(Duration.ofSeconds(30));
            MigrateResult first = config.load().migrate();
            assertThat(first.applied()).hasSize(2);
            MigrateResult again = config.load().migrate();
            assertThat(again.lockTaken()).as("the fingerprint row in the old table answers").isFalse();

            assertThat(database.query("SELECT status FROM lockstep_history ORDER BY installed_rank"))
                    .containsExactly("applied", "applied");
            assertThat(database.query("SELECT last_rank FROM lockstep_history_fingerprint")).containsExactly("2");
            assertThat(database.query("SELECT count(*) FROM users WHERE email_lower IS NULL")).containsExactly("0");
            assertThat(shape(database)).as("no table of the last release altered").isEqualTo(before);
        }
    }
}

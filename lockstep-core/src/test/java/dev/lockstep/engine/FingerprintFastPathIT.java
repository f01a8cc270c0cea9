package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.error.LockstepException;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The no-pending start on every database: the fingerprint recorded beside the history answers it
 * from one row, and whatever that row cannot vouch for falls back to the full read and the planner.
 */
class FingerprintFastPathIT {
    @TempDir
    Path folder;

    private Path migrations;
    private TestDatabase database;

    private LockstepConfig.Builder configure() {
        return Lockstep.configure().url(database.url()).locations(migrations.toString()).replicaId("it-1")
                .connectTimeout(Duration.ofSeconds(5)).lockTimeout(Duration.ofSeconds(30));
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }

    private void assertInvalid() {
        assertThatThrownBy(() -> configure().load().migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("V1__create.sql");
                });
    }

    /** Schema-qualified on PostgreSQL; the connected database elsewhere. */
    private String table(String name) {
        return database.kind() == TestDatabase.Kind.POSTGRESQL ? "public." + name : name;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void answersAnUpToDateStartFromTheFingerprintAndFallsBackToTheFullReadWhenItCannotVouch(TestDatabase.Kind kind)
            throws Exception {
        migrations = Files.createDirectories(folder.resolve("db/migration"));
        try (TestDatabase created = TestDatabase.create(kind, folder)) {
            database = created;
            String history = table("lockstep_history");
            String fingerprint = table("lockstep_history_fingerprint");
            write("V1__create.sql", "CREATE TABLE t (id INTEGER);\n");
            write("V2__seed.sql", "INSERT INTO t (id) VALUES (1);\n");

            configure().load().migrate();
            assertThat(database.query("SELECT last_rank FROM " + fingerprint)).containsExactly("2");
            MigrateResult again = configure().load().migrate();
            assertThat(again.lockTaken()).isFalse();
            assertThat(again.currentVersion()).isEqualTo("2");

            // An edited applied file changes the fingerprint: the full read finds the mismatch.
            write("V1__create.sql", "CREATE TABLE t (id INTEGER, edited INTEGER);\n");
            assertInvalid();
            write("V1__create.sql", "CREATE TABLE t (id INTEGER);\n");

            // A new file changes it too, and is applied; the fingerprint then covers it.
            write("V3__more.sql", "INSERT INTO t (id) VALUES (3);\n");
            assertThat(configure().load().migrate().applied()).hasSize(1);
            assertThat(database.query("SELECT last_rank FROM " + fingerprint)).containsExactly("3");

            // The row is trusted while the history's highest rank is the recorded one, so an in-place
            // edit goes unseen until the row is cleared (the contract of FingerprintTable) ...
            String recorded = database.query("SELECT checksum FROM " + history + " WHERE version = '1'").get(0);
            database.execute("UPDATE " + history + " SET checksum = 'sha256:edited-in-place' WHERE version = '1'");
            assertThat(configure().load().migrate().lockTaken()).isFalse();
            // ... while a history that grew or shrank since makes the row stale, and so does clearing it.
            database.execute("UPDATE " + fingerprint + " SET last_rank = 2");
            assertInvalid();
            database.execute("UPDATE " + fingerprint + " SET last_rank = 3");
            assertThat(configure().load().migrate().lockTaken()).as("the row vouches again").isFalse();
            database.execute("DELETE FROM " + fingerprint);
            assertInvalid();
            database.execute("UPDATE " + history + " SET checksum = '" + recorded + "' WHERE version = '1'");

            // A history made by an older lockstep, without the companion table, still works.
            database.execute("DROP TABLE " + fingerprint);
            MigrateResult older = configure().load().migrate();
            assertThat(older.lockTaken()).isFalse();
            assertThat(older.currentVersion()).isEqualTo("3");
            write("V1__create.sql", "CREATE TABLE t (id INTEGER, edited INTEGER);\n");
            assertInvalid();
            write("V1__create.sql", "CREATE TABLE t (id INTEGER);\n");
            write("V4__more.sql", "INSERT INTO t (id) VALUES (4);\n");
            assertThat(configure().load().migrate().applied()).hasSize(1);
            assertThat(database.query("SELECT last_rank FROM " + fingerprint)).containsExactly("4");
        }
    }
}

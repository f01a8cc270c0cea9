package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** When the engine records the fingerprint of the local files beside the history, on a SQLite file. */
class FingerprintRecordingTest {
    @TempDir
    Path dir;
    Path migrations;
    TestDatabase database;

    @BeforeEach
    void setUp() throws Exception {
        migrations = Files.createDirectories(dir.resolve("db/migration"));
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
    }

    private LockstepConfig.Builder configure() {
        return Lockstep.configure().url(database.url()).locations(migrations.toString()).replicaId("test-1");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }

    @Test
    void recordsTheFingerprintAndHighestRankOnceEverythingIsApplied() throws Exception {
        write("V1__create.sql", "CREATE TABLE t (id INTEGER);");
        write("R__view.sql", "CREATE VIEW IF NOT EXISTS v AS SELECT id FROM t;");

        configure().load().migrate();

        assertThat(database.query("SELECT last_rank || ' ' || current_version FROM lockstep_history_fingerprint"))
                .containsExactly("2 1");
        assertThat(database.query("SELECT fingerprint FROM lockstep_history_fingerprint").get(0)).startsWith("sha256:");
    }

    @Test
    void recordsNothingWhileTheHistoryHoldsMigrationsUnknownLocallySoEveryStartKeepsWarning() throws Exception {
        write("V1__create.sql", "CREATE TABLE t (id INTEGER);");
        write("V2__newer_release.sql", "CREATE TABLE u (id INTEGER);");
        configure().load().migrate();
        Files.delete(migrations.resolve("V2__newer_release.sql"));
        write("V3__more.sql", "CREATE TABLE w (id INTEGER);");
        database.execute("DELETE FROM lockstep_history_fingerprint");

        MigrateResult applied = configure().load().migrate();
        MigrateResult next = configure().load().migrate();

        assertThat(applied.applied()).hasSize(1);
        assertThat(database.query("SELECT COUNT(*) FROM lockstep_history_fingerprint")).containsExactly("0");
        assertThat(next.lockTaken()).isFalse();
        assertThat(next.warnings()).anySatisfy(w -> assertThat(w).contains("V2__newer_release.sql"));
    }
}

package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code running} row of a migration is committed before its first statement, and costs no commit of its own
 * when the migration before it ran in one transaction: it commits with that one, with the {@code applied} row
 * (decision 0053). Other replicas see who is running what from the moment the previous migration commits.
 */
class NextRunningRowIT {
    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theNextMigrationsRunningRowCommitsWithTheOneBefore(TestDatabase.Kind kind) throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        // V1 has DDL (statement by statement on MariaDB); V2 and V3 change rows only: one transaction each everywhere.
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE items (id INT PRIMARY KEY);\n");
        Files.writeString(migrations.resolve("V2__first.sql"), "INSERT INTO items VALUES (1);\nINSERT INTO items VALUES (2);\n");
        Files.writeString(migrations.resolve("V3__second.sql"), "INSERT INTO items VALUES (3);\n");
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            List<String> seenWhenV2Committed = new ArrayList<>();
            MigrationListener watcher = new MigrationListener() {
                @Override
                public void migrationApplied(MigrationRef migration, Duration took) {
                    if (migration.script().equals("V2__first.sql")) {
                        try {
                            seenWhenV2Committed.addAll(database.query("SELECT " + concat(kind)
                                    + " FROM lockstep_history ORDER BY installed_rank"));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            };
            LockstepConfig.Builder config = Lockstep.configure().url(database.url()).locations(migrations.toString())
                    .replicaId("next-row").connectTimeout(Duration.ofSeconds(5)).listener(watcher);

            config.load().migrate();

            assertThat(seenWhenV2Committed).as("another session, as V2 committed, before V3's first statement")
                    .containsExactly("1:applied:1", "2:applied:2", "3:running:0");
            assertThat(database.query("SELECT " + concat(kind) + " FROM lockstep_history ORDER BY installed_rank"))
                    .containsExactly("1:applied:1", "2:applied:2", "3:applied:1");
            assertThat(database.query("SELECT COUNT(*) FROM items")).containsExactly("3");
        }
    }

    private static String concat(TestDatabase.Kind kind) {
        return kind == TestDatabase.Kind.MARIADB ? "CONCAT(version, ':', status, ':', statements_done)"
                : "version || ':' || status || ':' || statements_done";
    }
}

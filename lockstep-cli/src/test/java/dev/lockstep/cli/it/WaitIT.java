package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lockstep wait} in an init container, as an unprivileged user: it ends when another process has migrated. */
class WaitIT {
    @TempDir
    Path folder;

    private Path migrations(TestDatabase database) throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE customers (id int);\n");
        Files.writeString(migrations.resolve("V2__slow.sql"), database.sleepSql(2) + "\n");
        return migrations;
    }

    @Test
    void returnsZeroOnceAnotherProcessHasMigrated() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            Path migrations = migrations(database);
            CliProcess wait = CliProcess.startUnprivileged(folder, "wait", Map.of(), "wait", "--url", database.url(),
                    "--locations", migrations.toString(), "--timeout", "90s");
            wait.awaitStderr(Pattern.compile("Waiting for the schema .*2 pending: V1__create.sql, V2__slow.sql"), 60);

            CliProcess migrator = CliProcess.start(folder, "migrator", "migrate", "--url", database.url(),
                    "--locations", migrations.toString(), "--replica-id", "migrator");

            assertThat(migrator.exitCode(60)).as(migrator.stderr()).isZero();
            assertThat(wait.exitCode(30)).as(wait.stderr()).isZero();
            assertThat(wait.stdout()).contains("is up to date at version 2");
        }
    }

    @Test
    void exitsFourWhenNothingMigratesWithinTheTimeout() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            CliProcess wait = CliProcess.startUnprivileged(folder, "wait", Map.of(), "wait", "--url", database.url(),
                    "--locations", migrations(database).toString(), "--timeout", "2s");

            assertThat(wait.exitCode(60)).as(wait.stderr()).isEqualTo(4);
            assertThat(wait.stderr()).contains("Gave up waiting for the schema", "after 2s", "2 pending");
            assertThat(database.query("SELECT count(*) FROM pg_tables WHERE tablename = 'lockstep_history'"))
                    .as("a wait creates nothing").containsExactly("0");
        }
    }
}

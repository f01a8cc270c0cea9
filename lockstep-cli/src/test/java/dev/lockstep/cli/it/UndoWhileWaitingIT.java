package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code undo} chooses what to undo when it starts: a version another replica applies while undo waits for the
 * lock is not undone in place of the one chosen; nothing is undone, with exit 2 and what changed. Real processes
 * on PostgreSQL.
 */
class UndoWhileWaitingIT {
    @TempDir
    Path folder;

    @Test
    void undoDoesNotUndoAVersionAppliedWhileItWaitedForTheLock() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            Path migrations = Files.createDirectories(folder.resolve("migrations"));
            write(migrations, "V1__a.sql", "CREATE TABLE adversarial_a (id int);");
            write(migrations, "U1__a.sql", "DROP TABLE adversarial_a;");
            write(migrations, "V2__b.sql", "CREATE TABLE adversarial_b (id int);");
            write(migrations, "U2__b.sql", "DROP TABLE adversarial_b;");
            String[] common = {"--url", database.url(), "--locations", migrations.toString(), "--lock-timeout", "1m"};
            assertThat(CliProcess.start(folder, "adversarial-first", concat("migrate", common)).exitCode(60)).isZero();
            write(migrations, "V3__c.sql", "CREATE TABLE adversarial_c (id int);\nSELECT pg_sleep(4);");
            write(migrations, "U3__c.sql", "DROP TABLE adversarial_c;");

            CliProcess migrator = CliProcess.start(folder, "adversarial-migrator", concat("migrate", common));
            migrator.awaitStderr(Pattern.compile("Applying V3__c.sql"), 60);
            CliProcess undo = CliProcess.start(folder, "adversarial-undo", concat("undo", common));

            assertThat(undo.exitCode(60)).as("stderr:%n%s", undo.stderr()).isEqualTo(2);
            assertThat(undo.stderr()).contains("chose to undo version 2").contains("would now undo version 3");
            assertThat(migrator.exitCode(60)).isZero();
            assertThat(statuses(database.url())).containsExactly("1 applied", "2 applied", "3 applied");
        }
    }

    private static void write(Path folder, String name, String sql) throws Exception {
        Files.writeString(folder.resolve(name), sql + "\n");
    }

    private static String[] concat(String command, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = command;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static List<String> statuses(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version || ' ' || status FROM lockstep_history ORDER BY installed_rank")) {
            List<String> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(r.getString(1));
            }
            return rows;
        }
    }
}

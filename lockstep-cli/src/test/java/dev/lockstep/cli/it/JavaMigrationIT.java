package dev.lockstep.cli.it;

import dev.lockstep.testing.Backfills;
import dev.lockstep.testing.JavaMigrations;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Java migration in a jar given with {@code --classpath}, in real {@code lockstep} processes on each database:
 * {@code info} lists it as JAVA, {@code migrate --dry-run} shows it as a Java step, {@code migrate} applies it and
 * records it; its backfill, SIGKILLed half-way, is resumed by the next migrate with the next batch, every row
 * backfilled once.
 */
@Timeout(300)
class JavaMigrationIT {
    private static final String CLASS = "db.migration.V3__Backfill_email_lower";

    @TempDir
    Path folder;

    /** V1 and V2 as SQL files in a folder, V3 (the backfill) as a class in a jar. */
    private Path jar(TestDatabase database, int rows) throws Exception {
        Path sql = Files.createDirectories(folder.resolve("sql"));
        Files.writeString(sql.resolve("V1__users.sql"), Backfills.table(database.kind(), rows));
        Files.writeString(sql.resolve("V2__email_lower.sql"), "ALTER TABLE users ADD COLUMN email_lower VARCHAR(200);\n");
        return JavaMigrations.jar(folder.resolve("migrations.jar"), Map.of("V3__Backfill_email_lower",
                JavaMigrations.backfill(database.kind(), "V3__Backfill_email_lower", 200)), Map.of());
    }

    private CliProcess run(TestDatabase database, Path jar, String name, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--url", database.url(), "--classpath", jar.toString(), "--locations",
                folder.resolve("sql") + ",classpath:db/migration", "--connect-timeout", "5s", "--lock-timeout", "30s"));
        return CliProcess.start(folder, name, args.toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aJavaMigrationInAJarOnTheClasspathIsListedShownAndApplied(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "javamig_")) {
            Path jar = jar(database, 20_000);
            assertThat(run(database, jar, "first", "migrate", "--target", "2").exitCode(120)).isZero();

            CliProcess info = run(database, jar, "info", "info");
            assertThat(info.exitCode(60)).as(info.stderr()).isZero();
            assertThat(info.stdout()).containsPattern("(?m)^ *3 .*Backfill email lower .*JAVA .*pending");
            CliProcess dryRun = run(database, jar, "dry-run", "migrate", "--dry-run");
            assertThat(dryRun.exitCode(60)).as(dryRun.stderr()).isZero();
            assertThat(dryRun.stdout()).contains("-- Java migration: " + CLASS + ".migrate(context);",
                    "outside a transaction");

            CliProcess migrate = run(database, jar, "migrate", "migrate");
            assertThat(migrate.exitCode(120)).as(migrate.stderr()).isZero();
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1 AND email_lower = lower(email)"))
                    .containsExactly("20000");
            assertThat(database.query("SELECT " + Backfills.concat(kind, Backfills.concat(kind, "type", "script"),
                    "status") + " FROM lockstep_history WHERE version = '3'")).containsExactly("JAVA:" + CLASS + ":applied");
            assertThat(run(database, jar, "validate", "validate").exitCode(60)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void sigkillHalfWayThroughAJavaBackfillThenTheNextMigrateResumesIt(TestDatabase.Kind kind) throws Exception {
        int rows = 200_000;
        try (TestDatabase database = TestDatabase.create(kind, folder, "javamig_")) {
            Path jar = jar(database, rows);
            CliProcess killed = run(database, jar, "killed", "migrate");
            BackfillIT.awaitBatches(database, 5);
            killed.process().destroyForcibly();
            killed.process().waitFor();

            String counted = database.query("SELECT rows_done FROM lockstep_history_batch").get(0);
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1")).as("rows of committed batches")
                    .containsExactly(counted);
            assertThat(Integer.parseInt(counted)).isBetween(5 * Backfills.BATCH, rows - Backfills.BATCH);

            CliProcess successor = run(database, jar, "successor", "migrate");

            assertThat(successor.exitCode(240)).as(successor.stderr()).isZero();
            assertThat(successor.stderr()).contains("was left running by replica", "a Java migration outside a"
                    + " transaction runs again", "Resuming the backfill at statement 1", "rows were done",
                    counted + " rows were done");
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1 AND email_lower = lower(email)"))
                    .containsExactly(Integer.toString(rows));
            assertThat(database.query("SELECT count(*) FROM users WHERE touched > 1")).containsExactly("0");
            assertThat(database.query("SELECT status FROM lockstep_history WHERE version = '3' ORDER BY installed_rank"))
                    .containsExactly("failed", "applied");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void sigkillDuringAJavaMigrationInOneTransactionLeavesNothingAndTheNextMigrateRunsItAgain(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "javamig_")) {
            Path sql = Files.createDirectories(folder.resolve("sql"));
            Files.writeString(sql.resolve("V1__users.sql"), Backfills.table(database.kind(), 1000));
            Files.writeString(sql.resolve("V2__email_lower.sql"), "ALTER TABLE users ADD COLUMN email_lower VARCHAR(200);\n");
            Path jar = JavaMigrations.jar(folder.resolve("migrations.jar"), Map.of("V3__Touch_users", """
                    package db.migration;

                    import dev.lockstep.migration.Context;
                    import dev.lockstep.migration.JavaMigration;
                    import java.sql.Statement;

                    public class V3__Touch_users implements JavaMigration {
                        @Override
                        public void migrate(Context context) throws Exception {
                            try (Statement update = context.connection().createStatement()) {
                                update.executeUpdate("UPDATE users SET touched = touched + 1");
                            }
                            if (System.getenv("JAVAMIG_HOLD") != null) {
                                Thread.sleep(120_000); // killed here, its UPDATE not committed
                            }
                        }
                    }
                    """), Map.of());
            List<String> args = List.of("migrate", "--url", database.url(), "--classpath", jar.toString(), "--locations",
                    sql + ",classpath:db/migration", "--connect-timeout", "5s", "--lock-timeout", "30s");
            CliProcess killed = CliProcess.start(folder, "killed", Map.of("JAVAMIG_HOLD", "1"), args.toArray(String[]::new));
            database.awaitRunning("db.migration.V3__Touch_users");
            Thread.sleep(500); // into its sleep, past the UPDATE
            killed.process().destroyForcibly();
            killed.process().waitFor();

            assertThat(database.query("SELECT count(*) FROM users WHERE touched > 0")).containsExactly("0");
            CliProcess successor = CliProcess.start(folder, "successor", args.toArray(String[]::new));

            assertThat(successor.exitCode(120)).as(successor.stderr()).isZero();
            assertThat(successor.stderr()).contains("was left running by replica", "the database rolled the migration back");
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1")).containsExactly("1000");
            assertThat(database.query("SELECT status FROM lockstep_history WHERE version = '3' ORDER BY installed_rank"))
                    .containsExactly("failed", "applied");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void sigtermStopsAJavaBackfillBetweenTwoBatchesWithExit143AndTheNextMigrateFinishesIt(TestDatabase.Kind kind)
            throws Exception {
        int rows = 200_000;
        try (TestDatabase database = TestDatabase.create(kind, folder, "javamig_")) {
            Path jar = jar(database, rows);
            CliProcess stopped = run(database, jar, "stopped", "migrate", "--stop-grace", "20s");
            BackfillIT.awaitBatches(database, 3);
            stopped.process().destroy(); // SIGTERM

            assertThat(stopped.exitCode(30)).as(stopped.stderr()).isEqualTo(143);
            assertThat(stopped.stderr()).contains("stopped between two batches of backfill 1 of the Java migration",
                    "the backfill resumes with its next batch");
            String counted = database.query("SELECT rows_done FROM lockstep_history_batch").get(0);
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1")).containsExactly(counted);

            CliProcess next = run(database, jar, "next", "migrate");
            assertThat(next.exitCode(240)).as(next.stderr()).isZero();
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1 AND email_lower = lower(email)"))
                    .containsExactly(Integer.toString(rows));
        }
    }
}

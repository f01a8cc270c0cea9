package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.DryRunResult;
import dev.lockstep.result.MigrationInfo;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.MigrationState;
import dev.lockstep.result.MigrationType;
import dev.lockstep.source.Checksum;
import dev.lockstep.testing.Backfills;
import dev.lockstep.testing.JavaMigrations;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Java migration in a jar on the library's class loader, on each database: {@code info} lists it as JAVA, a dry run
 * shows it as a Java step, {@code migrate} applies it with its history row (type JAVA, the class as its script, the
 * checksum of what the class gives), {@code validate} catches a changed checksum; its backfill commits batch by batch,
 * a stop between two batches leaves a resumable row, and the next migrate resumes with the next batch.
 */
@Timeout(300)
class JavaMigrationIT {
    private static final int ROWS = 40_000;
    private static final String CLASS = "db.migration.V3__Backfill_email_lower";

    @TempDir
    Path folder;

    private Path sqlMigrations(TestDatabase database) throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("sql"));
        Files.writeString(migrations.resolve("V1__users.sql"), Backfills.table(database.kind(), ROWS));
        Files.writeString(migrations.resolve("V2__email_lower.sql"), "ALTER TABLE users ADD COLUMN email_lower VARCHAR(200);\n");
        return migrations;
    }

    private URLClassLoader jar(TestDatabase database, String name, String extra) throws Exception {
        String source = JavaMigrations.backfill(database.kind(), "V3__Backfill_email_lower", 0).replace(
                "    @Override\n    public boolean canExecuteInTransaction", extra + "    @Override\n    public boolean canExecuteInTransaction");
        Path jar = JavaMigrations.jar(folder.resolve(name), Map.of("V3__Backfill_email_lower", source), Map.of());
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
    }

    private LockstepConfig.Builder configure(TestDatabase database, Path migrations, ClassLoader loader) {
        return Lockstep.configure().url(database.url()).locations(migrations.toString(), "classpath:db/migration")
                .classLoader(loader).connectTimeout(Duration.ofSeconds(5)).ddlLockTimeout(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aJavaMigrationInAJarIsListedShownAppliedRecordedAndValidated(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "javamig_");
             URLClassLoader loader = jar(database, "v3.jar", "")) {
            Path migrations = sqlMigrations(database);
            configure(database, migrations, loader).target("2").load().migrate();

            MigrationInfo pending = configure(database, migrations, loader).load().info().migrations().get(2);
            assertThat(pending.type()).isEqualTo(MigrationType.JAVA);
            assertThat(pending.version()).isEqualTo("3");
            assertThat(pending.description()).isEqualTo("Backfill email lower");
            assertThat(pending.script()).isEqualTo(CLASS);
            assertThat(pending.state()).isEqualTo(MigrationState.PENDING);
            assertThat(pending.checksum()).isEqualTo(Checksum.of(CLASS));

            DryRunResult.Step step = configure(database, migrations, loader).load().dryRunMigrate().steps().get(0);
            assertThat(step.script()).isEqualTo(CLASS);
            assertThat(step.inTransaction()).isFalse();
            assertThat(step.statements()).containsExactly("-- Java migration: " + CLASS + ".migrate(context)");

            configure(database, migrations, loader).load().migrate();

            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1 AND email_lower = lower(email)"))
                    .containsExactly(Integer.toString(ROWS));
            assertThat(database.query("SELECT " + Backfills.concat(kind, Backfills.concat(kind, "type", "script"),
                    "status") + " FROM lockstep_history WHERE version = '3'"))
                    .containsExactly("JAVA:" + CLASS + ":applied");
            assertThat(database.query("SELECT count(*) FROM lockstep_history_batch")).as("counts go with the applied row")
                    .containsExactly("0");
            assertThat(configure(database, migrations, loader).load().validate().isValid()).isTrue();

            try (URLClassLoader changed = jar(database, "v3-changed.jar",
                    "    @Override\n    public String checksum() {\n        return \"2\";\n    }\n\n")) {
                assertThat(configure(database, migrations, changed).load().validate().errors())
                        .singleElement().satisfies(p -> assertThat(p.message()).contains("3"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aStopBetweenTwoBatchesOfAJavaBackfillIsResumedWithTheNextBatch(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "javamig_");
             URLClassLoader loader = jar(database, "v3.jar", "")) {
            Path migrations = sqlMigrations(database);
            Lockstep[] stopped = new Lockstep[1];
            stopped[0] = configure(database, migrations, loader).listener(new MigrationListener() {
                @Override
                public void batchProgress(MigrationRef migration, BatchProgress progress) {
                    if (progress.batches() == 3) {
                        stopped[0].stop();
                    }
                }
            }).load();

            assertThatThrownBy(stopped[0]::migrate).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.TERMINATED);
                assertThat(e.getMessage()).contains("between two batches of backfill 1 of the Java migration after 3"
                        + " batches and 15000 rows", "the backfill resumes with its next batch");
            });
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1")).containsExactly("15000");
            assertThat(database.query("SELECT error FROM lockstep_history WHERE version = '3'")).singleElement()
                    .asString().startsWith("resumable: stopped between two batches of backfill 1");

            List<BatchProgress> resumed = new java.util.concurrent.CopyOnWriteArrayList<>();
            configure(database, migrations, loader).listener(new MigrationListener() {
                @Override
                public void batchProgress(MigrationRef migration, BatchProgress progress) {
                    resumed.add(progress);
                }
            }).load().migrate();

            assertThat(resumed).first().satisfies(p -> assertThat(p.batches()).isEqualTo(4));
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1 AND email_lower = lower(email)"))
                    .containsExactly(Integer.toString(ROWS));
            assertThat(database.query("SELECT status FROM lockstep_history WHERE version = '3' ORDER BY installed_rank"))
                    .containsExactly("failed", "applied");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aJavaMigrationInOneTransactionThatFailsLeavesNothingAndMayNotTakeTheTransactionFromLockstep(
            TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "javamig_")) {
            Path migrations = sqlMigrations(database);
            configure(database, migrations, getClass().getClassLoader()).locations(migrations.toString()).target("2").load()
                    .migrate();
            String insert = "try (java.sql.Statement s = context.connection().createStatement()) {"
                    + " s.executeUpdate(\"UPDATE users SET touched = 9\"); }\n";
            for (String[] attempt : new String[][] {
                    {"context.connection().commit();", "called Connection.commit(): lockstep owns the migration's connection"},
                    {"context.backfill(c -> 0);", "runs in one transaction; return false from canExecuteInTransaction()"},
                    {"throw new IllegalStateException(\"no emails to fill\");", "java.lang.IllegalStateException: no emails to fill"}}) {
                String source = "package db.migration;\nimport dev.lockstep.migration.*;\npublic class V3__Fails"
                        + " implements JavaMigration {\npublic void migrate(Context context) throws Exception {\n"
                        + insert + attempt[0] + "\n}\n}\n";
                Path jar = JavaMigrations.jar(Files.createTempDirectory(folder, "jar").resolve("v3.jar"),
                        Map.of("V3__Fails", source), Map.of());
                try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
                    assertThatThrownBy(() -> configure(database, migrations, loader).load().migrate())
                            .isInstanceOfSatisfying(LockstepException.class, e -> {
                                assertThat(e.reason()).isEqualTo(Reason.MIGRATION_FAILED);
                                assertThat(e.getMessage()).contains("classpath:db/migration/V3__Fails.class failed at"
                                        + " its migrate method", attempt[1], "rolled the migration back");
                            });
                }
                assertThat(database.query("SELECT count(*) FROM users WHERE touched <> 0")).as(attempt[0]).containsExactly("0");
            }
            assertThat(database.query("SELECT status FROM lockstep_history WHERE version = '3'"))
                    .containsExactly("failed", "failed", "failed");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aJavaMigrationOutsideATransactionThatFailsKeepsItsBatchesAndRunsAgainOnTheNextMigrate(TestDatabase.Kind kind)
            throws Exception {
        String failAfterBackfill = "        if (System.getProperty(\"javamig.fail\") != null) {\n"
                + "            throw new IllegalStateException(\"the mail server is down\");\n        }\n";
        try (TestDatabase database = TestDatabase.create(kind, folder, "javamig_");
             URLClassLoader loader = jar(database, "v3.jar", "")) {
            Path migrations = sqlMigrations(database);
            String source = JavaMigrations.backfill(kind, "V3__Backfill_email_lower", 0)
                    .replace("        }, Duration.ofMillis(0), 0);\n", "        }, Duration.ofMillis(0), 0);\n" + failAfterBackfill);
            Path jar = JavaMigrations.jar(folder.resolve("failing.jar"), Map.of("V3__Backfill_email_lower", source), Map.of());
            try (URLClassLoader failing = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
                System.setProperty("javamig.fail", "yes");
                try {
                    assertThatThrownBy(() -> configure(database, migrations, failing).load().migrate())
                            .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.getMessage()).contains(
                                    "failed at its migrate method: java.lang.IllegalStateException: the mail server is down",
                                    "what it committed stays", "runs it again from the start"));
                } finally {
                    System.clearProperty("javamig.fail");
                }
                assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1")).as("its batches stay")
                        .containsExactly(Integer.toString(ROWS));

                configure(database, migrations, failing).load().migrate();
            }
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1")).as("no row backfilled twice")
                    .containsExactly(Integer.toString(ROWS));
            assertThat(database.query("SELECT status FROM lockstep_history WHERE version = '3' ORDER BY installed_rank"))
                    .containsExactly("failed", "applied");
        }
    }
}

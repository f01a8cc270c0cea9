package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.testing.Backfills;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A backfill ({@code -- lockstep:batch}) on a table of 200,000 rows on each database: it runs in batches of 5,000,
 * each in its own transaction, while an application keeps updating single rows with a short lock timeout of its
 * own, and every one of those writes succeeds; a stop between batches leaves a resumable row, and the next migrate
 * goes on with the next batch, so every row is backfilled exactly once.
 */
@Timeout(300)
class BackfillIT {
    static final int ROWS = 200_000;
    
    @TempDir
    Path folder;

    private LockstepConfig.Builder configure(TestDatabase database, Path migrations) {
        return Lockstep.configure().url(database.url()).locations(migrations.toString())
                .connectTimeout(Duration.ofSeconds(5)).ddlLockTimeout(Duration.ofSeconds(2));
    }

    private Path migrations(TestDatabase database, String directive) throws Exception {
        return migrationsWith(database, Backfills.backfill(database.kind(), directive));
    }

    private Path migrationsWith(TestDatabase database, String v2) throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__users.sql"), Backfills.table(database.kind(), ROWS));
        Files.writeString(migrations.resolve("V2__email_lower.sql"), v2);
        return migrations;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void backfillsInBatchesWhileEveryApplicationWriteSucceeds(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "backfill_")) {
            Path migrations = migrations(database, "-- lockstep:batch");
            configure(database, migrations).target("1").load().migrate();
            database.execute(Backfills.analyze(kind));
            List<BatchProgress> progress = new CopyOnWriteArrayList<>();

            Writes writes = migrateWhileWriting(database, migrations, progress);

            assertThat(writes.failures()).as("application writes during the backfill").isEmpty();
            assertThat(writes.succeeded()).isPositive();
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1 AND email_lower = lower(email)"))
                    .containsExactly(Integer.toString(ROWS));
            assertThat(progress).last().satisfies(last -> {
                assertThat(last.finished()).isTrue();
                assertThat(last.batches()).isEqualTo(ROWS / Backfills.BATCH);
                assertThat(last.rows()).isEqualTo(ROWS);
                assertThat(last.statement()).isEqualTo(2);
            });
            assertThat(progress.get(0).rowsLeft()).as("the catalog's estimate of the table, less the first batch")
                    .isPositive().isLessThan(2L * ROWS);
            if (kind == TestDatabase.Kind.SQLITE) {
                assertThat(progress.get(0).rowsLeft()).as("sqlite_stat1 counts exactly").isEqualTo(ROWS - Backfills.BATCH);
            }
            assertThat(database.query("SELECT " + Backfills.concat(kind, "status", "statements_done")
                    + " FROM lockstep_history WHERE version = '2'")).containsExactly("applied:2");
            assertThat(database.query("SELECT count(*) FROM lockstep_history_batch")).as("counts of an applied migration")
                    .containsExactly("0");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void keyRangesBackfillEveryRowOnceWhileEveryApplicationWriteSucceeds(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "keyrange_")) {
            Path migrations = migrationsWith(database, Backfills.keyed(""));
            configure(database, migrations).target("1").load().migrate();
            database.execute("DELETE FROM users WHERE id % 10 = 0"); // gaps: a range spans 5,000 keys, not 5,000 ids
            int rows = ROWS - ROWS / 10;
            List<BatchProgress> progress = new CopyOnWriteArrayList<>();

            Writes writes = migrateWhileWriting(database, migrations, progress);

            assertThat(writes.failures()).as("application writes during the backfill").isEmpty();
            assertThat(writes.succeeded()).isPositive();
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1 AND email_lower = lower(email)"))
                    .containsExactly(Integer.toString(rows));
            assertThat(database.query("SELECT count(*) FROM users WHERE touched <> 1")).containsExactly("0");
            assertThat(progress).first().satisfies(first -> {
                assertThat(first.rows()).isEqualTo(Backfills.BATCH);
                assertThat(first.rowsLeft()).as("exact from the keys").isEqualTo(rows - Backfills.BATCH);
            });
            assertThat(progress).last().satisfies(last -> {
                assertThat(last.finished()).isTrue();
                assertThat(last.batches()).isEqualTo(rows / Backfills.BATCH);
                assertThat(last.rows()).isEqualTo(rows);
            });
            assertThat(database.query("SELECT " + Backfills.concat(kind, "status", "statements_done")
                    + " FROM lockstep_history WHERE version = '2'")).containsExactly("applied:2");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aStoppedKeyRangeBackfillResumesPastItsJournaledKey(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "keyrange_")) {
            Path migrations = migrationsWith(database, Backfills.keyed("pause=10ms"));
            Lockstep[] stopped = new Lockstep[1];
            stopped[0] = configure(database, migrations).listener(new MigrationListener() {
                @Override
                public void batchProgress(MigrationRef migration, BatchProgress progress) {
                    if (progress.batches() == 7) {
                        stopped[0].stop();
                    }
                }
            }).load();

            assertThatThrownBy(stopped[0]::migrate).isInstanceOfSatisfying(LockstepException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.TERMINATED));
            assertThat(database.query("SELECT " + Backfills.concat(kind, "b.batches", "k.last_key") + " FROM lockstep_history_batch b"
                    + " JOIN lockstep_history_batch_key k ON k.checksum = b.checksum AND k.statement_no = b.statement_no"))
                    .containsExactly("7:35000");
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1 AND id <= 35000")).containsExactly("35000");
            assertThat(database.query("SELECT count(*) FROM users WHERE touched <> 0 AND id > 35000")).containsExactly("0");

            List<BatchProgress> second = new CopyOnWriteArrayList<>();
            configure(database, migrations).listener(progressInto(second)).load().migrate();

            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1")).containsExactly(Integer.toString(ROWS));
            assertThat(second).first().satisfies(p -> {
                assertThat(p.batches()).isEqualTo(8);
                assertThat(p.rowsLeft()).isEqualTo(ROWS - 40_000);
            });
            assertThat(second).last().satisfies(p -> assertThat(p.rowsThisRun()).isEqualTo(ROWS - 35_000));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void refusesAKeyThatIsNotTheTablesIntegerPrimaryKeyBeforeAnythingRuns(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "keyrange_")) {
            Path migrations = Files.createDirectories(folder.resolve("db/migration"));
            Files.writeString(migrations.resolve("V1__users.sql"), Backfills.table(kind, 10)
                    + "CREATE TABLE tags (name VARCHAR(50) PRIMARY KEY, n INTEGER);\n");
            Files.writeString(migrations.resolve("V2__email_lower.sql"), "ALTER TABLE users ADD COLUMN email_lower"
                    + " VARCHAR(200);\n\n-- lockstep:batch key=visits\nUPDATE users SET email_lower = lower(email);\n");

            // V1 and V2 in one run: V1's transaction writes V2's running row ahead, which the refusal withdraws.
            assertThatThrownBy(configure(database, migrations).load()::migrate)
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_MIGRATIONS);
                        assertThat(e.getMessage()).contains("V2__email_lower.sql:4: -- lockstep:batch key=visits",
                                "the primary key of users is id, not visits", "Nothing was applied from it");
                    });
            assertThat(database.query("SELECT count(*) FROM lockstep_history WHERE version = '2'")).containsExactly("0");
            assertThat(database.query("SELECT status FROM lockstep_history WHERE version = '1'")).containsExactly("applied");

            Files.writeString(migrations.resolve("V2__email_lower.sql"),
                    "-- lockstep:batch key=name\nUPDATE tags SET n = 1;\n");
            assertThatThrownBy(configure(database, migrations).load()::migrate)
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_MIGRATIONS);
                        assertThat(e.getMessage()).contains("V2__email_lower.sql:2:", "is of type", "not an integer");
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aStopBetweenBatchesIsResumedWithTheNextBatchAndNoRowIsBackfilledTwice(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "backfill_")) {
            Path migrations = migrations(database, "-- lockstep:batch pause=10ms");
            List<BatchProgress> first = new CopyOnWriteArrayList<>();
            Lockstep[] stopped = new Lockstep[1];
            stopped[0] = configure(database, migrations).listener(progressInto(first)).listener(new MigrationListener() {
                @Override
                public void batchProgress(MigrationRef migration, BatchProgress progress) {
                    if (progress.batches() == 7) {
                        stopped[0].stop();
                    }
                }
            }).load();

            assertThatThrownBy(stopped[0]::migrate).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.TERMINATED);
                assertThat(e.getMessage()).contains("between two batches", "after 7 batches and 35000 rows",
                        "resumes the backfill with its next batch");
            });
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1")).containsExactly("35000");
            assertThat(database.query("SELECT " + Backfills.concat(kind, "batches", "rows_done") + " FROM lockstep_history_batch"))
                    .containsExactly("7:35000");
            assertThat(database.query("SELECT " + Backfills.concat(kind, "status", "statements_done")
                    + " FROM lockstep_history WHERE version = '2'")).containsExactly("failed:1");

            List<BatchProgress> second = new CopyOnWriteArrayList<>();
            configure(database, migrations).listener(progressInto(second)).load().migrate();

            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1 AND email_lower = lower(email)"))
                    .containsExactly(Integer.toString(ROWS));
            assertThat(second).first().satisfies(p -> assertThat(p.batches()).isEqualTo(8));
            assertThat(second).last().satisfies(p -> {
                assertThat(p.rows()).isEqualTo(ROWS);
                assertThat(p.rowsThisRun()).isEqualTo(ROWS - 35_000);
            });
            assertThat(database.query("SELECT " + Backfills.concat(kind, "status", "statements_done")
                    + " FROM lockstep_history WHERE version = '2' ORDER BY installed_rank"))
                    .containsExactly("failed:1", "applied:2");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = "POSTGRESQL")
    void aBackfillThatReachesItsMaxWhileRowsRemainFailsResumably(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "backfill_")) {
            Path migrations = migrations(database, "-- lockstep:batch max=3");
            assertThat(configure(database, migrations).load().dryRunMigrate().steps()).last().satisfies(step -> {
                assertThat(step.inTransaction()).isFalse();
                assertThat(step.statements().get(1)).startsWith("-- lockstep:batch max=3 (again and again").contains("\nUPDATE users");
            });

            assertThatThrownBy(configure(database, migrations).load()::migrate)
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.MIGRATION_FAILED);
                        assertThat(e.getMessage()).contains("statement 2 of 2 (line 4), a backfill", "(max=3)",
                                "resumes the backfill with its next batch");
                    });
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1")).containsExactly("15000");
            assertThat(database.query("SELECT error FROM lockstep_history WHERE version = '2'")).singleElement()
                    .asString().startsWith("resumable: ");
        }
    }

    /** Migrates while {@link #write} updates single rows, until the migration ends; what the writer saw. */
    private Writes migrateWhileWriting(TestDatabase database, Path migrations, List<BatchProgress> progress)
            throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        AtomicBoolean done = new AtomicBoolean();
        Future<Writes> writer = pool.submit(() -> write(database, done));
        try {
            configure(database, migrations).listener(progressInto(progress)).load().migrate();
        } finally {
            done.set(true);
            pool.shutdown();
        }
        return writer.get();
    }

    private static MigrationListener progressInto(List<BatchProgress> progress) {
        return new MigrationListener() {
            @Override
            public void batchProgress(MigrationRef migration, BatchProgress p) {
                progress.add(p);
            }
        };
    }

    /** What the application's writer saw: writes that succeeded, and the errors of those that did not. */
    record Writes(int succeeded, List<String> failures) {
    }

    /**
     * An application updating single random rows, each write in its own transaction with a lock timeout of its own of
     * 3 seconds (longer than the DDL lock timeout, far shorter than a whole-table update), until {@code done}.
     */
    static Writes write(TestDatabase database, AtomicBoolean done) throws SQLException, InterruptedException {
        int succeeded = 0;
        List<String> failures = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.url()); Statement s = c.createStatement()) {
            switch (database.kind()) {
                case POSTGRESQL -> s.execute("SET lock_timeout = '3s'");
                case MARIADB -> s.execute("SET SESSION innodb_lock_wait_timeout = 3");
                case SQLITE -> s.execute("PRAGMA busy_timeout = 3000");
            }
            boolean sqlite = database.kind() == TestDatabase.Kind.SQLITE;
            try (PreparedStatement update = c.prepareStatement("UPDATE users SET visits = visits + 1 WHERE id = ?")) {
                while (!done.get()) {
                    try {
                        // SQLite: BEGIN IMMEDIATE takes the write lock first, so the busy timeout covers the whole wait.
                        if (sqlite) {
                            s.execute("BEGIN IMMEDIATE");
                        }
                        update.setInt(1, ThreadLocalRandom.current().nextInt(1, ROWS + 1));
                        update.executeUpdate();
                        if (sqlite) {
                            s.execute("COMMIT");
                        }
                        succeeded++;
                        // An application between two writes; on SQLite a writer that never pauses would keep the file
                        // from the batches, whose busy handler polls for it.
                        Thread.sleep(2);
                    } catch (SQLException e) {
                        failures.add(e.getMessage());
                        if (sqlite) {
                            try {
                                s.execute("ROLLBACK");
                            } catch (SQLException ignored) {
                                // nothing was begun
                            }
                        }
                    }
                }
            }
        }
        return new Writes(succeeded, failures);
    }
}

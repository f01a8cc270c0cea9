package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A requested stop (SIGTERM, Ctrl-C) takes no new work, never leaves a half-applied migration, and frees the lock. */
class StopTest {
    @TempDir
    Path dir;
    Path migrations;
    TestDatabase database;
    String url;

    @BeforeEach
    void setUp() throws Exception {
        migrations = Files.createDirectories(dir.resolve("db/migration"));
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        url = database.url();
    }

    private LockstepConfig.Builder configure() {
        return Lockstep.configure().url(url).locations(migrations.toString());
    }

    @Test
    void stopsBeforeTheNextMigrationAndTheNextRunCarriesOn() throws Exception {
        Files.writeString(migrations.resolve("V1__a.sql"), "CREATE TABLE a (id INTEGER);");
        Files.writeString(migrations.resolve("V2__b.sql"), "CREATE TABLE b (id INTEGER);");
        Files.writeString(migrations.resolve("V3__c.sql"), "CREATE TABLE c (id INTEGER);");
        AtomicReference<Lockstep> running = new AtomicReference<>();
        MigrationListener stopAfterFirst = new MigrationListener() {
            @Override
            public void migrationApplied(MigrationRef migration, Duration took) {
                running.get().stop();
            }
        };
        running.set(configure().listener(stopAfterFirst).load());

        assertThatThrownBy(() -> running.get().migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(143);
                    assertThat(e.getMessage()).contains("SIGTERM", "after applying 1 of 3", "V2__b.sql", "lock is released");
                });
        assertThat(database.query("SELECT version || ':' || status FROM lockstep_history")).containsExactly("1:applied");

        configure().load().migrate();
        assertThat(database.query("SELECT version || ':' || status FROM lockstep_history ORDER BY installed_rank"))
                .containsExactly("1:applied", "2:applied", "3:applied");
    }

    @Test
    void cancelsTheRunningStatementPastTheGraceAndRollsTheMigrationBack() throws Exception {
        Files.writeString(migrations.resolve("V1__slow.sql"), "CREATE TABLE made_before_the_slow_part (id INTEGER);\n"
                + "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT count(*) FROM c;\n");
        AtomicReference<Lockstep> running = new AtomicReference<>();
        MigrationListener stopWhenStarted = new MigrationListener() {
            @Override
            public void migrationStarted(MigrationRef migration, int statements) {
                running.get().stop(Reason.INTERRUPTED);
            }
        };
        long started = System.nanoTime();

        running.set(configure().stopGrace(Duration.ofMillis(200)).listener(stopWhenStarted).load());

        assertThatThrownBy(() -> running.get().migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INTERRUPTED);
                    assertThat(e.exitCode()).isEqualTo(130);
                    assertThat(e.getMessage()).contains("SIGINT", "statement 2 of 2", "cancelled", "rolled the migration back");
                });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("cancelled, not run to the end")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(database.query("SELECT count(*) FROM sqlite_master WHERE name = 'made_before_the_slow_part'")).containsExactly("0");
        assertThat(database.query("SELECT status || ':' || statements_done FROM lockstep_history")).containsExactly("failed:0");
        assertThat(database.query("SELECT error FROM lockstep_history")).singleElement().asString().contains("stopped", "cancelled");
    }

    @Test
    void stopsAsOnSigtermWhenTheRunOutlivesItsMaxDuration() throws Exception {
        Files.writeString(migrations.resolve("V1__slow.sql"), "CREATE TABLE made_before_the_slow_part (id INTEGER);\n"
                + "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT count(*) FROM c;\n");

        assertThatThrownBy(() -> configure().maxDuration(Duration.ofMillis(300))
                .stopGrace(Duration.ofMillis(100)).load().migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(143);
                    assertThat(e.getMessage()).contains("--max-duration of 300ms reached", "cancelled");
                });
        assertThat(database.query("SELECT count(*) FROM sqlite_master WHERE name = 'made_before_the_slow_part'")).containsExactly("0");
    }

    @Test
    void aStopWhileWaitingForTheDatabaseEndsTheWaitAtOnce() {
        Lockstep lockstep = Lockstep.configure().url("jdbc:postgresql://127.0.0.1:1/app")
                .connectTimeout(Duration.ofMinutes(5)).locations(migrations.toString()).load();
        lockstep.stop();

        assertThatThrownBy(lockstep::migrate)
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TERMINATED);
                    assertThat(e.getMessage()).contains("waiting for the database", "nothing was changed");
                });
    }

}

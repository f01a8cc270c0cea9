package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Seams;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A SQLite file locked by another connection's transaction (what a long migration does to every other
 * replica): reads are retried, saying whom they wait for, until the command's own timeout, then exit 4,
 * never a raw {@code SQLITE_BUSY} after a fixed busy timeout. Time is fake; the lock is real.
 */
class BusyReadsTest {
    @TempDir
    Path dir;
    Path migrations;
    String url;
    final FakeTime time = new FakeTime();
    final List<String> waits = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        migrations = Files.createDirectories(dir.resolve("db/migration"));
        url = TestDatabase.create(TestDatabase.Kind.SQLITE, dir).url();
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE t (id INTEGER);");
        Seams.load(configure(Duration.ofMinutes(1)), time.clock(), time).migrate();
    }

    private LockstepConfig.Builder configure(Duration lockTimeout) {
        return Lockstep.configure().url(url).locations(migrations.toString()).replicaId("adversarial-reader")
                .lockTimeout(lockTimeout).listener(new MigrationListener() {
                    @Override
                    public void waitingForLock(String holder, Duration waited) {
                        waits.add(holder);
                    }
                });
    }

    @Test
    void infoOnAFileLockedByAnotherTransactionWaitsUpToTheLockTimeoutThenExits4() throws Exception {
        try (Connection holder = exclusive()) {
            Lockstep reader = Seams.load(configure(Duration.ofSeconds(3)), time.clock(), time);

            assertThatThrownBy(reader::info).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.LOCK_TIMEOUT);
                assertThat(e.getMessage()).contains("waiting to read").contains("--lock-timeout")
                        .doesNotContain("SQLITE_BUSY");
            });
        }
        assertThat(waits).as("said what it waits for").isNotEmpty()
                .allSatisfy(holder -> assertThat(holder).contains("has the database locked"));
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void waitOnAFileLockedByAnotherTransactionGivesUpAfterItsOwnTimeoutNotTheLockTimeout() throws Exception {
        try (Connection holder = exclusive()) {
            Lockstep reader = Seams.load(configure(Duration.ofHours(1)), time.clock(), time);

            assertThatThrownBy(() -> reader.awaitSchema(null, Duration.ofSeconds(2)))
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.LOCK_TIMEOUT);
                        assertThat(e.getMessage()).contains("wait --timeout");
                    });
        }
        assertThat(time.elapsed()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void aReadOnceTheTransactionEndsSucceedsWithoutWaiting() throws Exception {
        try (Connection holder = exclusive()) {
            try (Statement s = holder.createStatement()) {
                s.execute("ROLLBACK");
            }
        }

        assertThat(Seams.load(configure(Duration.ofSeconds(3)), time.clock(), time).info().currentVersion()).isEqualTo("1");
        assertThat(waits).isEmpty();
    }

    /** A connection whose open transaction holds SQLite's exclusive lock on the file, as a migrating writer does. */
    private Connection exclusive() throws Exception {
        Connection connection = DriverManager.getConnection(url);
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            s.execute("INSERT INTO t VALUES (1)");
        }
        return connection;
    }
}

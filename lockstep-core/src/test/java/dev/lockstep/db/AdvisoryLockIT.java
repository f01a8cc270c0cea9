package dev.lockstep.db;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PostgreSQL advisory lock refuses to be taken on a server session that already holds it, which is
 * what a transaction pooler leaves behind (another client's lock on the session it now serves to lockstep):
 * the re-entrant {@code pg_try_advisory_lock} would grant it to a second replica.
 */
class AdvisoryLockIT {
    @TempDir
    Path folder;

    @Test
    void aLockTheServerSessionAlreadyHoldsIsRefusedAsConfigurationNamingTheLease() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder, "pgbouncer_");
             Connection shared = DriverManager.getConnection(database.url())) {
            Dialect dialect = Databases.dialectOf(shared, database.url(), false, "replica-b");
            String schema = dialect.openSession(shared, null, "replica-b");
            SessionLock lock = dialect.lock(shared, schema, "lockstep_history");
            // Another client of the pool took it on this very server session and went away.
            try (Statement s = shared.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + lock.description().split(" ")[2] + ")");
            }

            assertThatThrownBy(lock::tryAcquire).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                assertThat(e.getMessage()).contains("already held", "transaction pooler", "--lock=lease");
            });
            try (Statement s = shared.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")) {
                r.next();
                assertThat(r.getInt(1)).as("held once, by the other client: not taken again").isEqualTo(1);
            }
        }
    }

    @Test
    void aFreeLockIsTakenOnceAndRefusedToASecondSession() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder, "pgbouncer_");
             Connection first = DriverManager.getConnection(database.url());
             Connection second = DriverManager.getConnection(database.url())) {
            Dialect one = Databases.dialectOf(first, database.url(), false, "replica-a");
            SessionLock mine = one.lock(first, one.openSession(first, null, "replica-a"), "lockstep_history");
            Dialect two = Databases.dialectOf(second, database.url(), false, "replica-b");
            SessionLock theirs = two.lock(second, two.openSession(second, null, "replica-b"), "lockstep_history");

            assertThat(mine.tryAcquire()).isTrue();
            assertThat(theirs.tryAcquire()).isFalse();
            mine.release();
            assertThat(theirs.tryAcquire()).isTrue();
        }
    }
}

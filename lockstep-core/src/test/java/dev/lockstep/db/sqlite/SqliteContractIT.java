package dev.lockstep.db.sqlite;

import dev.lockstep.db.DatabaseContract;
import dev.lockstep.db.SessionLock;
import dev.lockstep.sql.CatalogFact.ObjectType;
import dev.lockstep.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** SQLite passes the contract every database passes, within what one file without a server has. */
class SqliteContractIT extends DatabaseContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.SQLITE;
    }

    /** No schemas, no named constraints in its catalog, no stored routines. */
    @Override
    protected List<String> objectsOfEveryKind() {
        return List.of(
                "CREATE TABLE " + TABLE + " (id INTEGER PRIMARY KEY, " + COLUMN + " TEXT)",
                "INSERT INTO " + TABLE + " (id, " + COLUMN + ") VALUES (1, 'one')",
                "CREATE INDEX " + INDEX + " ON " + TABLE + " (" + COLUMN + ")",
                "CREATE VIEW " + VIEW + " AS SELECT id FROM " + TABLE,
                "CREATE TRIGGER " + TRIGGER + " BEFORE INSERT ON " + TABLE + " BEGIN SELECT 1; END");
    }

    @Override
    protected Set<ObjectType> kindsTheCatalogCannotTell() {
        return Set.of(ObjectType.DATABASE, ObjectType.SCHEMA, ObjectType.CONSTRAINT, ObjectType.ROUTINE);
    }

    /** A reader does not block a writer's DDL on SQLite; a writer's open transaction does. */
    @Override
    protected List<String> holdTheTable() {
        return List.of("INSERT INTO " + TABLE + " (id, " + COLUMN + ") VALUES (2, 'two')");
    }

    @Override
    protected String changeASetting() {
        return "PRAGMA busy_timeout = 5";
    }

    @Override
    protected String readTheSetting() {
        return "PRAGMA busy_timeout";
    }

    /** A session that does not hold the migration lock waits 1 s inside SQLite (decision 0030). */
    @Override
    protected String settingAsLockstepSetsIt() {
        return Long.toString(SqliteDialect.WAITING_BUSY_TIMEOUT.toMillis());
    }

    @Override
    protected void assertNamesTheHolder(String holder, String replica) {
        assertThat(holder).contains(replica);
    }

    /** {@code <db>.lockstep-lock}: one lock per database file. */
    @Override
    protected boolean locksEachHistoryTableApart() {
        return false;
    }

    /** The lock is the process's: a test in this JVM gives it back as the process's end would. */
    @Override
    protected void endTheSession(Connection holder, SessionLock lock) throws SQLException {
        holder.close();
        lock.release();
    }
}

package dev.lockstep.db.postgres;

import dev.lockstep.db.DatabaseContract;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL passes the contract every database passes, and keeps a frozen holder from holding on. */
class PostgresContractIT extends DatabaseContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }

    @Override
    protected List<String> objectsOfEveryKind() {
        return List.of(
                "CREATE TABLE " + TABLE + " (id INTEGER PRIMARY KEY, " + COLUMN + " VARCHAR(20),"
                        + " CONSTRAINT " + CONSTRAINT + " CHECK (id > 0))",
                "INSERT INTO " + TABLE + " (id, " + COLUMN + ") VALUES (1, 'one')",
                "CREATE INDEX " + INDEX + " ON " + TABLE + " (" + COLUMN + ")",
                "CREATE VIEW " + VIEW + " AS SELECT id FROM " + TABLE,
                "CREATE FUNCTION " + ROUTINE + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                "CREATE TRIGGER " + TRIGGER + " BEFORE INSERT ON " + TABLE + " FOR EACH ROW EXECUTE FUNCTION " + ROUTINE + "()");
    }

    @Override
    protected String changeASetting() {
        return "SET lock_timeout = 0";
    }

    @Override
    protected String readTheSetting() {
        return "SHOW lock_timeout";
    }

    @Override
    protected String settingAsLockstepSetsIt() {
        return "2s";
    }

    @Override
    protected void assertNamesTheHolder(String holder, String replica) {
        assertThat(holder).contains(replica).containsPattern("silent \\(idle\\) for \\d+s");
    }

    @Override
    protected Optional<String> sessionIdQuery() {
        return Optional.of("SELECT pg_backend_pid()");
    }

    @Override
    protected String endSessionSql(String id) {
        return "SELECT pg_terminate_backend(" + Integer.parseInt(id) + ")";
    }

    @Test
    void theServerEndsTheSessionOfAFrozenHolder() throws Exception {
        Connection connection = connect();
        new PostgresDialect().openSession(connection, null, "replica-a");
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
                "SELECT current_setting('idle_in_transaction_session_timeout') || ' ' || current_setting('idle_session_timeout')"
                        + " || ' ' || current_setting('client_connection_check_interval')")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("1min 1min 1s");
        }
    }
}

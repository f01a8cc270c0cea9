package dev.lockstep.db.mysql;

import dev.lockstep.db.DatabaseContract;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** MariaDB passes the contract every database passes, keeps a frozen holder from holding on, and is no Galera node. */
class MariaDbContractIT extends DatabaseContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }

    @Override
    protected List<String> objectsOfEveryKind() {
        return List.of(
                "CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, " + COLUMN + " VARCHAR(20),"
                        + " CONSTRAINT " + CONSTRAINT + " UNIQUE (" + COLUMN + ")) ENGINE=InnoDB",
                "INSERT INTO " + TABLE + " (id, " + COLUMN + ") VALUES (1, 'one')",
                "CREATE INDEX " + INDEX + " ON " + TABLE + " (id, " + COLUMN + ")",
                "CREATE VIEW " + VIEW + " AS SELECT id FROM " + TABLE,
                "CREATE PROCEDURE " + ROUTINE + "() BEGIN SELECT 1; END",
                "CREATE TRIGGER " + TRIGGER + " BEFORE INSERT ON " + TABLE + " FOR EACH ROW SET NEW." + COLUMN
                        + " = NEW." + COLUMN);
    }

    @Override
    protected String changeASetting() {
        return "SET SESSION lock_wait_timeout = 99";
    }

    @Override
    protected boolean restoresSettingsWithTheCommit() {
        return true;
    }

    @Override
    protected String readTheSetting() {
        return "SELECT @@SESSION.lock_wait_timeout";
    }

    @Override
    protected String settingAsLockstepSetsIt() {
        return "2";
    }

    @Override
    protected void assertNamesTheHolder(String holder, String replica) {
        assertThat(holder).startsWith("connection ").containsPattern("silent for \\d+s");
    }

    @Override
    protected Optional<String> sessionIdQuery() {
        return Optional.of("SELECT CONNECTION_ID()");
    }

    @Override
    protected String endSessionSql(String id) {
        return "KILL " + Long.parseLong(id);
    }

    @Test
    void theServerEndsTheSessionOfAFrozenHolder() throws Exception {
        Connection connection = connect();
        new MySqlDialect("MariaDB").openSession(connection, null, "replica-a");
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT @@SESSION.wait_timeout")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("60");
        }
    }

    @Test
    void aPlainMariaDbServerIsNotMistakenForAGaleraNode() throws Exception {
        Connection connection = connect();
        assertThat(MySqlDialect.wsrepOn(connection)).isEqualTo("OFF");
        assertThat(MySqlDialect.galera(connection)).isEmpty();
    }
}

package dev.lockstep.db;

import dev.lockstep.db.mysql.MySqlDialect;
import dev.lockstep.db.postgres.PostgresDialect;
import dev.lockstep.db.sqlite.SqliteDialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * lockstep's own tables from their one column spec: the history and lease DDL is, to the byte, what the last
 * release ran, so a table it created and one created now are the same table; the companions are the same columns
 * and keys in each database's own type names.
 */
class LockstepTablesTest {
    private static final Dialect POSTGRESQL = new PostgresDialect();
    private static final Dialect MARIADB = new MySqlDialect("MariaDB");
    private static final Dialect SQLITE = new SqliteDialect(null, false, "r");

    @Test
    void theHistoryTableIsCreatedAsTheLastReleaseCreatedIt() {
        assertThat(LockstepTables.HISTORY.createSql(POSTGRESQL, "T")).isEqualTo("CREATE TABLE IF NOT EXISTS T ("
                + "installed_rank INTEGER NOT NULL PRIMARY KEY, version VARCHAR(128), description VARCHAR(1000) NOT NULL,"
                + " type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum VARCHAR(100), status VARCHAR(20) NOT NULL,"
                + " statements_total INTEGER NOT NULL, statements_done INTEGER NOT NULL, installed_by VARCHAR(100),"
                + " replica VARCHAR(255), started_at TIMESTAMP WITH TIME ZONE NOT NULL, finished_at TIMESTAMP WITH TIME ZONE,"
                + " execution_ms BIGINT, error TEXT)");
        assertThat(LockstepTables.HISTORY.createSql(MARIADB, "T")).isEqualTo("CREATE TABLE IF NOT EXISTS T ("
                + "installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(128), description VARCHAR(1000) NOT NULL,"
                + " type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum VARCHAR(100), status VARCHAR(20) NOT NULL,"
                + " statements_total INT NOT NULL, statements_done INT NOT NULL, installed_by VARCHAR(100),"
                + " replica VARCHAR(255), started_at DATETIME(3) NOT NULL, finished_at DATETIME(3), execution_ms BIGINT,"
                + " error TEXT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        assertThat(LockstepTables.HISTORY.createSql(SQLITE, "T")).isEqualTo("CREATE TABLE IF NOT EXISTS T ("
                + "installed_rank INTEGER NOT NULL PRIMARY KEY, version TEXT, description TEXT NOT NULL, type TEXT NOT NULL,"
                + " script TEXT NOT NULL, checksum TEXT, status TEXT NOT NULL, statements_total INTEGER NOT NULL,"
                + " statements_done INTEGER NOT NULL, installed_by TEXT, replica TEXT, started_at TEXT NOT NULL,"
                + " finished_at TEXT, execution_ms INTEGER, error TEXT)");
    }

    @Test
    void theLeaseTableIsCreatedAsTheLastReleaseCreatedIt() {
        assertThat(POSTGRESQL.leaseSql("s", "lockstep_history").orElseThrow().createTable()).isEqualTo(
                "CREATE TABLE IF NOT EXISTS \"s\".\"lockstep_lock\" (lock_key VARCHAR(128) NOT NULL PRIMARY KEY,"
                        + " owner VARCHAR(255) NOT NULL, token VARCHAR(64) NOT NULL, owner_session VARCHAR(255),"
                        + " acquired_at TIMESTAMP WITH TIME ZONE NOT NULL, heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                        + " expires_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        assertThat(MARIADB.leaseSql("s", "lockstep_history").orElseThrow().createTable()).isEqualTo(
                "CREATE TABLE IF NOT EXISTS `s`.`lockstep_lock` (lock_key VARCHAR(128) NOT NULL PRIMARY KEY,"
                        + " owner VARCHAR(255) NOT NULL, token VARCHAR(64) NOT NULL, owner_session VARCHAR(255),"
                        + " acquired_at DATETIME(3) NOT NULL, heartbeat_at DATETIME(3) NOT NULL, expires_at DATETIME(3) NOT NULL"
                        + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    }

    @Test
    void theCompanionTablesKeepTheirColumnsAndKeysInEachDatabasesTypes() {
        // The last release wrote these once for all three databases; PostgreSQL reads them as it did.
        assertThat(LockstepTables.FINGERPRINT.createSql(POSTGRESQL, "F")).isEqualTo("CREATE TABLE IF NOT EXISTS F ("
                + "id INTEGER NOT NULL PRIMARY KEY, fingerprint VARCHAR(100) NOT NULL, last_rank INTEGER NOT NULL,"
                + " current_version VARCHAR(128))");
        assertThat(LockstepTables.BATCH.createSql(POSTGRESQL, "B")).isEqualTo("CREATE TABLE IF NOT EXISTS B ("
                + "checksum VARCHAR(100) NOT NULL, statement_no INTEGER NOT NULL, script VARCHAR(1000) NOT NULL,"
                + " batches BIGINT NOT NULL, rows_done BIGINT NOT NULL, PRIMARY KEY (checksum, statement_no))");
        assertThat(LockstepTables.BATCH_KEY.createSql(POSTGRESQL, "K")).isEqualTo("CREATE TABLE IF NOT EXISTS K ("
                + "checksum VARCHAR(100) NOT NULL, statement_no INTEGER NOT NULL, last_key BIGINT NOT NULL,"
                + " PRIMARY KEY (checksum, statement_no))");
        // MySQL's INT is its INTEGER; SQLite's TEXT and INTEGER are the affinities VARCHAR and BIGINT had.
        assertThat(LockstepTables.BATCH.createSql(MARIADB, "B")).isEqualTo("CREATE TABLE IF NOT EXISTS B ("
                + "checksum VARCHAR(100) NOT NULL, statement_no INT NOT NULL, script VARCHAR(1000) NOT NULL,"
                + " batches BIGINT NOT NULL, rows_done BIGINT NOT NULL, PRIMARY KEY (checksum, statement_no))"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        assertThat(LockstepTables.FINGERPRINT.createSql(SQLITE, "F")).isEqualTo("CREATE TABLE IF NOT EXISTS F ("
                + "id INTEGER NOT NULL PRIMARY KEY, fingerprint TEXT NOT NULL, last_rank INTEGER NOT NULL,"
                + " current_version TEXT)");
    }

    @Test
    void readsAndWritesNameTheColumnsInTheSpecsOrder() {
        assertThat(LockstepTables.HISTORY.columnList()).isEqualTo("installed_rank, version, description, type, script,"
                + " checksum, status, statements_total, statements_done, installed_by, replica, started_at, finished_at,"
                + " execution_ms, error");
    }
}

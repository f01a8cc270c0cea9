package dev.lockstep.db;

import dev.lockstep.db.mysql.MySqlDialect;
import dev.lockstep.db.postgres.PostgresDialect;
import dev.lockstep.db.sqlite.SqliteDialect;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseTableTest {

    @Test
    void theDefaultHistoryTableKeepsItsLeaseInLockstepLock() {
        assertThat(LeaseTable.nameFor("lockstep_history")).isEqualTo("lockstep_lock");
        assertThat(LeaseTable.nameFor("billing_history")).isEqualTo("billing_lock");
    }

    @Test
    void anyOtherHistoryTableGetsLockAppended() {
        assertThat(LeaseTable.nameFor("app_migrations")).isEqualTo("app_migrations_lock");
        assertThat(LeaseTable.nameFor("_history")).isEqualTo("_history_lock");
    }

    @Test
    void everyLeaseStatementNamesTheTableWithItsSchemaAndUsesTheDatabaseClock() {
        for (Dialect dialect : new Dialect[] {new PostgresDialect(), new MySqlDialect("MariaDB")}) {
            LeaseSql sql = dialect.leaseSql("tenant_a", "lockstep_history").orElseThrow();
            String table = dialect.qualify("tenant_a", "lockstep_lock");
            assertThat(sql.qualifiedTable()).isEqualTo(table);
            for (String statement : new String[] {sql.createTable(), sql.insert(), sql.select(), sql.takeOver(), sql.renew(),
                    sql.delete()}) {
                assertThat(statement).as(dialect.name()).contains(table);
            }
            for (String statement : new String[] {sql.insert(), sql.takeOver(), sql.renew()}) {
                assertThat(statement).as("expiry from the database's clock").containsAnyOf("now()", "UTC_TIMESTAMP(3)");
            }
        }
    }

    @Test
    void aDuplicateKeyOrAGaleraCertificationFailureIsALostRaceNotAnError() {
        LeaseSql postgres = new PostgresDialect().leaseSql("public", "lockstep_history").orElseThrow();
        LeaseSql maria = new MySqlDialect("MariaDB").leaseSql("app", "lockstep_history").orElseThrow();

        assertThat(postgres.lostRace().test(new SQLException("dup", "23505"))).isTrue();
        assertThat(postgres.lostRace().test(new SQLException("no table", "42P01"))).isFalse();
        assertThat(maria.lostRace().test(new SQLException("Deadlock found", "40001", 1213))).isTrue();
        assertThat(maria.lostRace().test(new SQLException("Duplicate entry", "23000", 1062))).isTrue();
        assertThat(maria.lostRace().test(new SQLException("denied", "42000", 1142))).isFalse();
    }

    @Test
    void sqliteHasNoLeaseLock() {
        assertThat(new SqliteDialect(null, false, "r").leaseSql("main", "lockstep_history")).isEmpty();
    }
}

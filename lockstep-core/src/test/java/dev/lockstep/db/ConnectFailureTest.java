package dev.lockstep.db;

import dev.lockstep.db.mysql.MySqlProvider;
import dev.lockstep.db.postgres.PostgresProvider;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A vendor's code is read by its own provider; an application's data source, whose database is not known, by all. */
class ConnectFailureTest {

    @Test
    void aMySqlCodeWithoutItsSqlStateIsReadByTheMySqlProvider() {
        SQLException unknownDatabase = new SQLException("Unknown database 'app'", null, 1049);
        assertThat(ConnectFailure.of(unknownDatabase, new MySqlProvider())).isEqualTo(ConnectFailure.UNKNOWN_DATABASE);
        assertThat(ConnectFailure.of(unknownDatabase, new PostgresProvider())).isEqualTo(ConnectFailure.HEALS);
        assertThat(ConnectFailure.of(unknownDatabase, null)).isEqualTo(ConnectFailure.UNKNOWN_DATABASE);
        assertThat(ConnectFailure.of(new SQLException("Access denied", null, 1698), null))
                .isEqualTo(ConnectFailure.CREDENTIALS);
    }

    @Test
    void theSqlStateSpeaksForEveryDatabase() {
        assertThat(ConnectFailure.of(new SQLException("password authentication failed", "28P01"), new PostgresProvider()))
                .isEqualTo(ConnectFailure.CREDENTIALS);
        assertThat(ConnectFailure.of(new SQLException("database \"x\" does not exist", "3D000"), new MySqlProvider()))
                .isEqualTo(ConnectFailure.UNKNOWN_DATABASE);
        assertThat(ConnectFailure.of(new SQLException("Connection refused", "08001"), null)).isEqualTo(ConnectFailure.HEALS);
    }
}

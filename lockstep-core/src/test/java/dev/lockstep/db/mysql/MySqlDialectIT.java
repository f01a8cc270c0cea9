package dev.lockstep.db.mysql;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlDialectIT {
    @TempDir
    Path folder;

    @Test
    void aPlainMariaDbServerIsNotMistakenForAGaleraNode() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder);
             Connection connection = DriverManager.getConnection(database.url())) {
            assertThat(MySqlDialect.wsrepOn(connection)).isEqualTo("OFF");
            assertThat(MySqlDialect.galera(connection)).isEmpty();
        }
    }
}

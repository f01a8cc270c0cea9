package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lease mode holds two connections (the migration's and the heartbeat's). A role limited to one connection
 * cannot open the heartbeat's: the replica exits 3 saying why and what to change, applies nothing and leaves
 * no lease row behind. A real PostgreSQL role with {@code CONNECTION LIMIT 1}, a real process.
 */
class LeaseConnectionLimitIT {
    private static final String ROLE = "adversarial_one_conn";
    private static final String DATABASE = "adversarial_one_conn";

    @TempDir
    Path folder;

    @AfterEach
    void dropRoleAndDatabase() throws Exception {
        admin("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)", "DROP ROLE IF EXISTS " + ROLE);
    }

    @Test
    void aRoleLimitedToOneConnectionExits3NamingTheHeartbeatsConnection() throws Exception {
        dropRoleAndDatabase();
        admin("postgres", "CREATE ROLE " + ROLE + " LOGIN CONNECTION LIMIT 1", "CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
        admin(DATABASE, "ALTER SCHEMA public OWNER TO " + ROLE);
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE adversarial_t (id int);\n");

        CliProcess replica = CliProcess.start(folder, "adversarial-lease", "migrate", "--url",
                "jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "--user", ROLE, "--lock", "lease",
                "--locations", migrations.toString(), "--connect-timeout", "5s", "--lock-timeout", "10s");

        assertThat(replica.exitCode(60)).as("stderr:%n%s", replica.stderr()).isEqualTo(3);
        assertThat(replica.stderr()).contains("second connection its heartbeat needs").contains("at least two")
                .contains("too many connections");
        assertThat(count("SELECT COUNT(*) FROM lockstep_lock")).as("no lease left behind").isZero();
        assertThat(count("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'adversarial_t'")).as("nothing applied").isZero();
    }

    private static void admin(String database, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.PG_ADMIN.replace("/postgres?", "/" + database + "?"));
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static int count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.PG_ADMIN.replace("/postgres?", "/" + DATABASE + "?"));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}

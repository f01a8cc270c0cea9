package dev.lockstep.spring;

import dev.lockstep.Fleet;
import dev.lockstep.error.Reason;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lockstep.schemas} and {@code lockstep.schemas-like} migrate a fleet of schemas of the application's own
 * DataSource at start-up, each under its own lock, on a real PostgreSQL; a tenant that fails fails the start with exit
 * 10 and names it, after the others were migrated.
 */
class LockstepFleetIT {
    private final String database = "fleet2_spring_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final String url = TestDatabase.PG_ADMIN.replace("/postgres?", "/" + database + "?");

    @TempDir
    Path folder;

    @BeforeEach
    void fleet() throws Exception {
        admin(TestDatabase.PG_ADMIN, "CREATE DATABASE " + database);
        for (String tenant : new String[] {"tenant_a", "tenant_b", "tenant_c"}) {
            admin(url, "CREATE SCHEMA " + tenant);
        }
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT, text VARCHAR(20));\n");
        Files.writeString(migrations.resolve("V2__first_note.sql"), "INSERT INTO notes VALUES (1, 'migrated');\n");
    }

    @AfterEach
    void drop() throws Exception {
        admin(TestDatabase.PG_ADMIN, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, LockstepAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + url, "lockstep.connect-timeout=5s",
                        "lockstep.lock-timeout=5s", "lockstep.locations=filesystem:" + folder.resolve("migrations"));
    }

    @Test
    void schemasLikeMigratesEveryMatchingSchemaOfTheApplicationsDataSourceAtStartUp() {
        runner().withPropertyValues("lockstep.schemas-like=tenant\\_%", "lockstep.parallel=2").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Fleet.class);
            for (String tenant : new String[] {"tenant_a", "tenant_b", "tenant_c"}) {
                assertThat(query("SELECT text FROM " + tenant + ".notes")).as(tenant).isEqualTo("migrated");
                assertThat(query("SELECT COUNT(*) FROM " + tenant + ".lockstep_history WHERE status = 'applied'"))
                        .as(tenant).isEqualTo("2");
            }
            assertThat(query("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"))
                    .as("the DataSource's own schema is no tenant").isEqualTo("0");
        });
    }

    @Test
    void aListOfSchemasAsYamlWritesItIndexedSelectsThem() {
        runner().withPropertyValues("lockstep.schemas[0]=tenant_a", "lockstep.schemas[1]=tenant_c").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(query("SELECT COUNT(*) FROM pg_tables WHERE schemaname IN ('tenant_a', 'tenant_c')"
                    + " AND tablename = 'notes'")).isEqualTo("2");
            assertThat(query("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'tenant_b'")).isEqualTo("0");
        });
    }

    @Test
    void aTenantThatFailsFailsTheStartWithExit10NamingItAfterTheOthersWereMigrated() {
        runner().withPropertyValues("lockstep.schemas=tenant_a,tenant_missing,tenant_b").run(context -> {
            assertThat(context).hasFailed();
            LockstepStartupException failure = LockstepAutoConfigurationTest.startupFailure(context.getStartupFailure());
            assertThat(failure.reason()).isEqualTo(Reason.TENANTS_FAILED);
            assertThat(failure.getExitCode()).isEqualTo(10);
            assertThat(failure.getMessage()).contains("1 of 3 tenants failed", "tenant_missing (exit 2)", "does not exist");
            assertThat(query("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'notes'")).isEqualTo("2");
        });
    }

    @Test
    void waitModeFailsTheStartNamingTheTenantsBehind() {
        runner().withPropertyValues("lockstep.schemas=tenant_a").run(context -> assertThat(context).hasNotFailed());
        runner().withPropertyValues("lockstep.schemas-like=tenant\\_%", "lockstep.mode=wait", "lockstep.lock-timeout=1s")
                .run(context -> {
                    LockstepStartupException failure = LockstepAutoConfigurationTest.startupFailure(context.getStartupFailure());
                    assertThat(failure.getExitCode()).isEqualTo(10);
                    assertThat(failure.getMessage()).contains("lockstep.mode=wait: 2 of 3 tenants", "tenant_b", "tenant_c")
                            .doesNotContain("tenant_a:");
                });
    }

    @Test
    void aSchemaBesideASelectionIsRefusedNamingBothProperties() {
        runner().withPropertyValues("lockstep.schemas=tenant_a", "lockstep.schema=app").run(context -> {
            LockstepStartupException failure = LockstepAutoConfigurationTest.startupFailure(context.getStartupFailure());
            assertThat(failure.getExitCode()).isEqualTo(2);
            assertThat(failure.getMessage()).startsWith("Invalid property lockstep.schemas: lockstep.schema names one schema");
        });
    }

    private String query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static void admin(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

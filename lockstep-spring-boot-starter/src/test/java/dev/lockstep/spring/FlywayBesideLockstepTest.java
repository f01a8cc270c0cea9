package dev.lockstep.spring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flyway on the classpath too (this test's classpath has flyway-core), through Boot's real auto-configuration
 * import: lockstep migrates and Flyway's auto-configuration stays out, and the log says so; both at once is refused;
 * {@code lockstep.enabled=false} hands migrating back to Flyway. Never both migrating.
 */
@ExtendWith(OutputCaptureExtension.class)
class FlywayBesideLockstepTest {
    @TempDir
    Path folder;

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    private ConfigurableApplicationContext start(String... properties) {
        SpringApplication app = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .properties("spring.datasource.url=jdbc:sqlite:" + folder.resolve("app.db"), "lockstep.connect-timeout=5s",
                        "spring.main.banner-mode=off")
                .properties(properties).build();
        return app.run();
    }

    @Test
    void lockstepMigratesAndFlywaysAutoConfigurationStaysOutSayingSo(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(tables(context)).contains("lockstep_history", "notes").doesNotContain("flyway_schema_history");
            assertThat(context.getBeanNamesForType(org.flywaydb.core.Flyway.class)).isEmpty();
        }
        assertThat(output).contains("Flyway is on the classpath too; its auto-configuration is off because lockstep migrates");
    }

    @Test
    void flywayEnabledExplicitlyBesideLockstepFailsTheStart() {
        assertThatThrownBy(() -> start("spring.flyway.enabled=true").close())
                .satisfies(e -> assertThat(LockstepAutoConfigurationTest.startupFailure(e).getMessage())
                        .contains("spring.flyway.enabled=true", "both Flyway and lockstep would migrate", "lockstep.enabled=false"));
        assertThat(folder.resolve("app.db")).as("nothing migrated").doesNotExist();
    }

    @Test
    void lockstepEnabledFalseLetsFlywayMigrate() {
        try (ConfigurableApplicationContext context = start("lockstep.enabled=false")) {
            assertThat(tables(context)).contains("flyway_schema_history", "notes").doesNotContain("lockstep_history");
        }
    }

    private static List<String> tables(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForList("SELECT name FROM sqlite_master WHERE type = 'table'", String.class);
    }
}

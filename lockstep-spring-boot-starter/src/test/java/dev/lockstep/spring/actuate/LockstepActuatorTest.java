package dev.lockstep.spring.actuate;

import dev.lockstep.Lockstep;
import dev.lockstep.spring.LockstepAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code lockstep} health contributor and {@code /actuator/lockstep}, over a migrated SQLite database. */
class LockstepActuatorTest {
    @TempDir
    Path folder;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, LockstepAutoConfiguration.class,
                        LockstepActuatorAutoConfiguration.class, EndpointAutoConfiguration.class,
                        HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + folder.resolve("app.db"),
                        "management.endpoints.web.exposure.include=lockstep,health", "lockstep.replica-id=api-1");
    }

    @Test
    void theHealthContributorIsUpWithTheVersionOnceMigrated() {
        runner().run(context -> {
            Health health = context.getBean("lockstepHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("currentVersion", "2").containsEntry("pending", List.of())
                    .containsEntry("lockHeldBy", List.of()).containsKey("database");
        });
    }

    @Test
    void theHealthContributorIsOutOfServiceWhileMigrationsArePending() {
        runner().run(context -> {
            Lockstep more = Lockstep.configure().dataSource(context.getBean(javax.sql.DataSource.class))
                    .locations("classpath:db/migration", "classpath:db/more").load();
            SchemaHealth.Report report = new SchemaHealth(more, null).check();
            assertThat(report.status()).isEqualTo("OUT_OF_SERVICE");
            assertThat(report.details()).containsEntry("pending", List.of("V3__second_note.sql"));
        });
    }

    @Test
    void healthCanBeSwitchedOffAsEveryContributor() {
        runner().withPropertyValues("management.health.lockstep.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("lockstepHealthIndicator"));
    }

    @Test
    void theEndpointListsEveryMigrationWithItsStateLikeFlyways() {
        runner().run(context -> {
            LockstepEndpoint.LockstepBeans beans = context.getBean(LockstepEndpoint.class).lockstepBeans();
            LockstepEndpoint.LockstepDescriptor lockstep = beans.contexts().get(context.getId()).lockstepBeans().get("lockstep");
            assertThat(lockstep.currentVersion()).isEqualTo("2");
            assertThat(lockstep.migrations()).extracting(LockstepEndpoint.MigrationDescriptor::script)
                    .containsExactly("V1__create_notes.sql", "V2__first_note.sql");
            LockstepEndpoint.MigrationDescriptor first = lockstep.migrations().get(0);
            assertThat(first.state()).isEqualTo("APPLIED");
            assertThat(first.version()).isEqualTo("1");
            assertThat(first.replica()).isEqualTo("api-1");
            assertThat(first.installedRank()).isEqualTo(1);
            assertThat(first.checksum()).startsWith("sha256:");
            assertThat(first.installedOn()).isNotNull();
        });
    }

    @Test
    void theEndpointIsOffUnlessExposedAsEveryEndpoint() {
        runner().withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).doesNotHaveBean(LockstepEndpoint.class));
    }
}

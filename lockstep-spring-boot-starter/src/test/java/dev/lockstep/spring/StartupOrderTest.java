package dev.lockstep.spring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Nothing touches the schema before lockstep has migrated it: Boot's database-initialization ordering puts the
 * lockstep initializer before JdbcTemplate users, {@code @DependsOnDatabaseInitialization} beans and R2DBC's
 * DatabaseClient, as it puts Flyway's. The beans here read the table in their constructors: in the wrong order the
 * context would fail with "no such table".
 */
class StartupOrderTest {
    @TempDir
    Path folder;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, LockstepAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + folder.resolve("app.db"));
    }

    @Test
    void jdbcTemplateAndItsUsersAreCreatedAfterTheMigration() {
        runner().withUserConfiguration(ReadsAtConstruction.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(NotesAtStart.class).texts).containsExactly("migrated");
            assertThat(context.getBeanFactory().getBeanDefinition("jdbcTemplate").getDependsOn())
                    .contains("lockstepInitializer");
        });
    }

    @Test
    void aBeanMarkedDependsOnDatabaseInitializationWaitsForTheMigration() {
        runner().withUserConfiguration(MarkedReader.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanFactory().getBeanDefinition("markedNotes").getDependsOn()).contains("lockstepInitializer");
        });
    }

    @Test
    void r2dbcDatabaseClientWaitsForTheMigration() {
        runner().withBean("databaseClient", DatabaseClient.class, () -> mock(DatabaseClient.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanFactory().getBeanDefinition("databaseClient").getDependsOn()).contains("lockstepInitializer");
        });
    }

    record NotesAtStart(List<String> texts) {
    }

    @Configuration(proxyBeanMethods = false)
    static class ReadsAtConstruction {
        @Bean
        NotesAtStart notesAtStart(JdbcTemplate jdbc) {
            return new NotesAtStart(jdbc.queryForList("SELECT text FROM notes", String.class));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MarkedReader {
        @Bean
        @DependsOnDatabaseInitialization
        NotesAtStart markedNotes(javax.sql.DataSource dataSource) {
            return new NotesAtStart(new JdbcTemplate(dataSource).queryForList("SELECT text FROM notes", String.class));
        }
    }
}

package dev.lockstep.spring;

import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.MigrationRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java migrations on the application's own classpath ({@code db.javamigration.V3__Java_note} and
 * {@code V4__Java_backfill} in this module's test classes) are applied by the start-up migration, with the SQL
 * files, found through the application's class loader in the configured {@code classpath:} locations.
 */
class JavaMigrationTest {
    @TempDir
    Path folder;

    static final List<BatchProgress> BATCHES = new CopyOnWriteArrayList<>();

    @Test
    void appliesTheJavaMigrationsOfTheApplicationsClasspathAtStartUp() {
        BATCHES.clear();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, LockstepAutoConfiguration.class))
                .withUserConfiguration(Progress.class)
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + folder.resolve("app.db"),
                        "lockstep.connect-timeout=5s", "lockstep.lock-timeout=5s",
                        "lockstep.locations=classpath:db/migration,classpath:db/javamigration")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    assertThat(jdbc.queryForList("SELECT text FROM notes ORDER BY id", String.class))
                            .containsExactly("MIGRATED", "FROM JAVA");
                    assertThat(jdbc.queryForList("SELECT type || ':' || script || ':' || status FROM lockstep_history"
                            + " WHERE version IN ('3', '4') ORDER BY version", String.class)).containsExactly(
                            "JAVA:db.javamigration.V3__Java_note:applied", "JAVA:db.javamigration.V4__Java_backfill:applied");
                    assertThat(BATCHES).as("one note per batch, then the empty batch").extracting(BatchProgress::batches)
                            .containsExactly(1L, 2L, 2L);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Progress {
        @Bean
        MigrationListener batches() {
            return new MigrationListener() {
                @Override
                public void batchProgress(MigrationRef migration, BatchProgress progress) {
                    BATCHES.add(progress);
                }
            };
        }
    }
}

package dev.lockstep.spring;

import dev.lockstep.Lockstep;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
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

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration in a real context on a SQLite file: it migrates at start-up, backs off for the
 * application's own {@link Lockstep}, turns off with {@code lockstep.enabled=false}, and fails a start it cannot
 * carry out with lockstep's error and exit code.
 */
class LockstepAutoConfigurationTest {
    @TempDir
    Path folder;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, LockstepAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + folder.resolve("app.db"),
                        "lockstep.connect-timeout=5s", "lockstep.lock-timeout=5s");
    }

    @Test
    void migratesTheApplicationsDatabaseFromClasspathDbMigrationAtStartUp() {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Lockstep.class).hasSingleBean(LockstepInitializer.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("SELECT text FROM notes", String.class)).containsExactly("migrated");
            assertThat(context.getBean(Lockstep.class).config().locations()).containsExactly("classpath:db/migration");
        });
    }

    @Test
    void everyLibrarySettingComesFromItsProperty() {
        runner().withPropertyValues("lockstep.locations=classpath:db/migration,classpath:db/more", "lockstep.table=app_history",
                "lockstep.stop-grace=3s", "lockstep.ddl-lock-timeout=250ms", "lockstep.lock-timeout=90",
                "lockstep.replica-id=api-1", "lockstep.placeholders.owner=app", "lockstep.target=2",
                "lockstep.lock-mode=session").run(context -> {
            assertThat(context).hasNotFailed();
            var config = context.getBean(Lockstep.class).config();
            assertThat(config.table()).isEqualTo("app_history");
            assertThat(config.stopGrace()).isEqualTo(Duration.ofSeconds(3));
            assertThat(config.ddlLockTimeout()).isEqualTo(Duration.ofMillis(250));
            assertThat(config.lockTimeout()).as("a bare number means seconds, as in the CLI").isEqualTo(Duration.ofSeconds(90));
            assertThat(config.replicaId()).isEqualTo("api-1");
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("SELECT text FROM notes", String.class)).as("target 2 leaves V3 pending")
                    .containsExactly("migrated");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_history", Integer.class)).isEqualTo(2);
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnLockstep() {
        runner().withUserConfiguration(OwnLockstep.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Lockstep.class).doesNotHaveBean(LockstepInitializer.class);
            assertThat(context.getBean(Lockstep.class).config().table()).isEqualTo("own_history");
            assertThat(context.getBean(JdbcTemplate.class).queryForList(
                    "SELECT name FROM sqlite_master WHERE name = 'notes'", String.class)).as("nothing migrated").isEmpty();
        });
    }

    @Test
    void migratesTheApplicationsOwnLockstepWhenItAlsoDefinesTheInitializer() {
        runner().withUserConfiguration(OwnLockstep.class, OwnInitializer.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM own_history", Integer.class))
                    .isEqualTo(2);
        });
    }

    @Test
    void isOffWithLockstepEnabledFalse() {
        runner().withPropertyValues("lockstep.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(Lockstep.class).doesNotHaveBean(LockstepInitializer.class);
            assertThat(context.getBean(JdbcTemplate.class).queryForList(
                    "SELECT name FROM sqlite_master WHERE name = 'notes'", String.class)).isEmpty();
        });
    }

    @Test
    void staysOffWithoutADataSourceOrLockstepUrl() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LockstepAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Lockstep.class));
    }

    @Test
    void lockstepUrlMigratesThroughAConnectionOfItsOwnBesideThePool() {
        Path other = folder.resolve("other.db");
        runner().withPropertyValues("lockstep.url=jdbc:sqlite:" + other).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Lockstep.class).config().dataSource()).isNull();
            assertThat(context.getBean(JdbcTemplate.class).queryForList(
                    "SELECT name FROM sqlite_master WHERE name = 'notes'", String.class)).as("the pool's database").isEmpty();
        });
        assertThat(other).isRegularFile();
    }

    @Test
    void lockstepUserWithoutAUrlConnectsToTheApplicationsDatabaseAsThatUser() {
        runner().withPropertyValues("lockstep.user=migrator", "lockstep.password=secret").run(context -> {
            assertThat(context).hasNotFailed();
            var config = context.getBean(Lockstep.class).config();
            assertThat(config.url()).isEqualTo("jdbc:sqlite:" + folder.resolve("app.db"));
            assertThat(config.user()).isEqualTo("migrator");
            assertThat(config.dataSource()).isNull();
        });
    }

    @Test
    void listenerBeansHearTheStartUpMigration() {
        runner().withUserConfiguration(RecordingListener.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RecordingListener.class).applied).containsExactly("V1__create_notes.sql", "V2__first_note.sql");
        });
    }

    @Test
    void customizersChangeTheConfigurationBeforeItIsLoaded() {
        runner().withBean(LockstepConfigurationCustomizer.class, () -> builder -> builder.table("custom_history"))
                .run(context -> assertThat(context.getBean(Lockstep.class).config().table()).isEqualTo("custom_history"));
    }

    @Test
    void waitModeNeverMigratesAndGivesUpAfterTheLockTimeoutWithExitCode4() {
        runner().withPropertyValues("lockstep.mode=wait", "lockstep.lock-timeout=1s").run(context -> {
            assertThat(context).hasFailed();
            LockstepStartupException failure = startupFailure(context.getStartupFailure());
            assertThat(failure.reason()).isEqualTo(Reason.LOCK_TIMEOUT);
            assertThat(failure.getExitCode()).isEqualTo(4);
        });
    }

    @Test
    void validateModeFailsWhileMigrationsArePendingAndPassesOnceApplied() {
        runner().withPropertyValues("lockstep.mode=validate").run(context -> {
            LockstepStartupException failure = startupFailure(context.getStartupFailure());
            assertThat(failure.getExitCode()).isEqualTo(5);
            assertThat(failure.getMessage()).contains("lockstep.mode=validate", "2 pending: V1__create_notes.sql, V2__first_note.sql");
        });
        runner().run(context -> assertThat(context).hasNotFailed());
        runner().withPropertyValues("lockstep.mode=validate").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anUnknownLockModeFailsTheStartWithLockstepsMessageNamingTheProperty() {
        runner().withPropertyValues("lockstep.lock-mode=exclusive").run(context -> {
            LockstepStartupException failure = startupFailure(context.getStartupFailure());
            assertThat(failure.getMessage()).startsWith("Invalid property lockstep.lock-mode (exclusive): ")
                    .contains("'exclusive' is not one of session", "lease");
            assertThat(failure.getExitCode()).isEqualTo(2);
        });
    }

    @Test
    void aNegativeTimeoutFailsTheStartWithLockstepsMessageNamingTheProperty() {
        runner().withPropertyValues("lockstep.lock-timeout=-1s").run(context -> {
            LockstepStartupException failure = startupFailure(context.getStartupFailure());
            assertThat(failure.getMessage()).startsWith("Invalid property lockstep.lock-timeout (-1s): Invalid configuration:")
                    .contains("lock timeout must be zero or more");
            assertThat(failure.getExitCode()).isEqualTo(2);
        });
    }

    @Test
    void anUnknownModeFailsTheStartNamingTheProperty() {
        runner().withPropertyValues("lockstep.mode=sideways").run(context -> assertThat(
                startupFailure(context.getStartupFailure()).getMessage()).startsWith("Invalid property lockstep.mode (sideways)"));
    }

    static LockstepStartupException startupFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LockstepStartupException e) {
                return e;
            }
        }
        throw new AssertionError("not a lockstep start-up failure", failure);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLockstep {
        @Bean
        Lockstep lockstep(DataSource dataSource) {
            return Lockstep.configure().dataSource(dataSource).table("own_history").load();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnInitializer {
        @Bean
        LockstepInitializer lockstepInitializer(Lockstep lockstep) {
            return new LockstepInitializer(lockstep);
        }
    }

    static class RecordingListener implements MigrationListener {
        final List<String> applied = new ArrayList<>();

        @Override
        public void migrationApplied(MigrationRef migration, Duration took) {
            applied.add(migration.script());
        }
    }
}

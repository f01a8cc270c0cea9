package dev.lockstep;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockstepConfigTest {

    private static final String URL = "jdbc:postgresql://db/app";

    @Test
    void looksForMigrationsOnTheClasspathAsFlywayDoes() {
        LockstepConfig config = Lockstep.configure().url(URL).load().config();

        assertThat(config.locations()).containsExactly("classpath:db/migration");
        assertThat(config.table()).isEqualTo("lockstep_history");
        assertThat(config.replicaId()).matches(".+:\\d+:[0-9a-f]{6}").contains(":" + ProcessHandle.current().pid() + ":");
    }

    @Test
    void refusesToGuessADatabaseWhenGivenNeitherADataSourceNorAUrl() {
        assertThatThrownBy(() -> Lockstep.configure().load())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("no database", "dataSource(ds)", "JDBC URL");
                });
    }

    @Test
    void rejectsAnUnsupportedUrlSchemeAsAConfigurationError() {
        assertThatThrownBy(() -> Lockstep.configure().url("jdbc:oracle:thin:@db:1521/x").load())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("jdbc:oracle:", "jdbc:postgresql:");
                });
    }

    @Test
    void refusesAPostgresqlUrlWithTheUserBeforeTheHostAtOnceWithTheFormTheDriverReads() {
        // pgjdbc would take 'postgres:hunter22@127.0.0.1' for a host name: a minute of retries, then "could not connect".
        assertThatThrownBy(() -> Lockstep.configure().url("jdbc:postgresql://postgres:hunter22@127.0.0.1:5432/app").load())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("user:password@host", "jdbc:postgresql://host:5432/db?user=postgres",
                            "--password").doesNotContain("hunter22");
                });
        assertThat(Lockstep.configure().url("jdbc:postgresql://127.0.0.1:5432/app?user=postgres&password=a@b").load().config().url())
                .as("an @ in a parameter is no user-info").endsWith("password=a@b");
    }

    @Test
    void neverShowsThePasswordInAnError() {
        assertThatThrownBy(() -> Lockstep.configure().url("postgres://db/app?password=hunter22").load())
                .hasMessageNotContaining("hunter22");
        assertThat(Lockstep.configure().url("jdbc:postgresql://db/app?password=hunter22").password("hunter22").load()
                .config().toString()).doesNotContain("hunter22");
    }

    @Test
    void rejectsTableNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> Lockstep.configure().url(URL).table("history; DROP TABLE x").load())
                .isInstanceOf(LockstepException.class).hasMessageContaining("history table");
    }

    @Test
    void acceptsAnySchemaNameADatabaseAcceptsBecauseEveryStatementQuotesIt() {
        assertThat(Lockstep.configure().url(URL).schema("tenant\"; DROP SCHEMA x; --").load().config().schema())
                .isEqualTo("tenant\"; DROP SCHEMA x; --");
        assertThatThrownBy(() -> Lockstep.configure().url(URL).schema("a\nb").load())
                .isInstanceOf(LockstepException.class).hasMessageContaining("schema 'a");
        assertThatThrownBy(() -> Lockstep.configure().url(URL).schema("s".repeat(64)).load())
                .isInstanceOf(LockstepException.class).hasMessageContaining("1 to 63 characters");
    }

    @Test
    void usesTheSessionLockUnlessToldAndLeasesLastThirtySeconds() {
        LockstepConfig config = Lockstep.configure().url(URL).load().config();

        assertThat(config.lockMode()).isEqualTo(LockMode.SESSION);
        assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void tellsAChosenSessionLockFromTheDefaultOneWhichBecomesALeaseBehindATransactionPooler() {
        assertThat(Lockstep.configure().url(URL).load().config().lockModeChosen()).isFalse();
        LockstepConfig chosen = Lockstep.configure().url(URL).lockMode(LockMode.SESSION).load().config();
        assertThat(chosen.lockMode()).isEqualTo(LockMode.SESSION);
        assertThat(chosen.lockModeChosen()).isTrue();
    }

    @Test
    void refusesLeaseModeForSqliteWhoseFileLockAlreadyDiesWithTheProcess() {
        assertThatThrownBy(() -> Lockstep.configure().url("jdbc:sqlite:app.db").lockMode(LockMode.LEASE).load())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("--lock=lease", "SQLite", "Remove --lock=lease");
                });
        assertThat(Lockstep.configure().url("jdbc:postgresql://db/app").lockMode(LockMode.LEASE).load().config().lockMode())
                .isEqualTo(LockMode.LEASE);
    }

    @Test
    void refusesALeaseShorterThanASecond() {
        assertThatThrownBy(() -> Lockstep.configure().url(URL).leaseDuration(Duration.ofMillis(500)).load())
                .isInstanceOf(LockstepException.class).hasMessageContaining("lease duration must be at least 1s");
    }

    @Test
    void refusesAHistoryTableWhoseFingerprintTableNameWouldBeTooLongForPostgresqlOrMysql() {
        String table = "t".repeat(52);
        for (String url : new String[] {"jdbc:postgresql://db/app", "jdbc:mariadb://db/app"}) {
            assertThatThrownBy(() -> Lockstep.configure().url(url).table(table).load())
                    .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION))
                    .hasMessageContaining(table + "_fingerprint").hasMessageContaining("at most 51 characters");
        }
    }

    @Test
    void acceptsTheLongestHistoryTableWhoseDerivedTablesFit() {
        String table = "t".repeat(51);
        assertThat(Lockstep.configure().url("jdbc:postgresql://db/app").table(table).lockMode(LockMode.LEASE).load()
                .config().table()).isEqualTo(table);
    }

    @Test
    void acceptsALongHistoryTableOnSqliteWhichHasNoLimit() {
        String table = "t".repeat(63);
        assertThat(Lockstep.configure().url("jdbc:sqlite:app.db").table(table).load().config().table()).isEqualTo(table);
    }
}

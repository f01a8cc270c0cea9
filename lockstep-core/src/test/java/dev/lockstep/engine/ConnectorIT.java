package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.Seams;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the real drivers answer when a connection fails, and whether lockstep waits for it: only what can heal
 * (a refused port, a server starting up) is retried until the connect timeout; the rest fails on the first attempt.
 */
class ConnectorIT {
    @TempDir
    Path folder;

    private LockstepException firstFailure(String url, FakeTime time) throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__firsthour.sql"), "CREATE TABLE firsthour_t (id INT)");
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> Seams.load(Lockstep.configure().url(url).locations(migrations.toString())
                .connectTimeout(Duration.ofSeconds(60)), time.clock(), time).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> thrown[0] = e);
        return (LockstepException) thrown[0];
    }

    @Test
    void aMariaDbServerWithoutTlsFailsAtOnceNamingTheFix() throws Exception {
        FakeTime time = new FakeTime();

        LockstepException e = firstFailure("jdbc:mariadb://127.0.0.1:3306/firsthour_none?user=root", time);

        assertThat(e.reason()).isEqualTo(Reason.DATABASE_UNREACHABLE);
        assertThat(e.getMessage()).contains("TLS", "sslMode=disable", "not retried");
        assertThat(time.sleeps()).as("not retried").isEmpty();
    }

    @Test
    void aPostgresServerWithoutTlsFailsAtOnceWhenTheClientRequiresIt() throws Exception {
        FakeTime time = new FakeTime();

        LockstepException e = firstFailure("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&sslmode=require", time);

        assertThat(e.reason()).isEqualTo(Reason.DATABASE_UNREACHABLE);
        assertThat(e.getMessage()).contains("TLS", "sslmode=disable", "not retried");
        assertThat(time.sleeps()).as("not retried").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "jdbc:mariadb://127.0.0.1:3306/firsthour_none?user=root&sslMode=bogus",
            "jdbc:mariadb://127.0.0.1:notaport/firsthour_none?user=root&sslMode=disable",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&sslmode=bogus",
            "jdbc:postgresql://127.0.0.1:notaport/postgres?user=postgres",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&connectTimeout=abc"})
    void aMalformedUrlIsAConfigurationErrorAtOnce(String url) throws Exception {
        FakeTime time = new FakeTime();

        LockstepException e = firstFailure(url, time);

        assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
        assertThat(e.getMessage()).contains("malformed", "not retried");
        assertThat(time.sleeps()).as("not retried").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "jdbc:mariadb://127.0.0.1:3306/firsthour_missing?user=root&sslMode=disable",
            "jdbc:postgresql://127.0.0.1:5432/firsthour_missing?user=postgres"})
    void anUnknownDatabaseFailsAtOnce(String url) throws Exception {
        FakeTime time = new FakeTime();

        LockstepException e = firstFailure(url, time);

        assertThat(e.reason()).isEqualTo(Reason.DATABASE_UNREACHABLE);
        assertThat(e.getMessage()).contains("does not exist", "not retried");
        assertThat(time.sleeps()).as("not retried").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "jdbc:mariadb://127.0.0.1:1/firsthour_none?user=root&sslMode=disable",
            "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres"})
    void aRefusedPortIsRetriedUntilTheConnectTimeout(String url) throws Exception {
        FakeTime time = new FakeTime();

        LockstepException e = firstFailure(url, time);

        assertThat(e.reason()).isEqualTo(Reason.DATABASE_UNREACHABLE);
        assertThat(e.getMessage()).contains("within 1m");
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(60));
    }
}

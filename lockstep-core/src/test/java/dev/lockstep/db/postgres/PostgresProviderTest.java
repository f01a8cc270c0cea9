package dev.lockstep.db.postgres;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresProviderTest {
    private final PostgresProvider postgres = new PostgresProvider();

    @Test
    void aUserBeforeTheHostIsAProblemPgjdbcWouldNotSee() {
        assertThat(postgres.urlProblem("jdbc:postgresql://app:pw@db:5432/app", "jdbc:postgresql://app:****@db:5432/app"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("?user=app").doesNotContain("pw@"));
        assertThat(postgres.urlProblem("jdbc:postgresql://db:5432/app?user=app", "")).isEmpty();
        assertThat(postgres.urlProblem("jdbc:postgresql://db/a?options=x@y", "")).as("an @ after the host").isEmpty();
    }

    @Test
    void preparesNoStatementOnTheServerAndBoundsTheConnectInSeconds() {
        Properties properties = new Properties();
        postgres.driverProperties(properties, Duration.ofSeconds(3), false);
        assertThat(properties).containsEntry("connectTimeout", "3").containsEntry("prepareThreshold", "0");
    }
}

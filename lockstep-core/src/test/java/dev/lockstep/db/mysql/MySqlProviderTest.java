package dev.lockstep.db.mysql;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlProviderTest {
    private final MySqlProvider mysql = new MySqlProvider();

    @Test
    void letsTheMariaDbDriverAcceptMysqlUrls() {
        assertThat(mysql.urlForDriver("jdbc:mysql://db/app")).isEqualTo("jdbc:mysql://db/app?permitMysqlScheme");
        assertThat(mysql.urlForDriver("jdbc:mysql://db/app?sslMode=disable")).endsWith("&permitMysqlScheme");
        assertThat(mysql.urlForDriver("jdbc:mariadb://db/app")).isEqualTo("jdbc:mariadb://db/app");
    }

    @Test
    void boundsAConnectAttemptInMilliseconds() {
        Properties properties = new Properties();
        mysql.driverProperties(properties, Duration.ofSeconds(3), false);
        assertThat(properties).containsEntry("connectTimeout", "3000");
    }
}

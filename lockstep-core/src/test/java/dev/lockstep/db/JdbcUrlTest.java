package dev.lockstep.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlTest {

    @Test
    void redactsPasswordParametersAndUserInfo() {
        assertThat(JdbcUrl.redact("jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=app&password=****&ssl=true");
        assertThat(JdbcUrl.redact("jdbc:mariadb://app:s3cret@db:3306/app")).isEqualTo("jdbc:mariadb://app:****@db:3306/app");
        assertThat(JdbcUrl.redact("jdbc:mysql://db/app?PWD=x;sslPassword=y")).doesNotContain("=x", "=y");
    }

    @Test
    void displaysTheUrlWithoutItsParameters() {
        assertThat(JdbcUrl.display("jdbc:postgresql://db:5432/app?password=s3cret")).isEqualTo("jdbc:postgresql://db:5432/app");
    }

    @Test
    void masksThePasswordWhereverADriverRepeatsIt() {
        assertThat(JdbcUrl.mask("could not log in with hunter22 as app", "hunter22")).isEqualTo("could not log in with **** as app");
    }

    @Test
    void findsTheSqliteFileInEveryUrlForm() {
        assertThat(JdbcUrl.sqliteFile("jdbc:sqlite:app.db")).contains(Path.of("app.db"));
        assertThat(JdbcUrl.sqliteFile("jdbc:sqlite:/var/data/app.db?journal_mode=WAL")).contains(Path.of("/var/data/app.db"));
        assertThat(JdbcUrl.sqliteFile("jdbc:sqlite:file:app.db?mode=rwc")).contains(Path.of("app.db"));
        assertThat(JdbcUrl.sqliteFile("jdbc:sqlite::memory:")).isEmpty();
    }

    @Test
    void letsTheMariaDbDriverAcceptMysqlUrls() {
        assertThat(JdbcUrl.forDriver("jdbc:mysql://db/app")).isEqualTo("jdbc:mysql://db/app?permitMysqlScheme");
        assertThat(JdbcUrl.forDriver("jdbc:mysql://db/app?sslMode=disable")).endsWith("&permitMysqlScheme");
        assertThat(JdbcUrl.forDriver("jdbc:mariadb://db/app")).isEqualTo("jdbc:mariadb://db/app");
    }
}

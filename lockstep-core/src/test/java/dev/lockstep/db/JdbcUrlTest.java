package dev.lockstep.db;

import org.junit.jupiter.api.Test;


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
}

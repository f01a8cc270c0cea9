package dev.lockstep.error;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link Secrets} masks in a text, and what it leaves as it is. */
class SecretsTest {

    @Test
    void passwordLikeParametersAreMaskedUpToTheNextSeparator() {
        assertThat(Secrets.redact("jdbc:postgresql://db/app?user=app&password=hunter22&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/app?user=app&password=****&ssl=true");
        assertThat(Secrets.redact("connect failed (PWD=s3cret; Token=abc)")).isEqualTo("connect failed (PWD=****; Token=****)");
    }

    @Test
    void theUserInfoPasswordOfAUrlIsMasked() {
        assertThat(Secrets.redact("jdbc:mysql://app:hunter22@db:3306/app")).isEqualTo("jdbc:mysql://app:****@db:3306/app");
        assertThat(Secrets.redact("cannot reach //app:pw@db, and password=x too"))
                .isEqualTo("cannot reach //app:****@db, and password=**** too");
    }

    @Test
    void aLineWithNothingPasswordLikeIsLeftAsItIs() {
        for (String line : List.of("2026-01-31T12:00:00.000Z INFO Applying V1__init.sql (2 statements)",
                "user = app", "see http://example.com/docs", "mail admin@example.com", "a // comment: x @ y", "")) {
            assertThat(Secrets.redact(line)).isEqualTo(line);
        }
        assertThat(Secrets.redact(null)).isNull();
    }

    @Test
    void maskAlsoHidesEveryOccurrenceOfTheSecretsGivenBareButNotOnesTooShortToTell() {
        assertThat(Secrets.mask("Incorrect port value : hunter22@db (hunter22)", List.of("hunter22", "pw")))
                .isEqualTo("Incorrect port value : ****@db (****)");
        assertThat(Secrets.mask("a pw in a word", "pw")).isEqualTo("a pw in a word");
    }
}

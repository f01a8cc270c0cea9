package dev.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.source.MigrationLocation.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationLocationTest {

    @Test
    void readsAPlainPathAsAFolder() {
        assertThat(MigrationLocation.parse("db/migration"))
                .isEqualTo(new MigrationLocation(Kind.FILESYSTEM, "db/migration", "db/migration"));
    }

    @Test
    void readsTheFilesystemPrefix() {
        assertThat(MigrationLocation.parse("filesystem:/srv/sql"))
                .isEqualTo(new MigrationLocation(Kind.FILESYSTEM, "/srv/sql", "filesystem:/srv/sql"));
    }

    @Test
    void readsTheClasspathPrefixWithoutLeadingOrTrailingSlashes() {
        assertThat(MigrationLocation.parse("classpath:/db/migration/"))
                .isEqualTo(new MigrationLocation(Kind.CLASSPATH, "db/migration", "classpath:/db/migration/"));
    }

    @Test
    void takesASingleLetterBeforeAColonForAWindowsDrive() {
        assertThat(MigrationLocation.parse("C:\\db").kind()).isEqualTo(Kind.FILESYSTEM);
    }

    @Test
    void showsPathsUnderTheLocationAsTheUserWroteIt() {
        assertThat(MigrationLocation.parse("db/migration/").displayPath("sub/V1__x.sql")).isEqualTo("db/migration/sub/V1__x.sql");
        assertThat(MigrationLocation.parse("classpath:db/migration").displayPath("V1__x.sql"))
                .isEqualTo("classpath:db/migration/V1__x.sql");
        assertThat(MigrationLocation.parse("/").displayPath("V1__x.sql")).isEqualTo("/V1__x.sql");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "classpath:", "classpath:/", "filesystem:", "s3:bucket/db", "http://example.com/db"})
    void refusesEmptyOrUnknownLocationsAsConfiguration(String text) {
        assertThatThrownBy(() -> MigrationLocation.parse(text))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("'" + text + "'", "classpath:db/migration");
                });
    }
}

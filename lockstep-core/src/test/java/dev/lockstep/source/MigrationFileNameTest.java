package dev.lockstep.source;

import dev.lockstep.error.Reason;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationFileNameTest {

    @ParameterizedTest(name = "{0} is {1} version {2} ''{3}''")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "V1__init.sql                          | SQL        | 1              | init",
            "V2__add_users.sql                     | SQL        | 2              | add users",
            "V1_1__x.sql                           | SQL        | 1_1            | x",
            "V1.2.10__x.sql                        | SQL        | 1.2.10         | x",
            "V20240101120000__nightly_job.sql      | SQL        | 20240101120000 | nightly job",
            "V1__.sql                              | SQL        | 1              | ''",
            "V1__x.y.sql                           | SQL        | 1              | x.y",
            "U3__drop_users.sql                    | UNDO       | 3              | drop users",
            "1_init.up.sql                         | SQL        | 1              | init",
            "20240101120000_create_users.up.sql    | SQL        | 20240101120000 | create users",
            "1.2_x.up.sql                          | SQL        | 1.2            | x",
            "1_x.down.sql                          | UNDO       | 1              | x",
            "007_a_b_c.down.sql                    | UNDO       | 007            | a b c",
            "1_.up.sql                             | SQL        | 1              | ''",
    })
    void parsesVersionedAndUndoNames(String fileName, MigrationType type, String version, String description) {
        ParsedName parsed = MigrationFileName.parse(fileName).orElseThrow();

        assertThat(parsed.type()).isEqualTo(type);
        assertThat(parsed.version()).isEqualTo(Version.parse(version));
        assertThat(parsed.version()).hasToString(version);
        assertThat(parsed.description()).isEqualTo(description);
    }

    @Test
    void parsesRepeatableWithoutVersion() {
        ParsedName parsed = MigrationFileName.parse("R__refresh_views.sql").orElseThrow();

        assertThat(parsed).isEqualTo(new ParsedName(MigrationType.REPEATABLE, null, "refresh views"));
    }

    @Test
    void refusesAVersionLongerThanTheHistoryKeeps() {
        String version = "1".repeat(MigrationFileName.MAX_VERSION_LENGTH + 1);
        for (String name : new String[] {"V" + version + "__x.sql", version + "_x.up.sql"}) {
            assertThatThrownBy(() -> MigrationFileName.parse(name)).isInstanceOf(MalformedNameException.class)
                    .hasMessageContaining(name).hasMessageContaining("129 characters").hasMessageContaining("at most 128");
        }
    }

    @Test
    void acceptsTheLongestVersionTheHistoryKeeps() {
        String version = "1.".repeat(63) + "10";
        assertThat(MigrationFileName.parse("V" + version + "__x.sql").orElseThrow().version()).hasToString(version);
    }

    @Test
    void keepsTheVersionAsWrittenWhileComparingByValue() {
        Version version = MigrationFileName.parse("V1_0__x.sql").orElseThrow().version();

        assertThat(version).hasToString("1_0").isEqualTo(Version.parse("1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "V1_init.sql      | needs two underscores between the version and the description | V<version>__<description>.sql",
            "V1.sql           | needs two underscores between the version and the description | V<version>__<description>.sql",
            "V1__x.SQL        | the suffix must be lower-case '.sql'                           | V<version>__<description>.sql",
            "V1__x.SQL.bak    | does not end with '.sql'                                       | V<version>__<description>.sql",
            "V1__x.sql.orig   | does not end with '.sql'                                       | V<version>__<description>.sql",
            "Vx__y.sql        | 'x' is not a version                                           | V<version>__<description>.sql",
            "V1.__x.sql       | '1.' is not a version                                          | V<version>__<description>.sql",
            "V__x.sql         | the version is missing                                         | V<version>__<description>.sql",
            "v1__x.sql        | the prefix 'v' must be upper-case 'V'                          | V<version>__<description>.sql",
            "U1_x.sql         | needs two underscores                                          | U<version>__<description>.sql",
            "R1__x.sql        | a repeatable migration has no version                          | R__<description>.sql",
            "R_x.sql          | needs two underscores after 'R'                                | R__<description>.sql",
            "r__x.sql         | the prefix 'r' must be upper-case 'R'                          | R__<description>.sql",
            "1.up.sql         | has no description                                             | <version>_<description>.up.sql",
            "1.2.down.sql     | has no description                                             | <version>_<description>.down.sql",
            "1_x.UP.sql       | the suffix must be lower-case '.up.sql' or '.down.sql'         | <version>_<description>.up.sql",
            "1_x.up.SQL       | the suffix must be lower-case '.up.sql' or '.down.sql'         | <version>_<description>.up.sql",
            "1_init.sql       | must end with '.up.sql' or '.down.sql'                         | <version>_<description>.up.sql",
            "1a_x.up.sql      | the version '1' must be followed by '_'                        | <version>_<description>.up.sql",
            "1_x.up.sql.bak   | does not end with '.sql'                                       | <version>_<description>.up.sql",
    })
    void rejectsNamesThatLookLikeMigrationsButDoNotParse(String fileName, String problem, String expectedForm) {
        assertThat(MigrationFileName.roleOf(fileName)).isEqualTo(FileRole.MIGRATION);
        assertThatThrownBy(() -> MigrationFileName.parse(fileName))
                .isInstanceOfSatisfying(MalformedNameException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_MIGRATIONS);
                    assertThat(e.exitCode()).isEqualTo(5);
                    assertThat(e.fileName()).isEqualTo(fileName);
                    assertThat(e.getMessage()).startsWith(fileName + ": ").contains(problem).contains("expected").contains(expectedForm);
                    assertThat(e.problem()).doesNotContain(fileName).contains(problem);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed.sql", "data.SQL", "Users.sql", "views.sql", "V.sql", "users_seed.sql", "report__monthly.sql"})
    void reportsOtherSqlFilesAsIgnored(String fileName) {
        assertThat(MigrationFileName.roleOf(fileName)).isEqualTo(FileRole.IGNORED);
        assertThat(MigrationFileName.parse(fileName)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", ".gitkeep", "V1__init.txt", "1_init.up.txt", "notes", "seed.sql.bak", "app.sqlite"})
    void skipsFilesThatAreNotSql(String fileName) {
        assertThat(MigrationFileName.roleOf(fileName)).isEqualTo(FileRole.OTHER);
        assertThat(MigrationFileName.parse(fileName)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"beforeMigrate.sql", "afterMigrate.sql", "beforeEachMigrate.sql", "afterEachMigrate.sql",
            "afterMigrateError.sql"})
    void reservesCallbackNames(String fileName) {
        assertThat(MigrationFileName.roleOf(fileName)).isEqualTo(FileRole.CALLBACK);
        assertThat(MigrationFileName.parse(fileName)).isEmpty();
    }

    @Test
    void treatsCallbackNamesInAnotherCaseAsIgnoredSqlFiles() {
        assertThat(MigrationFileName.roleOf("BeforeMigrate.sql")).isEqualTo(FileRole.IGNORED);
    }

    @Test
    void treatsAnUpperCasePrefixWithDoubleUnderscoreAsAMigration() {
        // The price of catching Vx__y.sql: a seed file named like this must be renamed.
        assertThat(MigrationFileName.roleOf("Users__seed.sql")).isEqualTo(FileRole.MIGRATION);
        assertThatThrownBy(() -> MigrationFileName.parse("Users__seed.sql")).isInstanceOf(MalformedNameException.class);
    }

    @Test
    void readsAJavaMigrationsClassNameAsAVersionedJavaMigration() {
        ParsedName name = MigrationFileName.parseClassName("V1_2__Backfill_emails");
        assertThat(name.type()).isEqualTo(MigrationType.JAVA);
        assertThat(name.version()).hasToString("1.2");
        assertThat(name.description()).isEqualTo("Backfill emails");
        assertThat(MigrationFileName.looksLikeJavaMigration("V7__Backfill_emails")).isTrue();
        assertThat(MigrationFileName.looksLikeJavaMigration("Validator")).isFalse();
        assertThat(MigrationFileName.looksLikeJavaMigration("Helper")).isFalse();
        assertThatThrownBy(() -> MigrationFileName.parseClassName("R__Views")).isInstanceOf(MalformedNameException.class)
                .hasMessageContaining("a repeatable migration cannot be a Java class");
        assertThatThrownBy(() -> MigrationFileName.parseClassName("V7_Backfill")).isInstanceOf(MalformedNameException.class)
                .hasMessageContaining("needs two underscores");
    }
}

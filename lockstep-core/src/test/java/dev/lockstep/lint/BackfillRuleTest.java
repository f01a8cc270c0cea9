package dev.lockstep.lint;

import org.junit.jupiter.api.Test;

import static dev.lockstep.lint.LintDialect.MYSQL;
import static dev.lockstep.lint.LintDialect.POSTGRESQL;
import static dev.lockstep.lint.LintDialect.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;

/** LS701: a row change of an existing table that neither bounds itself nor runs in batches. */
class BackfillRuleTest {

    @Test
    void anUnboundedUpdateOfAnExistingTableWarnsAndNamesTheDirective() {
        Finding finding = Lint.findings(POSTGRESQL, "UPDATE users SET email_lower = lower(email) WHERE email_lower IS NULL;")
                .stream().filter(f -> f.code().equals("LS701")).findFirst().orElseThrow();

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("UPDATE of users changes every row its WHERE selects in one transaction");
        assertThat(finding.fix()).contains("-- lockstep:batch", "WHERE id IN (SELECT id FROM users WHERE new_column IS NULL"
                + " LIMIT 5000)", "-- lockstep:batch key=id before it as it is");
        assertThat(Lint.codes(MYSQL, "DELETE FROM sessions;", "LS7")).containsExactly("LS701");
        assertThat(Lint.codes(SQLITE, "UPDATE OR IGNORE users SET a = 1 WHERE a IS NULL OR b = 2;", "LS7"))
                .containsExactly("LS701");
    }

    @Test
    void aBatchedOrSelfBoundedStatementIsFine() {
        assertThat(Lint.codes(POSTGRESQL, "-- lockstep:batch\nUPDATE users SET a = 1 WHERE id IN (SELECT id FROM users"
                + " WHERE a IS NULL LIMIT 5000);", "LS7")).isEmpty();
        assertThat(Lint.codes(MYSQL, "-- lockstep:batch pause=100ms\nUPDATE users SET a = 1 WHERE a IS NULL LIMIT 5000;",
                "LS7")).isEmpty();
        assertThat(Lint.codes(MYSQL, "DELETE FROM sessions WHERE expired LIMIT 1000;", "LS7")).isEmpty();
        assertThat(Lint.codes(SQLITE, "-- lockstep:batch key=id\nUPDATE users SET a = 1 WHERE a IS NULL;", "LS")).isEmpty();
    }

    @Test
    void aKeyRangeBackfillThatKeyRangesCannotBoundIsAnErrorAtItsLine() {
        Finding finding = Lint.findings(POSTGRESQL, "ALTER TABLE users ADD COLUMN a INT;\n-- lockstep:batch key=id\n"
                + "UPDATE users SET a = o.a FROM other o WHERE o.id = users.id;").stream()
                .filter(f -> f.code().equals("LS001")).findFirst().orElseThrow();

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.line()).isEqualTo(3);
        assertThat(finding.message()).contains("key=id", "FROM of its own", "single-table UPDATE or DELETE");
    }

    @Test
    void aFewRowsByLiteralsOrATableOfTheSameFileAreFine() {
        assertThat(Lint.codes(POSTGRESQL, "UPDATE settings SET v = 'on' WHERE name = 'feature';", "LS7")).isEmpty();
        assertThat(Lint.codes(POSTGRESQL, "DELETE FROM users WHERE id IN (1, 2, 3);", "LS7")).isEmpty();
        assertThat(Lint.codes(SQLITE, "CREATE TABLE IF NOT EXISTS t (a INT);\nUPDATE t SET a = 1;", "LS7")).isEmpty();
        assertThat(Lint.codes(POSTGRESQL, "INSERT INTO t SELECT * FROM u;", "LS7")).isEmpty();
    }

    @Test
    void anEqualityFollowedByMoreIsNotAFewRows() {
        assertThat(Lint.codes(POSTGRESQL, "UPDATE users SET a = 1 WHERE status = 'new' OR a IS NULL;", "LS7"))
                .containsExactly("LS701");
    }
}

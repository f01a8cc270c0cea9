package dev.lockstep.lint;

import org.junit.jupiter.api.Test;

import static dev.lockstep.lint.LintDialect.MARIADB;
import static dev.lockstep.lint.LintDialect.MYSQL;
import static dev.lockstep.lint.LintDialect.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;

class MySqlLockingRuleTest {

    @Test
    void alterTableWithoutAnAlgorithmIsAnErrorWhereAnOnlineOneExists() {
        Finding finding = Lint.findings(MYSQL, "ALTER TABLE users ADD COLUMN email varchar(320)").get(0);

        assertThat(finding.code()).isEqualTo("LS301");
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.fix()).contains("ALGORITHM=INSTANT");
        assertThat(Lint.codes(MARIADB, "ALTER TABLE users ADD INDEX users_email (email)", "LS3")).containsExactly("LS301");
        assertThat(Lint.findings(MARIADB, "ALTER TABLE users ADD INDEX users_email (email)").get(0).fix())
                .contains("ALGORITHM=INPLACE, LOCK=NONE");
        assertThat(Lint.codes(MYSQL, "ALTER TABLE users DROP COLUMN email", "LS3")).containsExactly("LS301");
        assertThat(Lint.codes(MYSQL, "ALTER TABLE users ALTER COLUMN email SET DEFAULT ''", "LS3")).containsExactly("LS301");
    }

    @Test
    void namedOnlineAlgorithmsAreFine() {
        assertThat(Lint.codes(MYSQL, "ALTER TABLE users ADD COLUMN email varchar(320), ALGORITHM=INSTANT", "LS3")).isEmpty();
        assertThat(Lint.codes(MYSQL, "ALTER TABLE users ADD INDEX i (email), ALGORITHM = INPLACE, LOCK = NONE", "LS3")).isEmpty();
        assertThat(Lint.codes(MYSQL, "ALTER TABLE users ADD COLUMN e int, ALGORITHM=INSTANT, LOCK=DEFAULT", "LS3")).isEmpty();
    }

    @Test
    void inplaceWithALockIsNotOnline() {
        assertThat(Lint.codes(MYSQL, "ALTER TABLE users ADD INDEX i (email), ALGORITHM=INPLACE, LOCK=SHARED", "LS3"))
                .containsExactly("LS301");
    }

    @Test
    void instantWithALockClauseIsRefusedByTheServer() {
        assertThat(Lint.codes(MYSQL, "ALTER TABLE users ADD COLUMN e int, ALGORITHM=INSTANT, LOCK=NONE", "LS3"))
                .containsExactly("LS302");
    }

    @Test
    void changesWithoutAnOnlineAlgorithmAndNewTablesAreNotReported() {
        assertThat(Lint.codes(MYSQL, "ALTER TABLE users MODIFY COLUMN age bigint", "LS3")).isEmpty();
        assertThat(Lint.codes(MYSQL, "CREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t ADD COLUMN e int;", "LS3")).isEmpty();
    }

    @Test
    void createIndexOnAnExistingTableNeedsInplaceWithoutLock() {
        assertThat(Lint.codes(MYSQL, "CREATE INDEX i ON users (email)", "LS3")).containsExactly("LS303");
        assertThat(Lint.codes(MYSQL, "DROP INDEX i ON users", "LS3")).containsExactly("LS303");
        assertThat(Lint.codes(MYSQL, "CREATE INDEX i ON users (email) ALGORITHM=INPLACE LOCK=NONE", "LS3")).isEmpty();
        assertThat(Lint.codes(MYSQL, "CREATE TABLE IF NOT EXISTS t (id int);\nCREATE INDEX i ON t (id);", "LS3")).isEmpty();
    }

    @Test
    void mysqlRulesDoNotApplyToPostgres() {
        assertThat(Lint.codes(POSTGRESQL, "ALTER TABLE users ADD COLUMN email text", "LS3")).isEmpty();
    }
}

package dev.lockstep.lint;

import org.junit.jupiter.api.Test;

import static dev.lockstep.lint.LintDialect.MARIADB;
import static dev.lockstep.lint.LintDialect.MYSQL;
import static dev.lockstep.lint.LintDialect.POSTGRESQL;
import static dev.lockstep.lint.LintDialect.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;

class TransactionRuleTest {

    @Test
    void beginAndCommitInAFileAreErrors() {
        assertThat(Lint.codes(SQLITE, "BEGIN;\nCREATE TABLE IF NOT EXISTS t (id int);\nCOMMIT;", "LS4"))
                .containsExactly("LS402", "LS402");
        assertThat(Lint.findings(SQLITE, "BEGIN;\nCOMMIT;").get(1).line()).isEqualTo(2);
    }

    @Test
    void savepointsAndTriggerBodiesAreNotTransactionControl() {
        assertThat(Lint.codes(POSTGRESQL, "SAVEPOINT a;\nROLLBACK TO SAVEPOINT a;", "LS4")).isEmpty();
        assertThat(Lint.codes(SQLITE, """
                CREATE TRIGGER IF NOT EXISTS t AFTER INSERT ON a BEGIN
                  UPDATE b SET n = n + 1;
                END;
                """, "LS4")).isEmpty();
    }

    @Test
    void concurrentlyInAFileThatOpensATransactionIsAnError() {
        Finding finding = Lint.findings(POSTGRESQL, "BEGIN;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (x);\nCOMMIT;")
                .stream().filter(f -> f.code().equals("LS401")).findFirst().orElseThrow();
        assertThat(finding.line()).isEqualTo(2);
        assertThat(finding.column()).isEqualTo(14);
        assertThat(finding.message()).contains("line 1");
    }

    @Test
    void concurrentlyWithoutATransactionIsNoTransactionProblem() {
        assertThat(Lint.codes(POSTGRESQL, "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (x);", "LS4")).isEmpty();
    }

    @Test
    void mysqlFilesMixingDdlAndDmlCannotBeAtomic() {
        String sql = "CREATE TABLE IF NOT EXISTS s (c int);\nINSERT INTO s VALUES (1);";
        Finding finding = Lint.findings(MYSQL, sql).stream().filter(f -> f.code().equals("LS403")).findFirst().orElseThrow();
        assertThat(finding.line()).isEqualTo(2);
        assertThat(finding.message()).contains("commit each DDL statement at once",
                "each run of row changes between two DDL statements in one transaction with one entry");
        assertThat(Lint.codes(MARIADB, sql, "LS4")).containsExactly("LS403");
    }

    @Test
    void rowOnlyOrDdlOnlyMysqlFilesAndOtherDialectsAreFine() {
        assertThat(Lint.codes(MYSQL, "INSERT INTO s VALUES (1);\nUPDATE s SET c = 2;", "LS4")).isEmpty();
        assertThat(Lint.codes(MYSQL, "CREATE TABLE IF NOT EXISTS s (c int);\nCREATE TABLE IF NOT EXISTS r (c int);", "LS4"))
                .isEmpty();
        assertThat(Lint.codes(POSTGRESQL, "CREATE TABLE IF NOT EXISTS s (c int);\nINSERT INTO s VALUES (1);", "LS4")).isEmpty();
    }
}

package dev.lockstep.lint;

import org.junit.jupiter.api.Test;

import static dev.lockstep.lint.LintDialect.MARIADB;
import static dev.lockstep.lint.LintDialect.MYSQL;
import static dev.lockstep.lint.LintDialect.POSTGRESQL;
import static dev.lockstep.lint.LintDialect.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyRuleTest {

    @Test
    void createTableWithoutIfNotExistsIsReportedAtTheObjectWordWithAFix() {
        Finding finding = Lint.findings(SQLITE, "-- make it\nCREATE TABLE users (id INTEGER PRIMARY KEY);").get(0);

        assertThat(finding.code()).isEqualTo("LS101");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.file()).isEqualTo("V2__change.sql");
        assertThat(finding.line()).isEqualTo(2);
        assertThat(finding.column()).isEqualTo(8);
        assertThat(finding.fix()).contains("CREATE TABLE IF NOT EXISTS users");
    }

    @Test
    void theFixForAUniqueOrConcurrentIndexKeepsWhatTheIndexIs() {
        assertThat(Lint.findings(SQLITE, "CREATE UNIQUE INDEX x ON users (email);").get(0).fix())
                .isEqualTo("Write CREATE UNIQUE INDEX IF NOT EXISTS x.");
        assertThat(Lint.findings(POSTGRESQL, "CREATE UNIQUE INDEX CONCURRENTLY x ON users (email);")
                .stream().filter(f -> f.code().equals("LS101")).findFirst().orElseThrow().fix())
                .isEqualTo("Write CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS x.");
    }

    @Test
    void columnsAreRightForTwoEqualStatementsOnOneLine() {
        assertThat(Lint.findings(SQLITE, "DROP VIEW v; DROP VIEW v;")).extracting(Finding::column).containsExactly(6, 19);
    }

    @Test
    void guardedCreatesAreFine() {
        assertThat(Lint.codes(POSTGRESQL, """
                CREATE TABLE IF NOT EXISTS users (id int);
                CREATE INDEX IF NOT EXISTS users_id ON users (id);
                CREATE OR REPLACE VIEW v AS SELECT 1;
                CREATE SEQUENCE IF NOT EXISTS s;
                CREATE SCHEMA IF NOT EXISTS app;
                CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;
                """, "LS1")).isEmpty();
    }

    @Test
    void everyKindOfCreateIsReportedWhereTheDialectHasAGuard() {
        assertThat(Lint.codes(POSTGRESQL, """
                CREATE TABLE users (id int);
                CREATE UNIQUE INDEX users_id ON users (id);
                CREATE VIEW v AS SELECT 1;
                CREATE SEQUENCE s;
                CREATE SCHEMA app;
                CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;
                """, "LS1")).containsExactly("LS101", "LS101", "LS101", "LS101", "LS101", "LS101");
    }

    @Test
    void viewsAskForOrReplaceExceptOnSqlite() {
        assertThat(Lint.findings(MYSQL, "CREATE VIEW v AS SELECT 1").get(0).fix()).contains("CREATE OR REPLACE VIEW v");
        assertThat(Lint.findings(SQLITE, "CREATE VIEW v AS SELECT 1").get(0).fix()).contains("CREATE VIEW IF NOT EXISTS v");
    }

    @Test
    void mysqlHasNoIfNotExistsForIndexesOrSequencesButMariaDbHas() {
        String sql = "CREATE TABLE IF NOT EXISTS t (id int); CREATE INDEX t_id ON t (id); CREATE SEQUENCE s;";
        assertThat(Lint.codes(MYSQL, sql, "LS1")).isEmpty();
        assertThat(Lint.codes(MARIADB, sql, "LS1")).containsExactly("LS101", "LS101");
    }

    @Test
    void aCreateAfterADropOfTheSameObjectInTheFileIsIdempotent() {
        assertThat(Lint.codes(SQLITE, "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT 1;", "LS1")).isEmpty();
    }

    @Test
    void dropWithoutIfExistsIsReported() {
        assertThat(Lint.codes(POSTGRESQL, "DROP INDEX CONCURRENTLY users_id;", "LS1")).containsExactly("LS102");
        assertThat(Lint.findings(POSTGRESQL, "DROP INDEX CONCURRENTLY users_id;").get(0).fix())
                .contains("DROP INDEX CONCURRENTLY IF EXISTS users_id");
        assertThat(Lint.codes(SQLITE, "DROP VIEW v;", "LS1")).containsExactly("LS102");
    }

    @Test
    void guardedDropsAndDropsWithoutAGuardInTheDialectAreFine() {
        assertThat(Lint.codes(POSTGRESQL, "DROP TABLE IF EXISTS a, b; DROP VIEW IF EXISTS v;", "LS1")).isEmpty();
        assertThat(Lint.codes(MYSQL, "DROP INDEX t_id ON t;", "LS1")).isEmpty();
    }

    @Test
    void addColumnWithoutIfNotExistsIsReportedWhereTheDialectHasIt() {
        String sql = "ALTER TABLE users ADD COLUMN email text";
        assertThat(Lint.codes(POSTGRESQL, sql, "LS1")).containsExactly("LS103");
        assertThat(Lint.codes(MARIADB, sql, "LS1")).containsExactly("LS103");
        assertThat(Lint.codes(MYSQL, sql, "LS1")).isEmpty();
        assertThat(Lint.codes(SQLITE, sql, "LS1")).isEmpty();
    }

    @Test
    void addColumnIfNotExistsAndAddConstraintAreFine() {
        assertThat(Lint.codes(POSTGRESQL, "ALTER TABLE users ADD COLUMN IF NOT EXISTS email text,"
                + " ADD CONSTRAINT users_email_uq UNIQUE (email)", "LS1")).isEmpty();
    }

    @Test
    void dropColumnWithoutIfExistsIsReportedOnPostgresAndMariaDb() {
        assertThat(Lint.codes(POSTGRESQL, "ALTER TABLE users DROP COLUMN email", "LS1")).containsExactly("LS102");
        assertThat(Lint.codes(MARIADB, "ALTER TABLE users DROP email", "LS1")).containsExactly("LS102");
        assertThat(Lint.codes(POSTGRESQL, "ALTER TABLE users DROP COLUMN IF EXISTS email", "LS1")).isEmpty();
        assertThat(Lint.codes(POSTGRESQL, "ALTER TABLE users DROP CONSTRAINT users_fk", "LS1")).isEmpty();
    }

    @Test
    void wordsInStringsAndCommentsCountForNothing() {
        assertThat(Lint.codes(POSTGRESQL, "INSERT INTO notes (text) VALUES ('CREATE TABLE x (id int)'); -- DROP TABLE y")).isEmpty();
    }
}

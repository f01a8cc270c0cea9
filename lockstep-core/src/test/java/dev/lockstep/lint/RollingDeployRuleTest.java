package dev.lockstep.lint;

import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.lockstep.lint.LintDialect.MYSQL;
import static dev.lockstep.lint.LintDialect.POSTGRESQL;
import static dev.lockstep.lint.LintDialect.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;

class RollingDeployRuleTest {

    @Test
    void droppingATableOrColumnWarnsAboutOldReplicas() {
        Finding finding = Lint.findings(SQLITE, "DROP TABLE IF EXISTS legacy;").get(0);
        assertThat(finding.code()).isEqualTo("LS501");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("previous release");
        assertThat(finding.fix()).contains("later");
        assertThat(Lint.codes(POSTGRESQL, "ALTER TABLE users DROP COLUMN IF EXISTS email;", "LS5")).containsExactly("LS501");
        assertThat(Lint.codes(MYSQL, "ALTER TABLE users DROP email, ALGORITHM=INSTANT;", "LS5")).containsExactly("LS501");
    }

    @Test
    void renamesWarnAboutOldReplicas() {
        assertThat(Lint.codes(POSTGRESQL, "ALTER TABLE users RENAME COLUMN mail TO email;", "LS5")).containsExactly("LS502");
        assertThat(Lint.codes(POSTGRESQL, "ALTER TABLE users RENAME TO customers;", "LS5")).containsExactly("LS502");
        assertThat(Lint.codes(MYSQL, "RENAME TABLE users TO customers;", "LS5")).containsExactly("LS502");
        assertThat(Lint.codes(MYSQL, "ALTER TABLE users CHANGE COLUMN mail email varchar(9), ALGORITHM=INSTANT;", "LS5"))
                .containsExactly("LS502");
    }

    @Test
    void nearMissesAreFine() {
        assertThat(Lint.codes(MYSQL, "ALTER TABLE users CHANGE COLUMN email email varchar(400);", "LS5")).isEmpty();
        assertThat(Lint.codes(POSTGRESQL, "ALTER TABLE users RENAME CONSTRAINT a TO b;", "LS5")).isEmpty();
        assertThat(Lint.codes(POSTGRESQL, "ALTER TABLE users DROP CONSTRAINT IF EXISTS users_fk;", "LS5")).isEmpty();
        assertThat(Lint.codes(SQLITE, "DROP VIEW IF EXISTS v;", "LS5")).isEmpty();
        assertThat(Lint.codes(SQLITE, "CREATE TABLE IF NOT EXISTS tmp (id int);\nDROP TABLE IF EXISTS tmp;", "LS5")).isEmpty();
    }

    @Test
    void undoFilesMayDropWhatTheirMigrationAdded() {
        LintReport report = new Linter(new LintOptions(SQLITE, false)).lint(List.of(
                new LintSource("U2__add.sql", "DROP TABLE IF EXISTS t;", MigrationType.UNDO, Version.parse("2"))));
        assertThat(report.findings()).isEmpty();
    }
}

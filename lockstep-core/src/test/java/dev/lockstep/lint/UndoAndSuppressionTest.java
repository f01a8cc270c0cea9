package dev.lockstep.lint;

import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.lockstep.lint.LintDialect.POSTGRESQL;
import static dev.lockstep.lint.LintDialect.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;

class UndoAndSuppressionTest {

    private static LintSource source(String name, MigrationType type, String version) {
        return new LintSource(name, "SELECT 1;", type, version == null ? null : Version.parse(version));
    }

    @Test
    void aVersionedMigrationWithoutUndoIsAWarningOnlyWhenUndoIsRequired() {
        List<LintSource> sources = List.of(source("V1__a.sql", MigrationType.SQL, "1"), source("U1__a.sql", MigrationType.UNDO, "1"),
                source("2_b.up.sql", MigrationType.SQL, "2"), source("R__v.sql", MigrationType.REPEATABLE, null));

        List<Finding> findings = new Linter(new LintOptions(SQLITE, true)).lint(sources).findings();

        assertThat(findings).extracting(Finding::code, Finding::file, Finding::line, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("LS601", "2_b.up.sql", 1, Severity.WARNING));
        assertThat(new Linter(new LintOptions(SQLITE, false)).lint(sources).findings()).isEmpty();
    }

    @Test
    void aSuppressionWithAReasonOnTheLineBeforeRemovesTheFinding() {
        LintReport report = Lint.report(SQLITE, """
                CREATE TABLE IF NOT EXISTS a (id int);
                -- lockstep:ignore LS101 created once by hand in every environment
                CREATE TABLE b (id int);
                CREATE TABLE c (id int);
                """);
        assertThat(report.findings()).extracting(Finding::line).containsExactly(4);
        assertThat(report.suppressed()).isEqualTo(1);
    }

    @Test
    void aSuppressionCoversAFindingFurtherInsideTheStatement() {
        assertThat(Lint.codes(POSTGRESQL, """
                SET lock_timeout = '5s';
                -- lockstep:ignore LS205 orders has ten rows
                ALTER TABLE orders
                  ADD CONSTRAINT c CHECK (total > 0);
                """)).isEmpty();
    }

    @Test
    void aSuppressionInTheHeaderCoversTheWholeFile() {
        assertThat(Lint.codes(SQLITE, """
                -- Seeds.
                -- lockstep:ignore LS101,LS102 scratch tables rebuilt on every deploy
                CREATE TABLE a (id int);

                DROP VIEW v;
                CREATE TABLE b (id int);
                """)).isEmpty();
    }

    @Test
    void aSuppressionForAnotherCodeOrStatementRemovesNothing() {
        assertThat(Lint.codes(SQLITE, """
                CREATE TABLE IF NOT EXISTS a (id int);
                -- lockstep:ignore LS102 not this one
                CREATE TABLE b (id int);
                """)).containsExactly("LS101");
    }

    @Test
    void aSuppressionWithoutAReasonIsAFindingAndSuppressesNothing() {
        List<Finding> findings = Lint.findings(SQLITE, "CREATE TABLE IF NOT EXISTS a (id int);\n-- lockstep:ignore LS101\n"
                + "CREATE TABLE b (id int);");
        assertThat(findings).extracting(Finding::code).containsExactly("LS901", "LS101");
        assertThat(findings.get(0).line()).isEqualTo(2);
        assertThat(findings.get(0).column()).isEqualTo(4);
    }

    @Test
    void aSuppressionOfAnUnknownCodeIsAFinding() {
        assertThat(Lint.codes(SQLITE, "SELECT 1;\n-- lockstep:ignore LS999 because\nSELECT 2;")).containsExactly("LS902");
    }

    @Test
    void sqlThatCannotBeSplitIsAnErrorFinding() {
        Finding finding = Lint.findings(SQLITE, "SELECT 1;\nSELECT 'unterminated;").get(0);
        assertThat(finding.code()).isEqualTo("LS001");
        assertThat(finding.line()).isEqualTo(2);
    }

    @Test
    void everyCodeIsUniqueAndFamiliesHaveTheirSeverity() {
        for (RuleCode code : RuleCode.values()) {
            Severity expected = switch (code.code().charAt(2)) {
                case '1', '5', '6', '7', '9' -> Severity.WARNING;
                default -> code == RuleCode.LS208 ? Severity.INFO : Severity.ERROR;
            };
            assertThat(code.severity()).as(code.code()).isEqualTo(expected);
        }
    }
}

package dev.lockstep.lint;

import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;

import java.util.List;

/** Lints SQL given inline, as a versioned migration {@code V2__change.sql}: what the rule tests share. */
final class Lint {
    private Lint() {
    }

    static List<Finding> findings(LintDialect dialect, String sql) {
        return report(dialect, sql).findings();
    }

    static LintReport report(LintDialect dialect, String sql) {
        return new Linter(new LintOptions(dialect, false, false))
                .lint(List.of(new LintSource("V2__change.sql", sql, MigrationType.SQL, Version.parse("2"))));
    }

    /** The codes found, in order. */
    static List<String> codes(LintDialect dialect, String sql) {
        return findings(dialect, sql).stream().map(Finding::code).toList();
    }

    /** The codes found whose family (first digit) is {@code family}, such as "LS2". */
    static List<String> codes(LintDialect dialect, String sql, String family) {
        return codes(dialect, sql).stream().filter(c -> c.startsWith(family)).toList();
    }
}

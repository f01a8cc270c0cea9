package dev.lockstep.lint;

import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import dev.lockstep.sql.SqlSyntaxException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every rule over every file, drops what a suppression with a reason covers, and reports the
 * rest. Pure: the caller reads the files; whether the findings fail a run is the caller's call
 * ({@link LintReport#reaches}).
 */
public final class Linter {
    private static final List<Rule> RULES = List.of(new IdempotencyRule(), new PostgresLockingRule(),
            new MySqlLockingRule(), new TransactionRule(), new RollingDeployRule(), new BackfillRule());

    private final LintOptions options;

    public Linter(LintOptions options) {
        this.options = options;
    }

    /** Lints the files; findings come in the order of {@code sources}, then by line and column. */
    public LintReport lint(List<LintSource> sources) {
        Set<Version> undone = sources.stream().filter(s -> s.type() == MigrationType.UNDO).map(LintSource::version)
                .collect(Collectors.toSet());
        List<Finding> reported = new ArrayList<>();
        int suppressed = 0;
        for (LintSource source : sources) {
            List<Findings.Placed> placed = new ArrayList<>();
            LintedFile file;
            try {
                file = new LintedFile(source, options.dialect(), options.lockTimeoutFromLockstep());
            } catch (SqlSyntaxException e) {
                reported.add(new Finding(RuleCode.LS001.code(), RuleCode.LS001.severity(), source.path(), Math.max(e.line(), 1),
                        1, e.problem(), RuleCode.LS001.help()));
                continue;
            }
            Findings findings = new Findings(file);
            for (Rule rule : RULES) {
                rule.check(file, findings);
            }
            if (options.requireUndo() && source.type() == MigrationType.SQL && source.version() != null
                    && !undone.contains(source.version())) {
                findings.reportFile(RuleCode.LS601, "Version " + source.version() + " has no undo file, so it cannot be"
                        + " rolled back.", "Add U" + source.version() + "__<description>.sql (or " + source.version()
                        + "_<description>.down.sql) beside it.");
            }
            Suppressions suppressions = new Suppressions(file, findings);
            for (Findings.Placed p : findings.placed()) {
                if (suppressions.covers(p)) {
                    suppressed++;
                } else {
                    placed.add(p);
                }
            }
            placed.stream().map(Findings.Placed::finding)
                    .sorted(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column))
                    .forEach(reported::add);
        }
        return new LintReport(reported, sources.size(), suppressed);
    }
}

package dev.lockstep.cli;

import dev.lockstep.Fleet;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrationFiles;
import dev.lockstep.cli.log.LogSettings;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.lint.Finding;
import dev.lockstep.lint.LintDialect;
import dev.lockstep.lint.LintOptions;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSource;
import dev.lockstep.lint.Linter;
import dev.lockstep.lint.Severity;
import dev.lockstep.result.DryRunResult;
import dev.lockstep.result.FleetResult;
import dev.lockstep.result.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "Apply every pending migration, or wait for the replica that is applying them.",
        "Safe to run from every replica at once: one migrates under a database lock, the others wait and find the work done."})
final class MigrateCommand extends DatabaseCommand {
    @Mixin
    HealthOptions health;

    @Mixin
    PlaceholderOptions placeholders;
    @Mixin
    TenantOptions tenants;

    @Option(names = "--fail-fast", description = "With a tenant selection: start no new tenant once one failed (those in"
            + " flight finish); by default the others go on.")
    boolean failFast;

    @Option(names = "--dry-run", description = "Print the plan and the exact statements, with transaction boundaries and"
            + " placeholders resolved, then stop: reads the history, takes no lock, changes nothing.")
    boolean dryRun;

    @Option(names = "--target", paramLabel = "VERSION", description = "Apply versioned migrations up to this version only"
            + " (repeatables still run).")
    String target;

    @Option(names = "--out-of-order", description = "Apply an unapplied version older than the newest applied one (merged"
            + " from another branch) instead of refusing it.")
    boolean outOfOrder;

    @Option(names = "--baseline-on-migrate", description = "A schema that holds tables but no lockstep history is"
            + " baselined at --baseline-version first; without it, migrate refuses such a schema.")
    boolean baselineOnMigrate;

    @Option(names = "--baseline-version", paramLabel = "VERSION",
            description = "The version --baseline-on-migrate baselines at (default: 1).")
    String baselineVersion;

    @Option(names = "--before-migrate-command", paramLabel = "COMMAND", description = "A shell command (sh -c) run under"
            + " the lock before anything is applied, only when something is pending, such as a pg_dump backup. A non-zero"
            + " exit aborts with its output shown and nothing applied.")
    String beforeMigrateCommand;

    @Option(names = "--lint", paramLabel = "SEVERITY", description = "Lint the pending migration files first and apply"
            + " nothing (exit 9) when a finding is at least this severe: info, warning or error.")
    Severity lint;

    @Override
    public Integer call() {
        LockstepConfig.Builder builder = placeholders.applyTo(connection.configure(), root.environment)
                .target(target)
                .outOfOrder(outOfOrder)
                .baselineOnMigrate(baselineOnMigrate)
                .beforeMigrateCommand(beforeMigrateCommand);
        if (baselineVersion != null) {
            builder.baselineVersion(baselineVersion);
        }
        if (tenants.selected()) {
            return migrateFleet(builder);
        }
        if (failFast) {
            throw new LockstepException(Reason.CONFIGURATION, "Invalid options: --fail-fast applies to a tenant selection"
                    + " (--schemas, --schemas-like, --tenants-file).");
        }
        if (lint != null) {
            lintPending(ConnectionOptions.load(builder, root.stop).dryRunMigrate());
        }
        if (dryRun) {
            DryRunResult plan = ConnectionOptions.load(builder, root.stop).dryRunMigrate();
            print(() -> DryRunRenderer.text(plan, "migrate"), () -> DryRunRenderer.json(plan));
            return ExitCode.OK;
        }
        try (Monitored run = health.open(connection, builder, root.stop)) {
            MigrateResult result = run.state().track(run.lockstep()::migrate);
            // On a terminal the log lines above already said "Applied ..." for each migration: the summary is enough.
            print(() -> text(result, !LogSettings.terminal()), () -> result);
            return ExitCode.OK;
        }
    }

    private int migrateFleet(LockstepConfig.Builder builder) {
        if (dryRun || lint != null) {
            throw new LockstepException(Reason.CONFIGURATION, "Invalid options: " + (dryRun ? "--dry-run" : "--lint")
                    + " works on one database, not yet on a fleet; run it with --schema for one tenant of the fleet"
                    + (dryRun ? "" : ", or run lockstep lint once for the files every tenant shares") + ".");
        }
        try (HealthOptions.FleetMonitor health = this.health.openFleet(connection)) {
            Fleet fleet = root.stop.attach(tenants.fleet(builder, connection.schema,
                    FleetProgress.and(health.state())).failFast(failFast).load());
            Logging.replica(fleet.config().replicaId());
            health.state().replica(fleet.config().replicaId());
            FleetResult result;
            try {
                result = fleet.migrate();
            } catch (RuntimeException e) {
                health.state().failed(e);
                throw e;
            }
            health.state().fleetEnded(result.isComplete() ? null : result.failed().size() + " of "
                    + result.tenants().size() + " tenants failed, " + result.notStarted().size() + " not started");
            print(() -> FleetRenderer.text(result), () -> FleetRenderer.json(result));
            return ExitCode.of(result);
        }
    }

    /**
     * Lints what this migrate would apply, as its dry run lists it (which creates a new SQLite file, as migrate does,
     * where info would refuse the missing file): an applied file is left alone, since a suppression comment added to it
     * would change its checksum.
     *
     * @throws LockstepException {@link Reason#LINT_FAILED} listing the findings that reach {@link #lint}
     */
    private void lintPending(DryRunResult plan) {
        Set<String> pending = plan.steps().stream().filter(step -> step.kind() == DryRunResult.Kind.MIGRATION)
                .map(DryRunResult.Step::script).collect(Collectors.toSet());
        LintDialect dialect = MigrationFiles.dialectOf(connection.url);
        List<LintSource> sources = MigrationFiles.readForLint(LintCommand.targets(null, connection.locations)).stream()
                .filter(source -> pending.contains(Path.of(source.path()).getFileName().toString())).toList();
        LintReport report = new Linter(new LintOptions(dialect, false)).lint(sources);
        List<Finding> blocking = report.findings().stream().filter(f -> f.severity().atLeast(lint)).toList();
        if (!blocking.isEmpty()) {
            String list = blocking.stream().map(f -> f.file() + ":" + f.line() + ":" + f.column() + " " + f.severity().label()
                    + " " + f.code() + " " + f.message()).collect(Collectors.joining("\n  "));
            throw new LockstepException(Reason.LINT_FAILED, "Lint found " + blocking.size() + " problem"
                    + (blocking.size() == 1 ? "" : "s") + " at or above " + lint.label() + " (" + dialect.label()
                    + "), so nothing was applied:\n  " + list + "\nFix them, suppress one with -- lockstep:ignore <CODE>"
                    + " <reason> on the line before it, or see them all with lockstep lint.");
        }
    }

    static String text(MigrateResult result) {
        return text(result, true);
    }

    /** @param eachMigration a line per applied migration too: not on a terminal, where the log has just said each */
    static String text(MigrateResult result, boolean eachMigration) {
        String version = result.currentVersion() == null ? "no version" : "version " + result.currentVersion();
        StringBuilder text = new StringBuilder();
        for (MigrateResult.AppliedStep step : eachMigration ? result.applied() : List.<MigrateResult.AppliedStep>of()) {
            text.append("Applied ").append(step.script()).append(" (").append(step.statements()).append(" statement")
                    .append(step.statements() == 1 ? "" : "s").append(", ").append(step.duration().toMillis()).append(" ms)\n");
        }
        if (!result.applied().isEmpty()) {
            text.append("Migrated ").append(result.database()).append(" to ").append(version).append(": ")
                    .append(result.applied().size()).append(" migration").append(result.applied().size() == 1 ? "" : "s")
                    .append(" in ").append(result.duration().toMillis()).append(" ms.");
        } else if (result.lockTaken()) {
            text.append("Another replica applied the migrations; ").append(result.database()).append(" is at ")
                    .append(version).append(".");
        } else {
            text.append("Schema of ").append(result.database()).append(" is up to date at ").append(version).append(".");
        }
        for (String warning : result.warnings()) {
            text.append("\nWarning: ").append(warning);
        }
        return text.toString();
    }
}

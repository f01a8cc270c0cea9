package dev.lockstep.cli;

import dev.lockstep.Lockstep;
import dev.lockstep.cli.health.HealthState;
import dev.lockstep.cli.runas.AppLaunch;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.preflight.Owner;
import dev.lockstep.preflight.PreflightReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "exec", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "Migrate (or wait for the replica that does), then run the app: the entrypoint of a scaled service.",
        "The app gets lockstep's stdin, stdout and stderr, and SIGTERM, SIGINT and SIGHUP; lockstep exits with its exit code.",
        "Started as root, exec runs the app as --run-as's user (and refuses to run it as root without --allow-root).",
        "Example: lockstep exec --url jdbc:postgresql://db/app -- java -jar app.jar"})
final class ExecCommand extends DatabaseCommand {
    @Mixin
    HealthOptions health;
    @Mixin
    RunAsOptions runAs;
    @Mixin
    PreflightOptions preflight;

    @Option(names = "--no-migrate", description = "Do not migrate: wait (up to --lock-timeout) until another replica or"
            + " a job has applied every local migration, then start the app.")
    boolean noMigrate;

    @Option(names = "--migrate", arity = "1", paramLabel = "true|false",
            description = "Whether to migrate before the app starts (default: true); false is --no-migrate, as LOCKSTEP_MIGRATE=false.")
    Boolean migrate;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The app and its arguments, after --.")
    List<String> command;

    @Override
    public Integer call() throws InterruptedException {
        AppLaunch launch = runAs.decide(); // before the database: a refusal migrates nothing
        if (preflight.requested()) {
            checkVolumes(launch);
        }
        try (Monitored run = health.open(connection, root.stop)) {
            prepare(run.lockstep(), run.state(), launch);
            return AppProcess.run(launch, command, root.stop, run.state(), spec.commandLine().getErr());
        }
    }

    /**
     * The volume preflight, first, before the database is touched: with lockstep's own privileges, so a root
     * entrypoint can fix ownership; without {@code --owner} the volumes must belong to the {@code --run-as} user.
     * A failure prints every problem with its fix and stops with exit 8; warnings are printed and the start goes on.
     */
    private void checkVolumes(AppLaunch launch) {
        PreflightReport report = preflight.check(launch.runAs().map(user -> new Owner(user.uid(), user.gid())));
        PrintWriter err = spec.commandLine().getErr();
        if (!report.passed() || !report.warnings().isEmpty()) {
            err.println(PreflightRenderer.text(report));
            err.flush();
        }
        if (!report.passed()) {
            throw new LockstepException(Reason.PREFLIGHT_FAILED, PreflightRenderer.summary(report)
                    + " The app was not started and nothing was migrated.");
        }
    }

    /** Everything that must hold before the app may start, in order; SIGTERM and SIGINT stop it safely. */
    private void prepare(Lockstep lockstep, HealthState state, AppLaunch launch) {
        boolean migrates = !noMigrate && (migrate == null || migrate);
        state.track(() -> migrates ? lockstep.migrate() : lockstep.awaitSchema(null, lockstep.config().lockTimeout()));
    }
}

package dev.lockstep.cli;

import dev.lockstep.Lockstep;
import dev.lockstep.UndoOptions;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.result.DryRunResult;
import dev.lockstep.result.UndoResult;
import dev.lockstep.result.Version;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;


@Command(name = "undo", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "Revert the last applied version (or --count N of them, or every one newer than --to VERSION) with its undo file,",
        "U<version>__*.sql or <version>_*.down.sql, newest first, under the lock. The versions' rows turn 'undone' and an",
        "UNDO row records each undo. Refuses (exit 5) before touching anything when an undo file is missing."})
final class UndoCommand extends DatabaseCommand {
    @Mixin
    PlaceholderOptions placeholders;

    @ArgGroup(exclusive = true)
    Reach reach = new Reach();

    static final class Reach {
        @Option(names = "--count", paramLabel = "N", description = "How many applied versions to undo, newest first (default: 1).")
        Integer count;

        @Option(names = "--to", paramLabel = "VERSION", description = "Undo every applied version newer than this one.")
        String to;
    }

    @Option(names = "--dry-run", description = "Print the undo files and their statements in order, then stop: takes no"
            + " lock and changes nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        UndoOptions options = options();
        Lockstep lockstep = ConnectionOptions.load(placeholders.applyTo(connection.configure(), root.environment), root.stop);
        if (dryRun) {
            DryRunResult plan = lockstep.dryRunUndo(options);
            print(() -> DryRunRenderer.text(plan, "undo"), () -> DryRunRenderer.json(plan));
            return ExitCode.OK;
        }
        UndoResult result = lockstep.undo(options);
        print(() -> text(result), () -> result);
        return ExitCode.OK;
    }

    private UndoOptions options() {
        if (reach.to != null) {
            if (!Version.isValid(reach.to)) {
                throw new LockstepException(Reason.CONFIGURATION, "--to '" + reach.to + "' is not a version (digits, parts"
                        + " separated by '.' or '_'). Give the version to go back to, as lockstep info lists them.");
            }
            return UndoOptions.to(reach.to);
        }
        int count = reach.count == null ? 1 : reach.count;
        if (count < 1) {
            throw new LockstepException(Reason.CONFIGURATION, "--count must be 1 or more, was " + count + ".");
        }
        return UndoOptions.count(count);
    }

    static String text(UndoResult result) {
        String version = result.currentVersion() == null ? "no version" : "version " + result.currentVersion();
        if (result.undone().isEmpty()) {
            return "Nothing to undo: " + result.database() + " is at " + version + ".";
        }
        StringBuilder text = new StringBuilder();
        for (UndoResult.Step step : result.undone()) {
            text.append("Undid version ").append(step.version()).append(" with ").append(step.script()).append(" (")
                    .append(step.statements()).append(" statement").append(step.statements() == 1 ? "" : "s").append(", ")
                    .append(step.duration().toMillis()).append(" ms)\n");
        }
        return text.append(result.database()).append(" is now at ").append(version).append(".").toString();
    }
}

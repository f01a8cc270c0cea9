package dev.lockstep.cli;

import dev.lockstep.RepairRequest;
import dev.lockstep.result.RepairResult;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;


@Command(name = "repair", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "Repair the history after a migration stopped part-way and could not resume by itself (exit 7), or accept",
        "an intentional edit of an applied file. Takes the migration lock and refuses while another replica holds it.",
        "Every repair is recorded in the history as a row of type REPAIR: who, when, what."},
        footerHeading = "%nExamples:%n", footer = {
        "  lockstep repair --retry 7                 run V7 again from the statement that failed",
        "  lockstep repair --mark-applied 7 --statement",
        "                                            statement in doubt did take effect: resume after it",
        "  lockstep repair --remove-failed 7         reverted by hand: run V7 from its first statement",
        "  lockstep repair --realign-checksums       accept the edits of applied files, listing each"})
final class RepairCommand extends DatabaseCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--statement", description = "With --mark-applied: record only the failed statement as done, so the"
            + " next migrate resumes after it, instead of the whole migration.")
    boolean statement;

    @Parameters(index = "0", arity = "0..1", paramLabel = "VERSION", description = "The migration to repair. Needed only"
            + " when several failed; --remove-failed and --realign-checksums apply to all without it.")
    String version;

    static final class Action {
        @Option(names = "--retry", required = true, description = "Run the failed or interrupted migration again from its"
                + " failed statement, now.")
        boolean retry;
        @Option(names = "--mark-applied", required = true, description = "Record the migration (or, with --statement, its"
                + " failed statement) as applied without running it.")
        boolean markApplied;
        @Option(names = "--remove-failed", required = true, description = "Delete failed rows, so those migrations run"
                + " again from their first statement. Revert what took effect first.")
        boolean removeFailed;
        @Option(names = "--realign-checksums", required = true, description = "Record the new checksums of applied files"
                + " that were edited on purpose, listing each change.")
        boolean realignChecksums;

        RepairRequest.Action value() {
            return retry ? RepairRequest.Action.RETRY : markApplied ? RepairRequest.Action.MARK_APPLIED
                    : removeFailed ? RepairRequest.Action.REMOVE_FAILED : RepairRequest.Action.REALIGN_CHECKSUMS;
        }
    }

    @Override
    public Integer call() {
        if (statement && !action.markApplied) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--statement goes with --mark-applied only");
        }
        RepairResult result = connection.load(root.stop).repair(new RepairRequest(action.value(), version, statement));
        print(() -> text(result), () -> result);
        return ExitCode.OK;
    }

    static String text(RepairResult result) {
        StringBuilder text = new StringBuilder();
        if (result.changes().isEmpty()) {
            text.append("Nothing repaired in ").append(result.database()).append('.');
        } else {
            text.append("Repaired the history of ").append(result.database()).append(':');
            result.changes().forEach(change -> text.append("\n  - ").append(change));
        }
        result.warnings().forEach(warning -> text.append("\nWarning: ").append(warning));
        return text.toString();
    }
}

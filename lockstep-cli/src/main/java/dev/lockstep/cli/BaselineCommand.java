package dev.lockstep.cli;

import dev.lockstep.Lockstep;
import dev.lockstep.OtherTool;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.result.BaselineResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;


@Command(name = "baseline", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "Adopt an existing database: with --baseline-version V, versions up to V count as applied; with --from flyway or",
        "--from golang-migrate, each version that tool applied is recorded as applied with lockstep's checksum of the",
        "local file, so nothing runs again. Only for a database without lockstep history; baselining again at the same",
        "version changes nothing."})
final class BaselineCommand extends DatabaseCommand {

    @Option(names = "--baseline-version", paramLabel = "VERSION", description = "The version the existing schema is at.")
    String baselineVersion;

    @Option(names = "--from", paramLabel = "TOOL", description = "Adopt the history of another tool: flyway"
            + " (flyway_schema_history) or golang-migrate (schema_migrations).")
    String from;

    @Option(names = "--from-table", paramLabel = "TABLE", description = "The other tool's history table, when not its default.")
    String fromTable;

    @Option(names = "--strict", description = "With --from: fail (exit 5) instead of warning when a version applied"
            + " there has no local file.")
    boolean strict;

    @Override
    public Integer call() {
        if ((baselineVersion == null) == (from == null)) {
            throw new LockstepException(Reason.CONFIGURATION, "Give either --baseline-version VERSION (the version the"
                    + " schema is at) or --from flyway|golang-migrate (adopt that tool's history), not "
                    + (from == null ? "neither" : "both") + ".");
        }
        Lockstep lockstep = connection.load(root.stop);
        BaselineResult result;
        if (from == null) {
            result = lockstep.baseline(baselineVersion);
        } else {
            OtherTool tool = OtherTool.of(from).orElseThrow(() -> new LockstepException(Reason.CONFIGURATION,
                    "--from '" + from + "' is not a tool lockstep adopts from; give flyway or golang-migrate."));
            result = lockstep.adopt(tool, fromTable, strict);
        }
        print(() -> text(result), () -> result);
        return ExitCode.OK;
    }

    static String text(BaselineResult result) {
        StringBuilder text = new StringBuilder();
        if (!result.changed()) {
            text.append(result.database()).append(" is already baselined at version ").append(result.baselineVersion())
                    .append("; nothing changed.");
        } else if (result.from().equals("lockstep")) {
            text.append("Baselined ").append(result.database()).append(" at version ").append(result.baselineVersion())
                    .append(": versions up to it count as applied.");
        } else {
            text.append("Adopted ").append(result.from()).append("'s history in ").append(result.database()).append(": ")
                    .append(result.recorded().size()).append(" version").append(result.recorded().size() == 1 ? "" : "s")
                    .append(" recorded as applied");
            if (!result.recorded().isEmpty()) {
                text.append(" (").append(String.join(", ", result.recorded())).append(")");
            }
            if (result.baselineVersion() != null) {
                text.append(", baseline at version ").append(result.baselineVersion());
            }
            text.append(".");
        }
        for (String warning : result.warnings()) {
            text.append("\nWarning: ").append(warning);
        }
        return text.toString();
    }
}

package dev.lockstep.plan;

import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.Problem;
import dev.lockstep.result.Version;

import java.util.List;

/**
 * The wording of every problem the planner reports, kept together so the messages read alike:
 * one paragraph that says what is wrong, names the file (its path when it is local, the history
 * row's script name when it is not) and says what to do next.
 */
final class Problems {

    private Problems() {
    }

    static Problem checksumMismatch(Migration local, HistoryRow row) {
        String message = "Checksum mismatch for " + local.path() + ": version " + local.version()
                + " was applied with checksum " + orNone(row.checksum()) + " but the file now has " + local.checksum()
                + ". Restore the file as it was when it was applied; if the edit is intentional and changes nothing the"
                + " database holds (a comment, a suppression), record the new checksum with lockstep repair"
                + " --realign-checksums; else add a new migration with the change.";
        return new Problem(Problem.Kind.CHECKSUM_MISMATCH, message, List.of(local.path()));
    }

    static Problem outOfOrder(Migration local, Version newestApplied) {
        String message = local.path() + " (version " + local.version() + ") has not been applied, but the database"
                + " is already at version " + newestApplied + ". Give it a version newer than " + newestApplied
                + ", so that every replica applies it after what is already there.";
        return new Problem(Problem.Kind.OUT_OF_ORDER, message, List.of(local.path()));
    }

    /**
     * @param file the local path, or the history row's script when the file is gone
     */
    static Problem partiallyApplied(HistoryRow row, String file) {
        int done = row.statementsDone();
        String tookEffect = done == 0 ? "no statement is known to have taken effect"
                : done == 1 ? "statement 1 took effect" : "statements 1 to " + done + " took effect";
        String message = file + " (version " + row.version() + ") stopped part-way and may have changed the database in"
                + " part: " + tookEffect + ", and statement " + (done + 1) + " of " + row.statementsTotal()
                + (row.isInDoubt() ? " is in doubt" : " failed") + errorSuffix(row)
                + ". lockstep does not guess over a half-changed schema. " + repairChoices(row.version());
        return new Problem(Problem.Kind.PARTIALLY_APPLIED, message, List.of(file));
    }

    static Problem partiallyUndone(HistoryRow undo) {
        int done = undo.statementsDone();
        String message = "The undo " + undo.script() + " of version " + undo.version() + " failed part-way and changed the"
                + " database in part: " + (done == 1 ? "statement 1 took effect" : "statements 1 to " + done + " took effect")
                + " and statement " + (done + 1) + " of " + undo.statementsTotal() + " failed" + errorSuffix(undo)
                + ". Either finish the undo by hand and set version " + undo.version() + "'s row to 'undone', or revert"
                + " those statements by hand and delete the failed UNDO row (installed_rank " + undo.installedRank()
                + ") from the history table.";
        return new Problem(Problem.Kind.PARTIALLY_APPLIED, message, List.of(undo.script()));
    }

    static Problem changedWhileInterrupted(HistoryRow row, String file) {
        String message = file + " (version " + row.version() + ") was interrupted after statement " + row.statementsDone()
                + " of " + row.statementsTotal() + " and the file has changed since (" + row.checksum() + " then, "
                + "another checksum now), so its statements can no longer be counted where it stopped. Restore the file"
                + " to resume it by itself, or " + repairChoices(row.version());
        return new Problem(Problem.Kind.PARTIALLY_APPLIED, message, List.of(file));
    }

    /** The ways out of a migration that stopped part-way, for messages. */
    static String repairChoices(Object version) {
        return "Check the statement in the database, then either run 'lockstep repair --retry " + version + "' to run it"
                + " again and go on, 'lockstep repair --mark-applied " + version + " --statement' if it did take effect,"
                + " or revert the statements that took effect by hand and run 'lockstep repair --remove-failed " + version
                + "' to start the file over.";
    }

    static Problem future(HistoryRow row) {
        String message = row.script() + " (version " + row.version() + ") is applied in the database but is newer"
                + " than every local migration. A newer release probably applied it during a rolling update;"
                + " this replica carries on with the migrations it knows.";
        return new Problem(Problem.Kind.FUTURE, message, List.of(row.script()));
    }

    static Problem missing(HistoryRow row) {
        String what = row.version() == null
                ? "repeatable migration " + row.script() + " (" + row.description() + ")"
                : row.script() + " (version " + row.version() + ")";
        String message = what + " is applied in the database but not found locally: the file was deleted or"
                + " renamed. Restore it under its original name; while it is missing, migrate carries on with this"
                + " warning and validate fails.";
        return new Problem(Problem.Kind.MISSING, message, List.of(row.script()));
    }

    private static String orNone(String checksum) {
        return checksum == null ? "(none)" : checksum;
    }

    private static String errorSuffix(HistoryRow row) {
        return row.error() == null || row.error().isBlank() ? "" : " (" + row.error().strip().replaceAll("\\s+", " ") + ")";
    }
}

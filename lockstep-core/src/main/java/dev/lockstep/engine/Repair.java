package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.RepairRequest;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.RepairResult;
import dev.lockstep.result.Version;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The repairs of {@code lockstep repair}, run under the migration lock after rows left running by a
 * dead replica were settled. Every change appends an audit row of type REPAIR (who, when, what), so
 * the history keeps its own account of what a person decided.
 */
final class Repair {
    private final Session session;
    private final LockstepConfig config;
    private final RunContext run;
    private final MigrationListener listener;
    private final List<Migration> local;
    private final List<String> changes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private List<HistoryRow> history;
    private int rank;

    /** @param session holds the lock */
    Repair(Session session, RunContext run, MigrationListener listener, List<Migration> local) {
        this.session = session;
        this.config = run.config();
        this.run = run;
        this.listener = listener;
        this.local = local;
    }

    RepairResult apply(RepairRequest request) throws SQLException {
        history = new InterruptedRows(session, run).settle(local, session.readHistory());
        rank = history.stream().mapToInt(HistoryRow::installedRank).max().orElse(0);
        switch (request.action()) {
            case RETRY -> retry(failedRow(request.version(), "retry"));
            case MARK_APPLIED -> markApplied(failedRow(request.version(), "mark as applied"), request.statement());
            case REMOVE_FAILED -> removeFailed(request.version());
            case REALIGN_CHECKSUMS -> realignChecksums(request.version());
        }
        return new RepairResult(session.database(), changes, warnings);
    }

    // ---- --retry ------------------------------------------------------------------------------

    private void retry(HistoryRow row) throws SQLException {
        Migration file = localFile(row).orElseThrow(() -> new LockstepException(Reason.CONFIGURATION, row.script()
                + " (version " + row.version() + ") is not among the local migrations, so there is nothing to run again."
                + " Point --locations at it, or use --mark-applied or --remove-failed."));
        ParsedMigration parsed = new MigrationParser(session.dialect(), run.placeholders(), run.config().classLoader()).parse(file);
        int resumeAfter = parsed.inTransaction() ? 0 : Math.min(row.statementsDone(), parsed.size());
        if (!Objects.equals(file.checksum(), row.checksum())) {
            warnings.add(file.path() + " changed since it stopped; " + (resumeAfter == 0 ? "it runs from its first statement."
                    : TookEffect.statements(resumeAfter) + " of the new text " + (resumeAfter == 1 ? "is" : "are")
                    + " taken as done, as " + (resumeAfter == 1 ? "it was" : "they were") + " in the old one."));
        }
        String what = resumeAfter == 0 ? "ran " + file.script() + " again from its first statement"
                : "ran " + file.script() + " again from statement " + (resumeAfter + 1) + " of " + parsed.size();
        audit(row.version(), file.script(), file.checksum(), "repair --retry: " + what + " (row " + row.installedRank()
                + " had failed: " + plain(row.error()) + ")");
        new MigrationRunner(session, run, listener).apply(parsed, ++rank, resumeAfter);
        changes.add(capitalized(what) + "; it is applied now.");
    }

    // ---- --mark-applied -----------------------------------------------------------------------

    private void markApplied(HistoryRow row, boolean statementOnly) throws SQLException {
        Instant now = run.clock().instant();
        if (statementOnly) {
            int done = row.statementsDone() + 1;
            if (done > row.statementsTotal()) {
                throw new LockstepException(Reason.CONFIGURATION, row.script() + " records all " + row.statementsTotal()
                        + " statements as done already; mark the whole migration with --mark-applied without --statement.");
            }
            String what = "recorded statement " + done + " of " + row.statementsTotal() + " of " + row.script()
                    + " as done without running it";
            session.history().rewriteFailed(row.installedRank(), done, HistoryRow.RESUMABLE + "repair --mark-applied"
                    + " --statement recorded statement " + done + " as done (before: " + plain(row.error()) + ")");
            audit(row.version(), row.script(), row.checksum(), "repair --mark-applied --statement: " + what);
            changes.add(capitalized(what) + "; the next migrate resumes at statement " + (done + 1) + ".");
            return;
        }
        Migration file = localFile(row).orElse(null);
        String checksum = file == null ? row.checksum() : file.checksum();
        session.history().insert(new HistoryRow(++rank, row.version(), row.description(), row.type(), row.script(),
                checksum, MigrationStatus.APPLIED, row.statementsTotal(), row.statementsTotal(), session.user(),
                config.replicaId(), now, now, 0L, null));
        String what = "recorded " + row.script() + " (version " + row.version() + ") as applied without running it";
        audit(row.version(), row.script(), checksum, "repair --mark-applied: " + what + " (row " + row.installedRank()
                + " had failed after " + row.statementsDone() + " of " + row.statementsTotal() + " statements)");
        changes.add(capitalized(what) + ".");
    }

    // ---- --remove-failed ----------------------------------------------------------------------

    private void removeFailed(String version) throws SQLException {
        Version wanted = version == null ? null : Version.parse(version);
        for (HistoryRow row : history) {
            if (row.status() != MigrationStatus.FAILED || wanted != null && !wanted.equals(row.version())) {
                continue;
            }
            session.history().delete(row.installedRank());
            String what = "removed failed row " + row.installedRank() + " of " + row.script()
                    + (row.statementsDone() > 0 ? " (" + row.statementsDone() + " of " + row.statementsTotal()
                    + " statements had taken effect)" : "");
            audit(row.version(), row.script(), row.checksum(), "repair --remove-failed: " + what + ": " + plain(row.error()));
            changes.add(capitalized(what) + ".");
            if (row.statementsDone() > 0 && isLatest(row)) {
                warnings.add("Statements 1 to " + row.statementsDone() + " of " + row.script() + " took effect and stay in the"
                        + " database unless you reverted them: the next migrate runs the file from its first statement.");
            }
        }
        if (changes.isEmpty()) {
            warnings.add("No failed rows" + (version == null ? "" : " for version " + version) + ": nothing to remove.");
        }
    }

    // ---- --realign-checksums ------------------------------------------------------------------

    private void realignChecksums(String version) throws SQLException {
        Version wanted = version == null ? null : Version.parse(version);
        for (HistoryRow row : latestVersionedRows()) {
            if (row.status() != MigrationStatus.APPLIED || wanted != null && !wanted.equals(row.version())) {
                continue;
            }
            Optional<Migration> file = localFile(row);
            if (file.isEmpty() || Objects.equals(file.get().checksum(), row.checksum())) {
                continue;
            }
            session.history().realignChecksum(row.installedRank(), file.get().checksum());
            String what = "accepted the edit of " + file.get().path() + " (version " + row.version() + "): checksum "
                    + row.checksum() + " -> " + file.get().checksum();
            // The audit row's checksum column holds the new checksum; its description names the file and the old one,
            // shortened, so the history's description column stays readable.
            audit(row.version(), row.script(), file.get().checksum(), "repair --realign-checksums: accepted the edit of "
                    + file.get().script() + ", was " + shortChecksum(row.checksum()));
            changes.add(capitalized(what) + ".");
        }
        if (changes.isEmpty()) {
            warnings.add("Every applied migration" + (version == null ? "" : " of version " + version)
                    + " matches its local file: no checksum to realign.");
        }
    }

    // ---- rows ---------------------------------------------------------------------------------

    /** The latest row of the given version, or of the only version that needs repair, which must be failed. */
    private HistoryRow failedRow(String version, String doing) {
        List<HistoryRow> latest = latestVersionedRows();
        if (version != null) {
            Version wanted = Version.parse(version);
            HistoryRow row = latest.stream().filter(r -> wanted.equals(r.version())).findFirst()
                    .orElseThrow(() -> new LockstepException(Reason.CONFIGURATION, "Version " + version
                            + " has no row in the history: there is nothing to " + doing + ". 'lockstep info' lists the versions."));
            if (row.status() != MigrationStatus.FAILED) {
                throw new LockstepException(Reason.CONFIGURATION, row.script() + " (version " + version + ") is "
                        + row.status().dbValue() + ", not failed: there is nothing to " + doing + ".");
            }
            return row;
        }
        List<HistoryRow> failed = latest.stream().filter(r -> r.status() == MigrationStatus.FAILED).toList();
        if (failed.size() == 1) {
            return failed.get(0);
        }
        throw new LockstepException(Reason.CONFIGURATION, failed.isEmpty()
                ? "No migration's latest attempt failed: there is nothing to " + doing + "."
                : "Several migrations failed (" + String.join(", ", failed.stream().map(r -> r.version().toString()).toList())
                + "); name the one to " + doing + ": lockstep repair ... VERSION.");
    }

    private List<HistoryRow> latestVersionedRows() {
        Map<Version, HistoryRow> latest = new LinkedHashMap<>();
        history.stream()
                .filter(r -> r.version() != null && r.type().isVersionedMigration())
                .sorted(Comparator.comparingInt(HistoryRow::installedRank))
                .forEach(r -> latest.put(r.version(), r));
        return List.copyOf(latest.values());
    }

    private boolean isLatest(HistoryRow row) {
        return row.version() != null && latestVersionedRows().stream().anyMatch(r -> r.installedRank() == row.installedRank());
    }

    private Optional<Migration> localFile(HistoryRow row) {
        return local.stream().filter(m -> InterruptedRows.sameMigration(m, row)).findFirst();
    }

    /** Appends the audit row of one change. */
    private void audit(Version version, String script, String checksum, String description) throws SQLException {
        Instant now = run.clock().instant();
        session.history().insert(new HistoryRow(++rank, version, description, MigrationType.REPAIR, script, checksum,
                MigrationStatus.APPLIED, 0, 0, session.user(), config.replicaId(), now, now, 0L, null));
    }

    /** {@code sha256:} and the first 12 hex digits: enough to tell two versions of a file apart in the audit trail. */
    private static String shortChecksum(String checksum) {
        int colon = checksum == null ? -1 : checksum.indexOf(':');
        return checksum == null ? "no checksum" : checksum.substring(0, Math.min(checksum.length(), colon + 1 + 12));
    }

    /** An error as a person reads it, without the marker that tells lockstep how to resume. */
    private static String plain(String error) {
        if (error == null) {
            return "no error recorded";
        }
        for (String marker : List.of(HistoryRow.RESUMABLE, HistoryRow.IN_DOUBT)) {
            if (error.startsWith(marker)) {
                return error.substring(marker.length());
            }
        }
        return error;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

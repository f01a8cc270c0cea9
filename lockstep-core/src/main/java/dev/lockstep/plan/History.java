package dev.lockstep.plan;

import dev.lockstep.model.HistoryRow;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The history table as the planner reads it: the latest row of each versioned migration (keyed by
 * numeric version, so {@code 1_1} matches a file {@code V1.1__x.sql}) and of each repeatable
 * (keyed by description).
 *
 * <p>Only the latest row of a version counts: earlier failed attempts, an applied row later
 * undone, even a second {@code applied} row that lockstep itself never writes, are all history
 * that the latest row supersedes. Audit rows of type UNDO record an undo operation; the version's
 * own row already says {@code undone}, so they count only when an undo failed part-way. REPAIR rows,
 * which record what {@code lockstep repair} changed, are skipped.
 */
final class History {
    private final NavigableMap<Version, HistoryRow> versioned;
    private final NavigableMap<String, HistoryRow> repeatable;
    private final NavigableMap<Version, HistoryRow> undos;

    private History(NavigableMap<Version, HistoryRow> versioned, NavigableMap<String, HistoryRow> repeatable,
                    NavigableMap<Version, HistoryRow> undos) {
        this.versioned = Collections.unmodifiableNavigableMap(versioned);
        this.repeatable = Collections.unmodifiableNavigableMap(repeatable);
        this.undos = Collections.unmodifiableNavigableMap(undos);
    }

    /**
     * @throws IllegalArgumentException when a row that is not repeatable has no version: the
     *                                  history table is damaged, and guessing would hide it
     */
    static History of(List<HistoryRow> rows) {
        NavigableMap<Version, HistoryRow> versioned = new TreeMap<>();
        NavigableMap<String, HistoryRow> repeatable = new TreeMap<>();
        NavigableMap<Version, HistoryRow> undos = new TreeMap<>();
        // Sorting by rank keeps "latest" meaningful even if a caller passes rows in another order.
        for (HistoryRow row : rows.stream().sorted(Comparator.comparingInt(HistoryRow::installedRank)).toList()) {
            if (row.type() == MigrationType.REPAIR) {
                continue;
            }
            if (row.type() == MigrationType.UNDO) {
                if (row.version() != null) {
                    undos.put(row.version(), row);
                }
                continue;
            }
            if (row.isRepeatable()) {
                repeatable.put(row.description(), row);
            } else if (row.version() == null) {
                throw new IllegalArgumentException("history row " + row.installedRank() + " (" + row.script()
                        + ") has type " + row.type() + " but no version");
            } else {
                versioned.put(row.version(), row);
            }
        }
        return new History(versioned, repeatable, undos);
    }

    /**
     * Undo audit rows that failed part-way, after changing the database in part, over a version whose
     * row still says {@code applied}: the schema is half-way between two versions.
     */
    List<HistoryRow> partialUndos() {
        return undos.values().stream()
                .filter(undo -> undo.status() == MigrationStatus.FAILED && undo.statementsDone() > 0)
                .filter(undo -> {
                    HistoryRow row = versioned.get(undo.version());
                    return row != null && row.status() == MigrationStatus.APPLIED && row.installedRank() < undo.installedRank();
                })
                .toList();
    }

    /** The latest row of each versioned migration and baseline, by version. */
    Map<Version, HistoryRow> versioned() {
        return versioned;
    }

    /** The latest row of each repeatable migration, by description. */
    Map<String, HistoryRow> repeatable() {
        return repeatable;
    }

    /** The baseline version: files at or below it count as applied. Empty without a baseline row. */
    Optional<Version> baseline() {
        return versioned.values().stream()
                .filter(row -> row.type() == MigrationType.BASELINE)
                .map(HistoryRow::version)
                .max(Comparator.naturalOrder());
    }

    /**
     * The newest version in effect in the database: applied, or the baseline. A file with no row
     * at or below it is out of order.
     */
    Optional<Version> newestApplied() {
        return versioned.descendingMap().values().stream()
                .filter(row -> row.type() == MigrationType.BASELINE || row.status() == MigrationStatus.APPLIED)
                .map(HistoryRow::version)
                .findFirst();
    }
}

package dev.lockstep.result;

import java.util.Locale;

/** Where one migration stands, as {@code lockstep info} shows it. */
public enum MigrationState {
    /** Found locally, not applied yet. */
    PENDING,
    /** Applied, and the local file has the same checksum. */
    APPLIED,
    /** The last attempt failed; see the row's error. */
    FAILED,
    /** Stopped part-way with nothing in doubt; the next migrate resumes it where it stopped. */
    INTERRUPTED,
    /** A replica is applying it now, or was when it died. */
    RUNNING,
    /** Applied in the database, not found locally, newer than every local version (a newer release rolled out first). */
    FUTURE,
    /** Applied in the database, not found locally, older than the newest local version. */
    MISSING,
    /** A repeatable migration whose file changed since it was applied: it runs again. */
    OUTDATED,
    /** Not applied, older than the newest applied version: applied only with out-of-order allowed. */
    OUT_OF_ORDER,
    /** Applied, then reverted by an undo migration: pending again. */
    UNDONE,
    /** Covered by a baseline: counts as applied although it never ran. */
    BELOW_BASELINE,
    /** The baseline row itself. */
    BASELINE;

    /** Whether a migrate would run it (again): not applied yet, changed, undone, or stopped before it was done. */
    public boolean isPending() {
        return switch (this) {
            case PENDING, OUTDATED, OUT_OF_ORDER, UNDONE, FAILED, INTERRUPTED, RUNNING -> true;
            case APPLIED, FUTURE, MISSING, BELOW_BASELINE, BASELINE -> false;
        };
    }

    /** Lower-case with dashes, as shown in tables and JSON ({@code out-of-order}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

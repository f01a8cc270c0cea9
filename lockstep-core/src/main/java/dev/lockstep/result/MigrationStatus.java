package dev.lockstep.result;

import java.util.Locale;

/** The {@code status} column of a history row. */
public enum MigrationStatus {
    /** Committed before the migration starts, so a crash leaves evidence. */
    RUNNING,
    APPLIED,
    FAILED,
    UNDONE;

    /** The value stored in the history table. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MigrationStatus fromDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

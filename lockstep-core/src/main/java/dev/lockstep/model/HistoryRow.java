package dev.lockstep.model;

import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the history table.
 *
 * @param installedRank   order of application, the table's key
 * @param version         {@code null} for repeatable migrations
 * @param statementsTotal how many statements the migration has
 * @param statementsDone  the statement journal: how many of them are known to have taken effect
 * @param installedBy     the database user
 * @param replica         who ran it: {@code $HOSTNAME:pid:random} or {@code --replica-id}
 * @param finishedAt      {@code null} while running
 * @param executionMs     {@code null} while running
 * @param error           the last error, for failed rows; {@code null} otherwise
 */
public record HistoryRow(
        int installedRank,
        Version version,
        String description,
        MigrationType type,
        String script,
        String checksum,
        MigrationStatus status,
        int statementsTotal,
        int statementsDone,
        String installedBy,
        String replica,
        Instant startedAt,
        Instant finishedAt,
        Long executionMs,
        String error) {

    public HistoryRow {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(status, "status");
    }

    /**
     * How the error of a {@code failed} row begins when nothing is in doubt where the migration
     * stopped (a safe stop between statements, or a replica's death after which the statement in
     * flight was judged): the next {@code migrate} resumes it after {@code statements_done}.
     */
    public static final String RESUMABLE = "resumable: ";

    /**
     * How the error of a {@code failed} row begins when the statement in flight may or may not have
     * taken effect and nothing in the catalog tells: a person must look ({@code lockstep repair}).
     */
    public static final String IN_DOUBT = "in doubt: ";

    public boolean isRepeatable() {
        return type == MigrationType.REPEATABLE;
    }

    /** This row as the verbs report it. */
    public HistoryEntry toEntry() {
        return new HistoryEntry(installedRank, version == null ? null : version.toString(), description, type, script,
                checksum, status, statementsTotal, statementsDone, installedBy, replica, startedAt, finishedAt, executionMs,
                error);
    }

    /** Whether the next migrate resumes this failed row's migration after its statements done. */
    public boolean isResumable() {
        return status == MigrationStatus.FAILED && error != null && error.startsWith(RESUMABLE);
    }

    /** Whether this failed row's statement in flight may or may not have taken effect. */
    public boolean isInDoubt() {
        return status == MigrationStatus.FAILED && error != null && error.startsWith(IN_DOUBT);
    }
}

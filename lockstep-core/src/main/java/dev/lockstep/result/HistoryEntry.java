package dev.lockstep.result;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the history table, as the verbs report it: applied migrations, and also the attempt a
 * replica is running now, failed attempts, undone versions and audit rows.
 *
 * @param installedRank   order of writing, the table's key
 * @param version         as written in the file name; {@code null} for repeatable migrations
 * @param status          {@code running}, {@code applied}, {@code failed} or {@code undone}
 * @param statementsTotal how many statements the migration has
 * @param statementsDone  the statement journal: how many of them are known to have taken effect
 * @param installedBy     the database user
 * @param replica         who wrote it: {@code $HOSTNAME:pid:random} or the configured replica id
 * @param finishedAt      {@code null} while running
 * @param executionMs     {@code null} while running
 * @param error           the last error, for failed rows; {@code null} otherwise
 */
public record HistoryEntry(
        int installedRank,
        String version,
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

    public HistoryEntry {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(status, "status");
    }

    /**
     * The 1-based statement a {@code running} row is at, as far as its journal tells: a migration that runs in
     * one transaction journals only at its end, so it shows statement 1 until it is done (words: {@link #progress()}).
     */
    public int statementInFlight() {
        return Math.min(statementsDone + 1, Math.max(1, statementsTotal));
    }

    /**
     * What another replica can truly say of a {@code running} row's progress: {@code statement 3 of 5} once the
     * journal shows statements taking effect, {@code 5 statements, none committed yet} before that. A migration
     * that runs in one transaction commits its statements only at its end, so its journal cannot tell which one
     * runs: naming "statement 1" would be a guess, and wrong most of the time.
     */
    public String progress() {
        return progress(statementsDone, statementsTotal);
    }

    /** {@link #progress()} of a row's journal, for a reader that holds the numbers only. */
    public static String progress(int statementsDone, int statementsTotal) {
        if (statementsDone == 0) {
            return statementsTotal + (statementsTotal == 1 ? " statement" : " statements") + ", none committed yet";
        }
        return "statement " + Math.min(statementsDone + 1, Math.max(1, statementsTotal)) + " of " + statementsTotal;
    }
}

package dev.lockstep.result;

import java.time.Duration;

/**
 * How far a backfill ({@code -- lockstep:batch}) has come, after one of its batches committed.
 *
 * @param statement   the statement's number in its migration, counted from 1
 * @param line        the line it starts on
 * @param batches     batches committed, those of earlier attempts included
 * @param rows        rows those batches changed, earlier attempts included
 * @param rowsThisRun rows changed by this replica's batches: what {@link #rowsPerSecond()} divides
 * @param elapsed     since this replica started (or resumed) the backfill
 * @param finished    whether its last batch changed no row: the backfill is done
 */
public record BatchProgress(int statement, int line, long batches, long rows, long rowsThisRun, Duration elapsed,
                            boolean finished) {

    /** Rows per second of this replica's batches; 0 before a millisecond has passed. */
    public double rowsPerSecond() {
        long ms = elapsed.toMillis();
        return ms <= 0 ? 0 : rowsThisRun * 1000.0 / ms;
    }
}

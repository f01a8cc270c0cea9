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
 * @param rowsLeft    an estimate of the rows still to go, or -1 where lockstep cannot tell: with key ranges
 *                    ({@code key=}) the keys past the last range, counted when the backfill started; otherwise the
 *                    rows the database's catalog estimates the table has (PostgreSQL {@code reltuples}, MySQL
 *                    {@code TABLE_ROWS}, SQLite {@code sqlite_stat1} once analysed) less the rows done; 0 once finished
 */
public record BatchProgress(int statement, int line, long batches, long rows, long rowsThisRun, Duration elapsed,
                            boolean finished, long rowsLeft) {

    /** Without an estimate of the rows left. */
    public BatchProgress(int statement, int line, long batches, long rows, long rowsThisRun, Duration elapsed,
                         boolean finished) {
        this(statement, line, batches, rows, rowsThisRun, elapsed, finished, -1);
    }

    /** Whether {@link #rowsLeft()} holds an estimate. */
    public boolean knowsRowsLeft() {
        return rowsLeft >= 0;
    }

    /** {@code , about 140000 rows left} where the rows left are known, else nothing: for progress lines. */
    public String rowsLeftText() {
        return knowsRowsLeft() && !finished ? ", about " + rowsLeft + " rows left" : "";
    }

    /** Rows per second of this replica's batches; 0 before a millisecond has passed. */
    public double rowsPerSecond() {
        long ms = elapsed.toMillis();
        return ms <= 0 ? 0 : rowsThisRun * 1000.0 / ms;
    }
}

package dev.lockstep;

import dev.lockstep.engine.Engine;
import dev.lockstep.engine.RunContext;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.result.BaselineResult;
import dev.lockstep.result.DryRunResult;
import dev.lockstep.result.HistoryResult;
import dev.lockstep.result.InfoResult;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.result.RepairResult;
import dev.lockstep.result.SchemaStatus;
import dev.lockstep.result.UndoResult;
import dev.lockstep.result.ValidateResult;
import dev.lockstep.result.Version;

import java.time.Duration;

/**
 * The front door:
 * <pre>{@code
 * Lockstep.configure()
 *         .dataSource(ds)
 *         .locations("classpath:db/migration")
 *         .load()
 *         .migrate();
 * }</pre>
 * Every replica of an application may call {@link #migrate()} at the same instant: one applies the
 * migrations under a database lock, the others wait and find the work done. An instance holds no
 * connection between calls and may be used from several threads.
 */
public final class Lockstep {
    private final RunContext run;

    Lockstep(RunContext run) {
        this.run = run;
    }

    public static LockstepConfig.Builder configure() {
        return new LockstepConfig.Builder();
    }

    public LockstepConfig config() {
        return run.config();
    }

    /**
     * Asks the verb running on another thread to stop safely, as a rolling update's SIGTERM does: it takes no new
     * work, finishes the statement it runs (outside a transaction) or the migration (inside one), records where it
     * stopped, releases the lock and throws {@link LockstepException} with {@link Reason#TERMINATED}. Past the
     * configured stop grace the running statement is cancelled and rolled back where the database can; a second
     * call cancels at once. Verbs called after a stop fail at once. Safe to call from any thread, any number of
     * times, also before a verb starts.
     */
    public void stop() {
        stop(Reason.TERMINATED);
    }

    /**
     * {@link #stop()}, saying why: {@link Reason#TERMINATED} (SIGTERM, a shutdown) or {@link Reason#INTERRUPTED}
     * (SIGINT, Ctrl-C), which the exception thrown by the stopped verb carries.
     */
    public void stop(Reason why) {
        if (why != Reason.TERMINATED && why != Reason.INTERRUPTED) {
            throw new IllegalArgumentException("a stop is TERMINATED or INTERRUPTED, not " + why);
        }
        run.stop().request(why);
    }

    /** Whether {@link #stop} was called. */
    public boolean isStopRequested() {
        return run.stop().isRequested();
    }

    /**
     * Applies every pending migration, or waits for the replica that is doing so.
     *
     * @throws dev.lockstep.error.LockstepException whose {@link dev.lockstep.error.Reason} says what went wrong
     */
    public MigrateResult migrate() {
        return new Engine(run).migrate();
    }

    /** Lists every migration with its state. Takes no lock and changes nothing. */
    public InfoResult info() {
        return new Engine(run).info();
    }

    /**
     * Where the schema stands against the local migrations: what is pending up to {@code target}, what a
     * replica is applying now. One read of the history; takes no lock, so health probes may call it.
     *
     * @param target {@code latest} or {@code null} for every local migration, else a version such as {@code 7}
     */
    public SchemaStatus status(String target) {
        return new Engine(run).status(target(target));
    }

    /**
     * Blocks until every local migration up to {@code target} is applied and none is running, as an init container
     * or a replica that leaves migrating to another does. Polls the history; never takes the lock.
     *
     * @param target  {@code latest} or {@code null} for every local migration, else a version such as {@code 7}
     * @param timeout how long to wait before giving up with {@link Reason#LOCK_TIMEOUT} (exit 4)
     * @throws LockstepException also at once when waiting cannot help: an invalid migration set, a needed repair
     */
    public SchemaStatus awaitSchema(String target, Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new LockstepException(Reason.CONFIGURATION, "Invalid configuration: the wait's timeout must be zero or"
                    + " more, was " + timeout + ".");
        }
        return new Engine(run).awaitSchema(target(target), timeout);
    }

    private static Version target(String target) {
        if (target == null || target.equals("latest")) {
            return null;
        }
        if (!Version.isValid(target)) {
            throw new LockstepException(Reason.CONFIGURATION, "Invalid configuration: target '" + target + "' is neither"
                    + " 'latest' nor a version such as 7, 1.2 or 20240131120000.");
        }
        return Version.parse(target);
    }

    /**
     * Compares the local migrations with the history: checksums, order, missing files. Takes no lock.
     *
     * @param strict also fail on migrations applied in the database that are newer than every local one
     */
    public ValidateResult validate(boolean strict) {
        return new Engine(run).validate(strict);
    }

    /**
     * Repairs the history after a migration stopped part-way, or accepts intentional edits of applied
     * files. Takes the lock and refuses at once while another replica holds it; every change is
     * recorded in the history as an audit row of type REPAIR.
     *
     * @throws dev.lockstep.error.LockstepException whose {@link dev.lockstep.error.Reason} says what went wrong
     */
    public RepairResult repair(RepairRequest request) {
        return new Engine(run).repair(request);
    }

    /** {@link #validate(boolean)} without strictness: future migrations are warnings. */
    public ValidateResult validate() {
        return validate(false);
    }

    /** Every row of the history table: who ran what, when, how long it took, how it ended. Takes no lock. */
    public HistoryResult history() {
        return new Engine(run).history();
    }

    /**
     * What {@link #migrate()} would do: every step with its exact statements. Reads the history but takes no
     * lock and changes nothing.
     */
    public DryRunResult dryRunMigrate() {
        return new Engine(run).dryRunMigrate();
    }

    /**
     * Reverts applied versions with their undo files ({@code U<version>__*.sql} or {@code .down.sql}), newest
     * first, under the lock; their rows turn {@code undone} and an UNDO row records each undo.
     *
     * @throws dev.lockstep.error.LockstepException {@link dev.lockstep.error.Reason#INVALID_MIGRATIONS} before
     *         anything runs when an undo file is missing
     */
    public UndoResult undo(UndoOptions options) {
        return new Engine(run).undo(options);
    }

    /** What {@link #undo} would do, without the lock and without changing anything. */
    public DryRunResult dryRunUndo(UndoOptions options) {
        return new Engine(run).dryRunUndo(options);
    }

    /**
     * Adopts an existing database: versions up to {@code version} count as applied. Refuses a database that
     * already has lockstep history, unless it is this same baseline (then nothing changes).
     */
    public BaselineResult baseline(String version) {
        if (!Version.isValid(version)) {
            throw new LockstepException(Reason.CONFIGURATION, "Baseline version '" + version + "' is not a version (digits,"
                    + " parts separated by '.' or '_', as in 3 or 1.4). Give the version the existing schema is at.");
        }
        return new Engine(run).baseline(Version.parse(version));
    }

    /**
     * Adopts another tool's history: each version it applied is recorded as applied, with lockstep's checksum
     * of the local file, so nothing runs again.
     *
     * @param table  the tool's history table, or {@code null} for its default
     * @param strict fail instead of warning when a version applied there has no local file
     */
    public BaselineResult adopt(OtherTool tool, String table, boolean strict) {
        return new Engine(run).adopt(tool, table, strict);
    }
}

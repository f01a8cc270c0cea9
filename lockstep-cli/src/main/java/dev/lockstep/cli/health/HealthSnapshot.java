package dev.lockstep.cli.health;

import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.RunningBackfill;
import dev.lockstep.result.SchemaStatus;
import dev.lockstep.result.Version;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * What this process knows about its run at one moment, folded from the engine's events: each event is a method
 * that returns the next snapshot, and nothing here reads a clock (the moment of an event is passed in) or a
 * database. {@link Readiness} decides from it, {@link HealthJson} and {@link MetricsText} render it.
 *
 * <p>Texts arrive masked: {@link HealthState}, which folds the events, masks every text that may come from a
 * driver before it enters, so no snapshot holds the database password.
 *
 * @param replica    this process's replica id, once the configuration is loaded
 * @param ready      the schema is at its target (the last read said so, or the step that brings it there returned)
 * @param schema     what the last read of the history said, as updated by this process's own migrations since
 * @param running    the migration this process runs now, or {@code null}
 * @param lock       this process's lock, and the holder it waits for
 * @param unreachable why the database cannot be reached now, or {@code null}
 * @param failure    why the last step failed, or {@code null}
 * @param lastError  the last error of a migration, a step or a tenant, kept after a later success of a read
 * @param fleet      a fleet run's counts, or {@code null} for a run on one database
 * @param tally      what the counters of the metrics count
 */
public record HealthSnapshot(String replica, boolean ready, Schema schema, Running running, Lock lock, String unreachable,
                             String failure, String lastError, Fleet fleet, Tally tally) {

    /** Before the first event: not connected, nothing known. */
    public static HealthSnapshot initial() {
        return new HealthSnapshot(null, false, Schema.UNKNOWN, null, Lock.NONE, null, null, null, null, Tally.ZERO);
    }

    /**
     * The last read of the history.
     *
     * @param runningElsewhere rows other replicas are applying now
     * @param backfills        the committed progress of their backfills
     * @param problems         why the migrations do not match the history (masked)
     * @param notApplied       the pending gauge: migrations not applied yet, as last read (one another replica is
     *                         applying counts)
     */
    public record Schema(String database, String currentVersion, List<MigrationRef> pending,
                         List<HistoryEntry> runningElsewhere, List<RunningBackfill> backfills, List<String> problems,
                         int notApplied) {
        static final Schema UNKNOWN = new Schema(null, null, List.of(), List.of(), List.of(), List.of(), 0);

        public Schema {
            pending = pending instanceof Rest ? pending : List.copyOf(pending);
            runningElsewhere = List.copyOf(runningElsewhere);
            backfills = List.copyOf(backfills);
            problems = List.copyOf(problems);
        }

        /** A read, its pending gauge counted: pending here, and those another replica is applying now. */
        static Schema of(String database, String currentVersion, List<MigrationRef> pending,
                         List<HistoryEntry> runningElsewhere, List<RunningBackfill> backfills, List<String> problems) {
            int notApplied = pending.size() + (int) runningElsewhere.stream()
                    .filter(row -> pending.stream().noneMatch(p -> p.script().equals(row.script()))).count();
            return new Schema(database, currentVersion, pending, runningElsewhere, backfills, problems, notApplied);
        }
    }

    /**
     * An unmodifiable list without its first {@code from} elements, sharing the array of the one it comes from: what
     * is left pending after each migration of a run, taken in turn, costs nothing to make (a copy would make a run of
     * n migrations copy n&sup2;/2 references).
     */
    private static final class Rest extends AbstractList<MigrationRef> implements RandomAccess {
        private final List<MigrationRef> all;
        private final int from;

        private Rest(List<MigrationRef> all, int from) {
            this.all = all;
            this.from = from;
        }

        /** {@code list} without its first element; {@code list} is unmodifiable. */
        static List<MigrationRef> withoutFirst(List<MigrationRef> list) {
            return list instanceof Rest rest ? new Rest(rest.all, rest.from + 1) : new Rest(list, 1);
        }

        @Override
        public MigrationRef get(int index) {
            Objects.checkIndex(index, size());
            return all.get(from + index);
        }

        @Override
        public int size() {
            return all.size() - from;
        }
    }

    /**
     * This process's migration in flight.
     *
     * @param statement the statement running now, from 1
     * @param backfill  its backfill's progress while one runs, else {@code null}
     */
    public record Running(MigrationRef migration, int statement, int statements, Instant since, BatchProgress backfill) {
    }

    /**
     * This process's lock.
     *
     * @param waitingFor   the holder this process waits for, or {@code null}
     * @param waitingSince when the wait began (kept after it ends)
     * @param waited       how long the last wait took, as last told
     */
    public record Lock(boolean held, Instant since, String waitingFor, Instant waitingSince, Duration waited) {
        static final Lock NONE = new Lock(false, null, null, null, Duration.ZERO);
    }

    /** A fleet run's progress: the numbers of its progress line. */
    public record Fleet(int selected, int done, int failed, boolean ended) {
        public int remaining() {
            return selected - done;
        }
    }

    /**
     * What the counters count since the process started.
     *
     * @param durations  the duration of each migration this process applied, by bucket
     * @param backfill   the running or last backfill's progress, or {@code null} before the first
     */
    public record Tally(long applied, long failed, Durations durations, BatchProgress backfill) {
        static final Tally ZERO = new Tally(0, 0, Durations.NONE, null);
    }

    /**
     * A histogram of migration durations: how many fell in each bucket (not cumulative; the last is +Inf), and
     * their sum in seconds. Migrations take from milliseconds to hours; a client's default buckets stop at 10 s.
     */
    public record Durations(List<Long> counts, double sumSeconds) {
        public static final List<Double> UPPER_BOUNDS = List.of(0.05, 0.25, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0,
                4 * 3600.0, Double.POSITIVE_INFINITY);
        static final Durations NONE = new Durations(UPPER_BOUNDS.stream().map(b -> 0L).toList(), 0);

        public Durations {
            counts = List.copyOf(counts);
        }

        Durations observe(Duration took) {
            double seconds = took.toNanos() / 1e9;
            List<Long> next = new ArrayList<>(counts);
            int bucket = 0;
            while (seconds > UPPER_BOUNDS.get(bucket)) {
                bucket++;
            }
            next.set(bucket, next.get(bucket) + 1);
            return new Durations(next, sumSeconds + seconds);
        }
    }

    HealthSnapshot withReplica(String id) {
        return new HealthSnapshot(id, ready, schema, running, lock, unreachable, failure, lastError, fleet, tally);
    }

    /** The step that brings the schema to its target returned: ready, nothing pending here. */
    HealthSnapshot succeeded() {
        Schema done = new Schema(schema.database(), schema.currentVersion(), List.of(), schema.runningElsewhere(),
                schema.backfills(), schema.problems(), 0);
        return new HealthSnapshot(replica, true, done, null, lock, unreachable, failure, lastError, fleet, tally);
    }

    /** A step or a read failed: not ready until one succeeds; an unreachable database is not kept as the last error. */
    HealthSnapshot failed(boolean databaseUnreachable, String message) {
        return databaseUnreachable
                ? new HealthSnapshot(replica, false, schema, running, lock, message, failure, lastError, fleet, tally)
                : new HealthSnapshot(replica, false, schema, running, lock, unreachable, message, message, fleet, tally);
    }

    HealthSnapshot unreachable(String why) {
        return new HealthSnapshot(replica, ready, schema, running, lock, why, failure, lastError, fleet, tally);
    }

    HealthSnapshot schemaChecked(SchemaStatus status, List<String> maskedProblems) {
        Schema read = Schema.of(status.database(), status.currentVersion(), status.pending(), status.running(),
                status.backfills(), maskedProblems);
        return new HealthSnapshot(replica, status.isReady(), read, running, lock, null, null, lastError, fleet, tally);
    }

    HealthSnapshot waitingForLock(String holder, Instant now, Duration waited) {
        Lock waiting = new Lock(lock.held(), lock.since(), holder, now.minus(waited), waited);
        return new HealthSnapshot(replica, ready, schema, running, waiting, unreachable, failure, lastError, fleet, tally);
    }

    HealthSnapshot lockAcquired(Instant now, Duration waited) {
        Lock held = new Lock(true, now, null, lock.waitingSince(), waited);
        return new HealthSnapshot(replica, ready, schema, running, held, unreachable, failure, lastError, fleet, tally);
    }

    HealthSnapshot lockReleased() {
        Lock free = new Lock(false, lock.since(), lock.waitingFor(), lock.waitingSince(), lock.waited());
        return new HealthSnapshot(replica, ready, schema, running, free, unreachable, failure, lastError, fleet, tally);
    }

    HealthSnapshot migrationStarted(MigrationRef migration, int statements, Instant now) {
        return withRunning(new Running(migration, Math.min(1, statements), statements, now, null));
    }

    HealthSnapshot statementDone(MigrationRef migration, int number, int total) {
        return running == null ? this
                : withRunning(new Running(migration, Math.min(number + 1, total), total, running.since(), null));
    }

    HealthSnapshot batchProgress(MigrationRef migration, BatchProgress progress) {
        Running next = running == null ? null : new Running(migration, progress.statement(), running.statements(),
                running.since(), progress.finished() ? null : progress);
        Tally counted = new Tally(tally.applied(), tally.failed(), tally.durations(), progress);
        return new HealthSnapshot(replica, ready, schema, next, lock, unreachable, failure, lastError, fleet, counted);
    }

    HealthSnapshot migrationApplied(MigrationRef migration, Duration took) {
        String current = schema.currentVersion();
        if (migration.isVersioned() && (current == null
                || Version.parse(migration.version()).compareTo(Version.parse(current)) > 0)) {
            current = migration.version();
        }
        List<MigrationRef> pending = schema.pending();
        // Migrations are applied in the order they are pending: the one applied is the first, unless it is one this
        // read did not count (applied from a later read of the history), and a script is pending once at most.
        List<MigrationRef> left = !pending.isEmpty() && pending.get(0).script().equals(migration.script())
                ? Rest.withoutFirst(pending)
                : pending.stream().filter(m -> !m.script().equals(migration.script())).toList();
        Schema after = Schema.of(schema.database(), current, left, schema.runningElsewhere(), schema.backfills(),
                schema.problems());
        Tally counted = new Tally(tally.applied() + 1, tally.failed(), tally.durations().observe(took), tally.backfill());
        return new HealthSnapshot(replica, ready, after, null, lock, unreachable, failure, lastError, fleet, counted);
    }

    HealthSnapshot migrationFailed(String maskedError) {
        Tally counted = new Tally(tally.applied(), tally.failed() + 1, tally.durations(), tally.backfill());
        return new HealthSnapshot(replica, ready, schema, null, lock, unreachable, failure, maskedError, fleet, counted);
    }

    HealthSnapshot fleetStarted(int total) {
        Schema named = new Schema("a fleet of " + total + " tenant" + (total == 1 ? "" : "s"), schema.currentVersion(),
                schema.pending(), schema.runningElsewhere(), schema.backfills(), schema.problems(), schema.notApplied());
        return new HealthSnapshot(replica, ready, named, running, lock, unreachable, failure, lastError,
                new Fleet(total, 0, 0, false), tally);
    }

    /** @param maskedError the tenant's error when it failed, else {@code null} */
    HealthSnapshot tenantFinished(String maskedError, int applied, int finished, int total) {
        boolean failedNow = maskedError != null;
        Fleet counts = new Fleet(total, finished, (fleet == null ? 0 : fleet.failed()) + (failedNow ? 1 : 0), false);
        Tally counted = new Tally(tally.applied() + applied, tally.failed(), tally.durations(), tally.backfill());
        return new HealthSnapshot(replica, ready, schema, running, lock, unreachable, failure,
                failedNow ? maskedError : lastError, counts, counted);
    }

    /** @param maskedFailure {@code null} when every tenant was done, else what went wrong */
    HealthSnapshot fleetEnded(String maskedFailure) {
        Fleet ended = fleet == null ? null : new Fleet(fleet.selected(), fleet.done(), fleet.failed(), true);
        return new HealthSnapshot(replica, maskedFailure == null, schema, running, lock, unreachable, maskedFailure,
                lastError, ended, tally);
    }

    private HealthSnapshot withRunning(Running next) {
        return new HealthSnapshot(replica, ready, schema, next, lock, unreachable, failure, lastError, fleet, tally);
    }
}

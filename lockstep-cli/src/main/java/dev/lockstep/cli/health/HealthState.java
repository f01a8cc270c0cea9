package dev.lockstep.cli.health;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.error.Secrets;
import dev.lockstep.event.FleetListener;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.RunningBackfill;
import dev.lockstep.result.SchemaStatus;
import dev.lockstep.result.TenantOutcome;
import dev.lockstep.result.Version;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the status server tells about this process, kept up to date by the engine's events (it is a
 * {@link MigrationListener}) and by the command that runs. Answers come from memory: a probe never
 * touches the database, let alone the lock. Every text that may come from a driver passes
 * {@link Secrets#mask}, so no response carries the database password.
 *
 * <p>Thread-safe: events arrive on the migrating thread, probes on the server's threads.
 */
public final class HealthState implements MigrationListener, FleetListener {
    private final Clock clock;
    private final String password;
    private final Metrics metrics = new Metrics();

    private String replica;
    private String database;
    private String currentVersion;
    private List<MigrationRef> pending = List.of();
    private List<HistoryEntry> runningElsewhere = List.of();
    private List<RunningBackfill> heldBackfills = List.of();
    private List<String> problems = List.of();
    private Running running;
    private boolean lockHeld;
    private Instant lockSince;
    private String lockWaitingFor;
    private Instant lockWaitingSince;
    private String unreachable;
    private String failure;
    private String lastError;
    private boolean ready;
    private Process app;
    private FleetCounts fleet;

    /** A fleet run's progress: the numbers of its progress line. */
    private record FleetCounts(int selected, int done, int failed, boolean ended) {
    }

    /** @param password the database password, masked wherever a driver's message might repeat it */
    public HealthState(Clock clock, String password) {
        this.clock = clock;
        this.password = password;
    }

    /** Readiness or liveness: {@code ok}, or why not. */
    public record Verdict(boolean ok, String reason) {
    }

    private record Running(MigrationRef migration, int statement, int statements, Instant since, BatchProgress backfill) {
        Running(MigrationRef migration, int statement, int statements, Instant since) {
            this(migration, statement, statements, since, null);
        }
    }

    Metrics metrics() {
        return metrics;
    }

    /**
     * Writes the metrics as they are at this moment: a wait for the lock that goes on counts up to now, not to the
     * last "waiting" event (those come every few seconds).
     */
    void writeMetrics(java.io.OutputStream out) throws java.io.IOException {
        synchronized (this) {
            if (lockWaitingFor != null) {
                metrics.lockWait(Duration.between(lockWaitingSince, clock.instant()));
            }
        }
        metrics.write(out);
    }

    /** Not applied yet: pending here, and those another replica is applying now (this process would apply them next). */
    private int notApplied() {
        return pending.size() + (int) runningElsewhere.stream()
                .filter(row -> pending.stream().noneMatch(p -> p.script().equals(row.script()))).count();
    }

    /** Who this process is, once the configuration is loaded. */
    public synchronized void replica(String replica) {
        this.replica = replica;
    }

    /**
     * Runs a step that brings the schema to its target (migrate, wait): ready once it returns, its error kept
     * as the last error when it throws.
     */
    public <T> T track(Supplier<T> step) {
        try {
            T result = step.get();
            synchronized (this) {
                ready = true;
                running = null;
                pending = List.of();
                metrics.pending(0);
            }
            return result;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    /** A step or a read of the schema failed ({@code serve} polls again later): not ready until one succeeds. */
    public synchronized void failed(RuntimeException e) {
        ready = false;
        String message = mask(e.getMessage() == null ? e.toString() : e.getMessage());
        if (e instanceof LockstepException l && l.reason() == Reason.DATABASE_UNREACHABLE) {
            unreachable = message;
        } else {
            failure = message;
            lastError = message;
        }
    }

    /** From now on, liveness is the app's: live while it runs. */
    public synchronized void app(Process app) {
        this.app = app;
    }

    public synchronized Verdict liveness() {
        if (app != null && !app.isAlive()) {
            return new Verdict(false, "the app exited with code " + app.exitValue());
        }
        return new Verdict(true, null);
    }

    /** 200 only when the schema is at the target and no migration runs; otherwise the first thing that holds it up. */
    public synchronized Verdict readiness() {
        if (ready) {
            return new Verdict(true, null);
        }
        return new Verdict(false, notReadyBecause());
    }

    private String notReadyBecause() {
        if (fleet != null && !fleet.ended()) {
            return "migrating a fleet: " + fleet.done() + " done, " + fleet.failed() + " failed, "
                    + (fleet.selected() - fleet.done()) + " remaining";
        }
        if (running != null) {
            BatchProgress b = running.backfill();
            return "migrating " + name(running.migration()) + " statement " + running.statement() + "/" + running.statements()
                    + (b == null ? "" : ", a backfill: " + b.batches() + " batches, " + b.rows() + " rows, "
                    + Math.round(b.rowsPerSecond()) + " rows/s" + b.rowsLeftText());
        }
        if (lockWaitingFor != null) {
            return "waiting for lock held by " + lockWaitingFor;
        }
        if (unreachable != null) {
            return "database unreachable: " + unreachable;
        }
        if (failure != null) {
            return "failed: " + failure;
        }
        if (!problems.isEmpty()) {
            return "the migrations do not match the history: " + String.join("; ", problems);
        }
        if (!runningElsewhere.isEmpty()) {
            HistoryEntry row = runningElsewhere.get(0);
            String progress = row.statementsDone() == 0 ? " (" + row.progress() + ")"
                    : " statement " + row.statementInFlight() + "/" + row.statementsTotal();
            return "migrating " + (row.version() == null ? row.script() : "V" + row.version()) + progress
                    + " on replica " + row.replica()
                    + heldBackfills.stream().filter(b -> b.script().equals(row.script())
                            && b.statement() == row.statementInFlight()).findFirst()
                    .map(b -> ", a backfill: " + b.batches() + " batches, " + b.rows() + " rows").orElse("");
        }
        if (!pending.isEmpty()) {
            return pending.size() + " migration" + (pending.size() == 1 ? "" : "s") + " pending, first "
                    + pending.get(0).script();
        }
        return database == null ? "connecting to the database" : "checking the schema";
    }

    /** The document of {@code /health/migrations}. */
    public synchronized Map<String, Object> migrations() {
        Map<String, Object> json = new LinkedHashMap<>();
        Verdict readiness = readiness();
        json.put("status", readiness.ok() ? "ready" : "not ready");
        json.put("reason", readiness.reason());
        json.put("replica", replica);
        json.put("database", database);
        json.put("currentVersion", currentVersion);
        List<Map<String, Object>> pendingJson = new ArrayList<>();
        for (MigrationRef m : pending) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("version", m.version());
            p.put("description", m.description());
            p.put("script", m.script());
            pendingJson.add(p);
        }
        json.put("pending", pendingJson);
        json.put("running", runningJson());
        json.put("lock", lockJson());
        json.put("lastError", lastError);
        if (fleet != null) {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("selected", fleet.selected());
            counts.put("done", fleet.done());
            counts.put("failed", fleet.failed());
            counts.put("remaining", fleet.selected() - fleet.done());
            json.put("fleet", counts);
        }
        return json;
    }

    private Map<String, Object> runningJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (running != null) {
            MigrationRef m = running.migration();
            json.put("version", m.version());
            json.put("script", m.script());
            json.put("statement", running.statement());
            json.put("statements", running.statements());
            json.put("replica", replica);
            json.put("since", running.since().toString());
            BatchProgress b = running.backfill();
            if (b != null) {
                Map<String, Object> backfill = new LinkedHashMap<>();
                backfill.put("batches", b.batches());
                backfill.put("rows", b.rows());
                backfill.put("rowsPerSecond", Math.round(b.rowsPerSecond()));
                if (b.knowsRowsLeft()) {
                    backfill.put("rowsLeft", b.rowsLeft());
                }
                json.put("backfill", backfill);
            }
            return json;
        }
        if (runningElsewhere.isEmpty()) {
            return null;
        }
        HistoryEntry row = runningElsewhere.get(0);
        json.put("version", row.version());
        json.put("script", row.script());
        json.put("statement", row.statementInFlight());
        json.put("statements", row.statementsTotal());
        json.put("replica", row.replica());
        json.put("since", row.startedAt() == null ? null : row.startedAt().toString());
        return json;
    }

    /** This process's lock, the holder it waits for, or (seen from the history only) the replica that migrates. */
    private Map<String, Object> lockJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (lockHeld) {
            json.put("held", true);
            json.put("holder", replica);
            json.put("since", lockSince.toString());
            json.put("heldByThisProcess", true);
        } else if (lockWaitingFor != null) {
            json.put("held", true);
            json.put("holder", lockWaitingFor);
            json.put("waitingSince", lockWaitingSince.toString());
            json.put("heldByThisProcess", false);
        } else if (!runningElsewhere.isEmpty()) {
            HistoryEntry row = runningElsewhere.get(0);
            json.put("held", true);
            json.put("holder", row.replica());
            json.put("since", row.startedAt() == null ? null : row.startedAt().toString());
            json.put("heldByThisProcess", false);
        } else {
            json.put("held", false);
        }
        return json;
    }

    @Override
    public synchronized void databaseUnreachable(String error, int attempt) {
        unreachable = mask(error) + " (attempt " + attempt + ")";
    }

    @Override
    public synchronized void schemaChecked(SchemaStatus status) {
        unreachable = null;
        failure = null;
        database = status.database();
        currentVersion = status.currentVersion();
        pending = status.pending();
        runningElsewhere = status.running();
        heldBackfills = status.backfills();
        problems = status.problems().stream().map(this::mask).toList();
        ready = status.isReady();
        metrics.pending(notApplied());
        metrics.version(currentVersion);
    }

    @Override
    public synchronized void waitingForLock(String holder, Duration waited) {
        lockWaitingFor = mask(holder);
        lockWaitingSince = clock.instant().minus(waited);
        metrics.lockWait(waited);
    }

    @Override
    public synchronized void lockAcquired(Duration waited) {
        lockWaitingFor = null;
        lockHeld = true;
        lockSince = clock.instant();
        metrics.lockWait(waited);
        metrics.lockHeld(true);
    }

    @Override
    public synchronized void lockReleased() {
        lockHeld = false;
        metrics.lockHeld(false);
    }

    @Override
    public synchronized void migrationStarted(MigrationRef migration, int statements) {
        running = new Running(migration, Math.min(1, statements), statements, clock.instant());
    }

    @Override
    public synchronized void statementDone(MigrationRef migration, int number, int total) {
        if (running != null) {
            running = new Running(migration, Math.min(number + 1, total), total, running.since());
        }
    }

    @Override
    public synchronized void batchProgress(MigrationRef migration, BatchProgress progress) {
        if (running != null) {
            running = new Running(migration, progress.statement(), running.statements(), running.since(),
                    progress.finished() ? null : progress);
        }
        metrics.backfill(progress);
    }

    @Override
    public synchronized void migrationApplied(MigrationRef migration, Duration took) {
        running = null;
        pending = pending.stream().filter(m -> !m.script().equals(migration.script())).toList();
        if (migration.isVersioned() && (currentVersion == null
                || Version.parse(migration.version()).compareTo(Version.parse(currentVersion)) > 0)) {
            currentVersion = migration.version();
        }
        metrics.applied(took);
        metrics.pending(notApplied());
        metrics.version(currentVersion);
    }

    @Override
    public synchronized void migrationFailed(MigrationRef migration, String error) {
        running = null;
        lastError = mask(migration.script() + ": " + error);
        metrics.failed();
    }

    @Override
    public synchronized void fleetStarted(int total) {
        fleet = new FleetCounts(total, 0, 0, false);
        database = "a fleet of " + total + " tenant" + (total == 1 ? "" : "s");
        metrics.fleet(total, 0, 0);
    }

    @Override
    public synchronized void tenantFinished(TenantOutcome outcome, int finished, int total) {
        boolean failedNow = outcome.status() == TenantOutcome.Status.FAILED;
        fleet = new FleetCounts(total, finished, fleet == null ? (failedNow ? 1 : 0) : fleet.failed() + (failedNow ? 1 : 0),
                false);
        metrics.fleet(total, finished, fleet.failed());
        metrics.applied(outcome.applied());
        if (failedNow) {
            lastError = mask(outcome.tenant() + ": " + outcome.error());
        }
    }

    /**
     * The fleet run ended: ready when every tenant was done without a failure, else not ready, saying why.
     *
     * @param failedBecause {@code null} when every tenant was done, else what went wrong
     */
    public synchronized void fleetEnded(String failedBecause) {
        if (fleet != null) {
            fleet = new FleetCounts(fleet.selected(), fleet.done(), fleet.failed(), true);
        }
        ready = failedBecause == null;
        failure = failedBecause == null ? null : mask(failedBecause);
    }

    private static String name(MigrationRef m) {
        return m.version() == null ? m.script() : "V" + m.version();
    }

    private String mask(String text) {
        return Secrets.mask(text, password);
    }
}

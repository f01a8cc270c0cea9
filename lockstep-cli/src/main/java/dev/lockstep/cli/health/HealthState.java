package dev.lockstep.cli.health;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.error.Secrets;
import dev.lockstep.event.FleetListener;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.SchemaStatus;
import dev.lockstep.result.TenantOutcome;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What the status server tells about this process: the engine's events (it is a {@link MigrationListener} and a
 * {@link FleetListener}) and the command's own steps, folded into a {@link HealthSnapshot}. Probes read the
 * current snapshot from memory: they never touch the database, let alone the lock. Every text that may come
 * from a driver passes {@link Secrets#mask} on its way in, so no snapshot, and no response, carries the
 * database password.
 *
 * <p>Thread-safe: events arrive on the migrating thread, probes on the server's threads; each event replaces
 * the snapshot whole, so a probe sees one moment.
 */
public final class HealthState implements MigrationListener, FleetListener {
    private final Clock clock;
    private final String password;
    private volatile HealthSnapshot current = HealthSnapshot.initial();
    private volatile Process app;

    /** @param password the database password, masked wherever a driver's message might repeat it */
    public HealthState(Clock clock, String password) {
        this.clock = clock;
        this.password = password;
    }

    /** The state at this moment. */
    public HealthSnapshot snapshot() {
        return current;
    }

    Clock clock() {
        return clock;
    }

    private synchronized void fold(UnaryOperator<HealthSnapshot> event) {
        current = event.apply(current);
    }

    /** Who this process is, once the configuration is loaded. */
    public void replica(String replica) {
        fold(s -> s.withReplica(replica));
    }

    /**
     * Runs a step that brings the schema to its target (migrate, wait): ready once it returns, its error kept
     * as the last error when it throws.
     */
    public <T> T track(Supplier<T> step) {
        try {
            T result = step.get();
            fold(HealthSnapshot::succeeded);
            return result;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    /** A step or a read of the schema failed ({@code serve} polls again later): not ready until one succeeds. */
    public void failed(RuntimeException e) {
        String message = mask(e.getMessage() == null ? e.toString() : e.getMessage());
        boolean unreachable = e instanceof LockstepException l && l.reason() == Reason.DATABASE_UNREACHABLE;
        fold(s -> s.failed(unreachable, message));
    }

    /** From now on, liveness is the app's: live while it runs. */
    public void app(Process app) {
        this.app = app;
    }

    /** Live, unless the app this process started has exited. */
    public Verdict liveness() {
        Process started = app;
        if (started != null && !started.isAlive()) {
            return new Verdict(false, "the app exited with code " + started.exitValue());
        }
        return Verdict.OK;
    }

    @Override
    public void databaseUnreachable(String error, int attempt) {
        String why = mask(error) + " (attempt " + attempt + ")";
        fold(s -> s.unreachable(why));
    }

    @Override
    public void schemaChecked(SchemaStatus status) {
        var problems = status.problems().stream().map(this::mask).toList();
        fold(s -> s.schemaChecked(status, problems));
    }

    @Override
    public void waitingForLock(String holder, Duration waited) {
        String masked = mask(holder);
        fold(s -> s.waitingForLock(masked, clock.instant(), waited));
    }

    @Override
    public void lockAcquired(Duration waited) {
        fold(s -> s.lockAcquired(clock.instant(), waited));
    }

    @Override
    public void lockReleased() {
        fold(HealthSnapshot::lockReleased);
    }

    @Override
    public void migrationStarted(MigrationRef migration, int statements) {
        fold(s -> s.migrationStarted(migration, statements, clock.instant()));
    }

    @Override
    public void statementDone(MigrationRef migration, int number, int total) {
        fold(s -> s.statementDone(migration, number, total));
    }

    @Override
    public void batchProgress(MigrationRef migration, BatchProgress progress) {
        fold(s -> s.batchProgress(migration, progress));
    }

    @Override
    public void migrationApplied(MigrationRef migration, Duration took) {
        fold(s -> s.migrationApplied(migration, took));
    }

    @Override
    public void migrationFailed(MigrationRef migration, String error) {
        String masked = mask(migration.script() + ": " + error);
        fold(s -> s.migrationFailed(masked));
    }

    @Override
    public void fleetStarted(int total) {
        fold(s -> s.fleetStarted(total));
    }

    @Override
    public void tenantFinished(TenantOutcome outcome, int finished, int total) {
        String error = outcome.status() == TenantOutcome.Status.FAILED ? mask(outcome.tenant() + ": " + outcome.error()) : null;
        fold(s -> s.tenantFinished(error, outcome.applied(), finished, total));
    }

    /**
     * The fleet run ended: ready when every tenant was done without a failure, else not ready, saying why.
     *
     * @param failedBecause {@code null} when every tenant was done, else what went wrong
     */
    public void fleetEnded(String failedBecause) {
        String masked = failedBecause == null ? null : mask(failedBecause);
        fold(s -> s.fleetEnded(masked));
    }

    private String mask(String text) {
        return Secrets.mask(text, password);
    }
}

package dev.lockstep.spring;

import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.SchemaStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * lockstep's metrics as Micrometer meters, named so that a Prometheus registry shows exactly the names of the CLI's
 * {@code /metrics}: {@code lockstep_migrations_applied_total}, {@code lockstep_migrations_failed_total},
 * {@code lockstep_migration_duration_seconds} (with the CLI's buckets), {@code lockstep_lock_wait_seconds},
 * {@code lockstep_lock_held}, {@code lockstep_pending_migrations}, {@code lockstep_schema_version_info{version}}, and
 * the running (or last) backfill's {@code lockstep_backfill_rows}, {@code lockstep_backfill_batches},
 * {@code lockstep_backfill_rows_per_second} and {@code lockstep_backfill_rows_left} (NaN where it cannot tell).
 *
 * <p>The start-up migration runs before Boot binds meter binders to the registry, so the events are kept here and the
 * meters read them once bound: counters and gauges read the values, the durations recorded so far are replayed into
 * the timer. Events arrive on the migrating thread, scrapes on others: the state is atomic or synchronized.
 */
final class LockstepMetrics implements MigrationListener, MeterBinder {
    /** The CLI's buckets, in seconds: migrations take from milliseconds to hours. */
    private static final double[] BUCKETS = {0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600};

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lockWaitMillis = new AtomicLong();
    private final AtomicLong lockHeld = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong backfillRows = new AtomicLong();
    private final AtomicLong backfillBatches = new AtomicLong();
    private final AtomicLong backfillRowsLeft = new AtomicLong(-1);
    private final java.util.concurrent.atomic.AtomicReference<Double> backfillRate =
            new java.util.concurrent.atomic.AtomicReference<>(0.0);
    private final List<Duration> durations = new ArrayList<>();
    private String version;
    private Timer timer;
    private MultiGauge versionGauge;

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("lockstep.migrations.applied", applied, AtomicLong::doubleValue)
                .description("Migrations this process applied.").register(registry);
        FunctionCounter.builder("lockstep.migrations.failed", failed, AtomicLong::doubleValue)
                .description("Migrations that failed in this process.").register(registry);
        Gauge.builder("lockstep.lock.wait", lockWaitMillis, millis -> millis.get() / 1000.0).baseUnit("seconds")
                .description("How long this process has waited, or waited last, for the migration lock.").register(registry);
        Gauge.builder("lockstep.lock.held", lockHeld, AtomicLong::doubleValue)
                .description("1 while this process holds the migration lock, else 0.").register(registry);
        Gauge.builder("lockstep.pending.migrations", pending, AtomicLong::doubleValue)
                .description("Local migrations not applied yet, as last read from the history.").register(registry);
        Gauge.builder("lockstep.backfill.rows", backfillRows, AtomicLong::doubleValue)
                .description("Rows the running (or last) backfill has changed, earlier attempts included.").register(registry);
        Gauge.builder("lockstep.backfill.batches", backfillBatches, AtomicLong::doubleValue)
                .description("Batches the running (or last) backfill has committed, earlier attempts included.").register(registry);
        Gauge.builder("lockstep.backfill.rows.per.second", backfillRate, rate -> rate.get())
                .description("Rows per second of this process's batches of the running (or last) backfill.").register(registry);
        Gauge.builder("lockstep.backfill.rows.left", backfillRowsLeft, left -> left.get() < 0 ? Double.NaN : left.get())
                .description("An estimate of the rows the running backfill has left; NaN where it cannot tell, 0 once done.")
                .register(registry);
        timer = Timer.builder("lockstep.migration.duration").description("How long each migration this process applied took.")
                .serviceLevelObjectives(slos()).register(registry);
        durations.forEach(timer::record);
        durations.clear();
        versionGauge = MultiGauge.builder("lockstep.schema.version.info")
                .description("The newest applied schema version, as a label.").register(registry);
        showVersion();
    }

    private static Duration[] slos() {
        Duration[] slos = new Duration[BUCKETS.length];
        for (int i = 0; i < BUCKETS.length; i++) {
            slos[i] = Duration.ofMillis((long) (BUCKETS[i] * 1000));
        }
        return slos;
    }

    @Override
    public void schemaChecked(SchemaStatus status) {
        pending.set(status.pending().size());
        version(status.currentVersion());
    }

    @Override
    public void waitingForLock(String holder, Duration waited) {
        lockWaitMillis.set(waited.toMillis());
    }

    @Override
    public void lockAcquired(Duration waited) {
        lockWaitMillis.set(waited.toMillis());
        lockHeld.set(1);
    }

    @Override
    public void lockReleased() {
        lockHeld.set(0);
    }

    @Override
    public synchronized void migrationApplied(MigrationRef migration, Duration took) {
        applied.incrementAndGet();
        pending.updateAndGet(n -> Math.max(0, n - 1));
        if (timer == null) {
            durations.add(took);
        } else {
            timer.record(took);
        }
        if (migration.isVersioned()) {
            version(migration.version());
        }
    }

    @Override
    public void batchProgress(MigrationRef migration, BatchProgress progress) {
        backfillRows.set(progress.rows());
        backfillBatches.set(progress.batches());
        backfillRate.set(progress.rowsPerSecond());
        backfillRowsLeft.set(progress.finished() ? 0 : progress.rowsLeft());
    }

    @Override
    public void migrationFailed(MigrationRef migration, String error) {
        failed.incrementAndGet();
    }

    private synchronized void version(String current) {
        version = current;
        showVersion();
    }

    /** One series labelled with the version, none before anything is applied. */
    private void showVersion() {
        if (versionGauge != null) {
            versionGauge.register(version == null ? List.of()
                    : List.of(MultiGauge.Row.of(Tags.of("version", version), 1)), true);
        }
    }
}

package dev.lockstep;

import dev.lockstep.engine.RunContext;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.FleetListener;
import dev.lockstep.result.FleetInfoResult;
import dev.lockstep.result.FleetResult;
import dev.lockstep.result.HistoryResult;
import dev.lockstep.result.SchemaStatus;
import dev.lockstep.result.TenantResult;
import dev.lockstep.result.TenantStatus;
import dev.lockstep.result.ValidateResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Migrates many tenants (schemas, databases, SQLite files) in one run, each under its own lock:
 * <pre>{@code
 * FleetResult result = Fleet.configure(Lockstep.configure().url(url).locations("classpath:db/migration"))
 *         .tenants(Tenants.schemasLike("tenant_%"))
 *         .parallel(4)
 *         .load()
 *         .migrate();
 * }</pre>
 * Several processes may run the same fleet at once and share the work: one that finds a tenant locked goes on with
 * the next and comes back to it, so every tenant is migrated once. One tenant's failure is that tenant's outcome; the
 * others go on unless {@link Builder#failFast(boolean) fail-fast}. Every tenant shares the given configuration; its
 * lock timeout bounds how long a tenant another process holds is come back to. Thread-safe.
 */
public final class Fleet {
    private final LockstepConfig base;
    private final Tenants tenants;
    private final FleetOptions options;
    private final Clock clock;
    private final List<FleetRun> running = new ArrayList<>();
    private final Set<Lockstep> reading = new HashSet<>();
    private Reason stopped;

    private Fleet(LockstepConfig base, Tenants tenants, FleetOptions options, Clock clock) {
        this.base = base;
        this.tenants = tenants;
        this.options = options;
        this.clock = clock;
    }

    /** A fleet whose tenants share the settings of {@code base} (URL or data source, locations, timeouts, ...). */
    public static Builder configure(LockstepConfig.Builder base) {
        return new Builder(Objects.requireNonNull(base, "base"));
    }

    public LockstepConfig config() {
        return base;
    }

    public Tenants tenants() {
        return tenants;
    }

    /**
     * Migrates every selected tenant that is behind, {@code parallel} at a time. The selection is resolved now: a
     * pattern is matched against the catalog, a named schema or file that does not exist is a failed tenant.
     *
     * @throws LockstepException {@link Reason#CONFIGURATION} when the selection comes to no tenant at all
     */
    public FleetResult migrate() {
        FleetRun run = new FleetRun(base, new TenantResolver(base).resolve(tenants), options, clock);
        synchronized (this) {
            running.add(run);
            if (stopped != null) {
                run.stop(stopped);
            }
        }
        try {
            return run.run();
        } finally {
            synchronized (this) {
                running.remove(run);
            }
        }
    }

    /** Where every selected tenant stands against the local migrations; takes no lock, {@code parallel} at a time. */
    public FleetInfoResult info() {
        return statuses(each(lockstep -> lockstep.status(null)));
    }

    /**
     * Compares every selected tenant's history with the local migrations, as {@link Lockstep#validate(boolean)} does
     * for one; takes no lock, {@code parallel} at a time. A tenant that cannot be read is a result without one.
     */
    public List<TenantResult<ValidateResult>> validate(boolean strict) {
        return each(lockstep -> lockstep.validate(strict));
    }

    /** Every selected tenant's history table, as {@link Lockstep#history()} reads one; takes no lock. */
    public List<TenantResult<HistoryResult>> history() {
        return each(Lockstep::history);
    }

    /**
     * Blocks until every selected tenant is at {@code target} with nothing running, as {@link Lockstep#awaitSchema}
     * does for one, {@code parallel} tenants at a time. The timeout is the whole fleet's: a tenant taken up late waits
     * only for what is left of it, and looks once when nothing is. A tenant still behind then, or that cannot wait
     * (an invalid set, an unreachable database), is in the result without a status.
     *
     * @param target  {@code latest} or {@code null} for every local migration, else a version such as {@code 7}
     * @param timeout how long the whole fleet is waited for
     */
    public FleetInfoResult awaitSchema(String target, Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new LockstepException(Reason.CONFIGURATION, "Invalid configuration: the wait's timeout must be zero or"
                    + " more, was " + timeout + ".");
        }
        Instant deadline = clock.instant().plus(timeout);
        return statuses(each(lockstep -> lockstep.awaitSchema(target, max(Duration.ZERO,
                Duration.between(clock.instant(), deadline)))));
    }

    private static FleetInfoResult statuses(List<TenantResult<SchemaStatus>> read) {
        return new FleetInfoResult(read.stream().map(t -> new TenantStatus(t.tenant(), t.result(), t.reason(), t.error()))
                .toList());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Reads every selected tenant with {@code read}, {@code parallel} at a time, in the order of the selection; a
     * tenant's failure is its result. After a stop no tenant is taken up, and the reads under way are stopped.
     */
    private <T> List<TenantResult<T>> each(Function<Lockstep, T> read) {
        List<Tenant> resolved = new TenantResolver(base).resolve(tenants);
        ConcurrentHashMap<Tenant, TenantResult<T>> results = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Workers.run(Math.min(options.parallel(), resolved.size()), "lockstep-fleet-read", () -> {
            for (int i = next.getAndIncrement(); i < resolved.size(); i = next.getAndIncrement()) {
                Tenant tenant = resolved.get(i);
                results.put(tenant, read(tenant, read));
            }
        });
        return resolved.stream().map(results::get).toList();
    }

    private <T> TenantResult<T> read(Tenant tenant, Function<Lockstep, T> read) {
        if (tenant.problem() != null) {
            return new TenantResult<>(tenant.name(), null, Reason.CONFIGURATION, tenant.problem());
        }
        Lockstep lockstep = null;
        try {
            lockstep = new Lockstep(RunContext.of(tenant.configure(base).build()));
            synchronized (this) {
                if (stopped != null) {
                    return new TenantResult<>(tenant.name(), null, stopped, "Not read: the run was stopped first.");
                }
                reading.add(lockstep);
            }
            return new TenantResult<>(tenant.name(), read.apply(lockstep), null, null);
        } catch (LockstepException e) {
            return new TenantResult<>(tenant.name(), null, e.reason(), e.getMessage());
        } finally {
            synchronized (this) {
                reading.remove(lockstep);
            }
        }
    }

    /**
     * Stops a {@link #migrate()} running on another thread safely: no new tenant is started, the tenants in flight
     * finish, and past the stop grace they are stopped as {@link Lockstep#stop(Reason)} does; a second call stops
     * them at once. The result names the tenants not started. A read ({@link #awaitSchema}, {@link #validate}, ...)
     * takes up no new tenant and stops the ones it reads at once.
     *
     * @param why {@link Reason#TERMINATED} or {@link Reason#INTERRUPTED}
     */
    public synchronized void stop(Reason why) {
        if (why != Reason.TERMINATED && why != Reason.INTERRUPTED) {
            throw new IllegalArgumentException("a stop is TERMINATED or INTERRUPTED, not " + why);
        }
        if (stopped == null) {
            stopped = why;
        }
        running.forEach(run -> run.stop(why));
        reading.forEach(lockstep -> lockstep.stop(why));
    }

    /** Collects a fleet's settings; {@link #load()} validates them once. */
    public static final class Builder {
        private final LockstepConfig.Builder base;
        private Tenants tenants;
        private int parallel = 1;
        private boolean failFast;
        private FleetListener listener = new FleetListener() { };
        private Clock clock = Clock.systemUTC();

        private Builder(LockstepConfig.Builder base) {
            this.base = base;
        }

        public Builder tenants(Tenants tenants) {
            this.tenants = tenants;
            return this;
        }

        /** How many tenants this process migrates at once (default 1); each takes one database connection. */
        public Builder parallel(int parallel) {
            this.parallel = parallel;
            return this;
        }

        /** Start no new tenant once one failed; those in flight finish (default: go on with the others). */
        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        public Builder listener(FleetListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** For tests: the time source of the back-off between tries of a locked tenant. */
        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @throws LockstepException {@link Reason#CONFIGURATION} naming the bad setting */
        public Fleet load() {
            if (tenants == null) {
                throw new LockstepException(Reason.CONFIGURATION, "Invalid configuration: a fleet needs its tenants:"
                        + " Tenants.schemas(...), Tenants.schemasLike(\"tenant_%\") or Tenants.urls(...).");
            }
            if (parallel < 1 || parallel > 256) {
                throw new LockstepException(Reason.CONFIGURATION, "Invalid configuration: parallel must be 1 to 256,"
                        + " was " + parallel + ".");
            }
            if (tenants.kind() == Tenants.Kind.URLS && !base.hasDatabase()) {
                base.url(tenants.names().get(0)); // each tenant brings its own URL; the first stands for them in checks
            }
            return new Fleet(base.build(), tenants, new FleetOptions(parallel, failFast, listener), clock);
        }
    }
}

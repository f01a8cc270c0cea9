package dev.lockstep;

import dev.lockstep.engine.RunContext;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.FleetListener;
import dev.lockstep.result.FleetInfoResult;
import dev.lockstep.result.FleetResult;
import dev.lockstep.result.TenantStatus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
        List<Tenant> resolved = new TenantResolver(base).resolve(tenants);
        ConcurrentHashMap<Tenant, TenantStatus> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Workers.run(Math.min(options.parallel(), resolved.size()), "lockstep-fleet-info", () -> {
            for (int i = next.getAndIncrement(); i < resolved.size(); i = next.getAndIncrement()) {
                Tenant tenant = resolved.get(i);
                statuses.put(tenant, status(tenant));
            }
        });
        return new FleetInfoResult(resolved.stream().map(statuses::get).toList());
    }

    private TenantStatus status(Tenant tenant) {
        if (tenant.problem() != null) {
            return new TenantStatus(tenant.name(), null, Reason.CONFIGURATION, tenant.problem());
        }
        try {
            return new TenantStatus(tenant.name(), new Lockstep(RunContext.of(
                    tenant.configure(base).build())).status(null), null, null);
        } catch (LockstepException e) {
            return new TenantStatus(tenant.name(), null, e.reason(), e.getMessage());
        }
    }

    /**
     * Stops a {@link #migrate()} running on another thread safely: no new tenant is started, the tenants in flight
     * finish, and past the stop grace they are stopped as {@link Lockstep#stop(Reason)} does; a second call stops
     * them at once. The result names the tenants not started.
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

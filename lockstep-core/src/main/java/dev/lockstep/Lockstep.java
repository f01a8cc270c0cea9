package dev.lockstep;

import dev.lockstep.engine.Engine;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.Version;

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
    private final LockstepConfig config;

    Lockstep(LockstepConfig config) {
        this.config = config;
    }

    public static LockstepConfig.Builder configure() {
        return new LockstepConfig.Builder();
    }

    public LockstepConfig config() {
        return config;
    }

    /**
     * Applies every pending migration, or waits for the replica that is doing so.
     *
     * @throws dev.lockstep.error.LockstepException whose {@link dev.lockstep.error.Reason} says what went wrong
     */
    public MigrateResult migrate() {
        return new Engine(config).migrate();
    }

    /** Lists every migration with its state. Takes no lock and changes nothing. */
    public InfoResult info() {
        return new Engine(config).info();
    }

    /**
     * Where the schema stands against the local migrations: what is pending up to {@code target}, what a
     * replica is applying now. One read of the history; takes no lock, so health probes may call it.
     *
     * @param target {@code latest} or {@code null} for every local migration, else a version such as {@code 7}
     */
    public SchemaStatus status(String target) {
        return new Engine(config).status(target(target));
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
        return new Engine(config).awaitSchema(target(target), timeout);
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
        return new Engine(config).validate(strict);
    }

    /**
     * Repairs the history after a migration stopped part-way, or accepts intentional edits of applied
     * files. Takes the lock and refuses at once while another replica holds it; every change is
     * recorded in the history as an audit row of type REPAIR.
     *
     * @throws dev.lockstep.error.LockstepException whose {@link dev.lockstep.error.Reason} says what went wrong
     */
    public RepairResult repair(RepairRequest request) {
        return new Engine(config).repair(request);
    }

    /** {@link #validate(boolean)} without strictness: future migrations are warnings. */
    public ValidateResult validate() {
        return validate(false);
    }
}

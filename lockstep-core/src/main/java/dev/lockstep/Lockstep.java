package dev.lockstep;

import dev.lockstep.engine.Engine;

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

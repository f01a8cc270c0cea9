package dev.lockstep.db;

import java.sql.SQLException;

/**
 * The migration lock: held by the session (or process) that migrates and freed by the database or
 * the operating system when that session ends, so a killed replica never leaves a lock behind.
 * Waiters poll {@link #tryAcquire()}: they never block inside a statement.
 */
public interface SessionLock {

    /** Takes the lock if it is free. Never blocks. */
    boolean tryAcquire() throws SQLException;

    /** Frees the lock. Called once, only after a successful {@link #tryAcquire()}. */
    void release() throws SQLException;

    /**
     * For a waiter between two tries: if a thread of this process holds the lock, waits up to
     * {@code time} for it to let go and returns {@code true} (try again at once, no back-off);
     * otherwise returns {@code false} at once and the waiter backs off as usual. Only a lock that
     * knows its holders in this process can do better than the default.
     */
    default boolean awaitReleaseInProcess(java.time.Duration time) throws InterruptedException {
        return false;
    }

    /** Who holds the lock now, as well as the database can tell; {@code "unknown"} when it cannot. */
    String holder() throws SQLException;

    /** What is locked, for messages: {@code advisory lock 4711 on app/public/lockstep_history}. */
    String description();
}

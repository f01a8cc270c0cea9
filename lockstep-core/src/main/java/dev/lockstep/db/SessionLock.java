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

    /** Who holds the lock now, as well as the database can tell; {@code "unknown"} when it cannot. */
    String holder() throws SQLException;

    /** What is locked, for messages: {@code advisory lock 4711 on app/public/lockstep_history}. */
    String description();
}

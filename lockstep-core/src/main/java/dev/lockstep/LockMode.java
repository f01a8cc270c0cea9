package dev.lockstep;

/**
 * How replicas exclude each other while one migrates.
 *
 * <ul>
 *   <li>{@link #SESSION}, the default: a lock bound to the migrating session (PostgreSQL advisory lock,
 *       MySQL {@code GET_LOCK}, a file lock beside a SQLite database), freed by the database or the OS
 *       the moment that session or process ends.</li>
 *   <li>{@link #LEASE}: a row in a lock table with an owner and an expiry that a heartbeat renews, for
 *       PostgreSQL behind a transaction-mode pooler (PgBouncer), where a session lock would stay on a
 *       pooled server connection, and for MariaDB Galera clusters, where {@code GET_LOCK} is local to one
 *       node; on a Galera node, and behind a transaction pooler that lockstep finds, taken when no mode was
 *       chosen. Taken over only once expired and, where the database can tell, once its owner's session
 *       has no work in flight.</li>
 * </ul>
 */
public enum LockMode {
    SESSION,
    LEASE
}

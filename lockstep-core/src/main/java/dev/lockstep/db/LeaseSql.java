package dev.lockstep.db;

import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * The statements of one lease table, written by a dialect; {@link LeaseTable} runs them. Every time is
 * the database's ({@code now()}), never the replica's, so a replica with a skewed clock cannot take a
 * lease early. Every statement names the table with its schema.
 *
 * <p>Parameters, in order: {@code insert}: key, owner, token, lease millis. {@code select}: key.
 * {@code takeOver}: owner, token, lease millis, key, previous token. {@code renew}: lease millis, key,
 * token. {@code delete}: key, token. {@code sessionBusy}: session.
 *
 * @param qualifiedTable    the lock table, schema-qualified and quoted
 * @param createTable       {@code CREATE TABLE IF NOT EXISTS}
 * @param insert            inserts the row unless one exists; one row changed means the lease was taken
 * @param select            the row, with columns owner, token, owner_session, acquired_at, heartbeat_at,
 *                          expires_at and db_now
 * @param takeOver          replaces the owner only while the previous token still holds it and it has expired
 * @param renew             moves the expiry on, only while the token still holds it
 * @param delete            removes the row, only while the token still holds it
 * @param sessionExpression SQL naming the current session ({@code pg_backend_pid()}), recorded with the lease
 * @param sessionBusy       counts sessions matching a recorded one that still have work in flight (a statement
 *                          running or a transaction open)
 * @param lostRace          whether an error means another replica's statement won (duplicate key, deadlock,
 *                          serialization or Galera certification failure): not taken, try again later
 */
public record LeaseSql(String qualifiedTable, String createTable, String insert, String select, String takeOver,
                       String renew, String delete, String sessionExpression, String sessionBusy,
                       Predicate<SQLException> lostRace) {
}

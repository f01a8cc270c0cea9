package dev.lockstep.db;

import java.time.Duration;
import java.time.Instant;

/**
 * The lease row as one query read it. Every time comes from the database's clock, {@code databaseNow}
 * included, so whether it has expired never depends on the clock of the replica that asks.
 *
 * @param owner        the replica id of the holder, for people
 * @param token        what identifies this one acquisition: two processes with one replica id never share it
 * @param ownerSession the holder's database session ({@link LeaseSql#sessionExpression()}), or {@code null}
 */
public record LeaseRow(String owner, String token, String ownerSession, Instant acquiredAt, Instant heartbeatAt,
                       Instant expiresAt, Instant databaseNow) {

    public boolean expired() {
        return !databaseNow.isBefore(expiresAt);
    }

    /** How long ago it expired (negative: how long until it does). */
    public Duration expiredFor() {
        return Duration.between(expiresAt, databaseNow);
    }

    public Duration sinceHeartbeat() {
        return Duration.between(heartbeatAt, databaseNow);
    }

    public Duration held() {
        return Duration.between(acquiredAt, databaseNow);
    }
}

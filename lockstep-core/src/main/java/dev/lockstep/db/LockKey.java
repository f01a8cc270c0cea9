package dev.lockstep.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names the lock of one database + schema + history table, so tenants in other schemas never wait
 * on each other. Derived by hashing, so every replica computes the same key without coordination.
 */
public record LockKey(String scope) {

    public static LockKey of(String database, String schema, String table) {
        return new LockKey("lockstep:" + database + ":" + schema + ":" + table);
    }

    /** A 64-bit key for PostgreSQL advisory locks. */
    public long asLong() {
        byte[] digest = sha256();
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (digest[i] & 0xff);
        }
        return key;
    }

    /** A name of at most 64 characters for MySQL's {@code GET_LOCK}. */
    public String asName() {
        return "lockstep_" + HexFormat.of().formatHex(sha256(), 0, 16);
    }

    private byte[] sha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

package dev.lockstep.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum recorded in the history for a migration: {@code sha256:<64 lower-case hex>} of the
 * UTF-8 bytes of its normalised text (see {@link MigrationText}). The algorithm is part of the value
 * so that a later change of algorithm is a visible difference, never a silent mismatch.
 */
public final class Checksum {
    /** The prefix every checksum this version writes starts with. */
    public static final String PREFIX = "sha256:";

    private static final HexFormat HEX = HexFormat.of();
    /** One digest per thread, reset by each {@code digest()}: looking the provider up per file was a tenth of a scan. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Checksum::sha256);

    private Checksum() {
    }

    /** Checksum of text that is already normalised; it is not normalised again here. */
    public static String of(String normalizedText) {
        return ofUtf8(normalizedText.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checksum of the UTF-8 bytes of text that is already normalised: a file's bytes as they are when
     * {@link MigrationText#isNormalizedAscii} says that decoding and normalising would not change them.
     */
    static String ofUtf8(byte[] normalizedUtf8) {
        return PREFIX + HEX.formatHex(SHA256.get().digest(normalizedUtf8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest contract).
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}

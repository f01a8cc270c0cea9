package dev.lockstep.plan;

import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A digest of the local migrations that decide a {@code migrate} plan: the type, version,
 * description and checksum of every versioned and repeatable file, in version (then description)
 * order, as {@code sha256:<hex>}. Undo files never change a plan, so they are left out.
 *
 * <p>Why: the engine stores the fingerprint beside the history once a run under the lock has
 * planned this exact set as up to date, with no warnings. A later replica whose files give the same
 * fingerprint, over a history that has not changed since, has nothing to do; it learns that from
 * one row instead of reading every history row. The digest is stricter than the planner (a file
 * renamed to an equal version, {@code V2} to {@code V2.0}, changes it): a difference only costs the
 * full read, never a wrong answer.
 */
public final class Fingerprint {
    private static final Comparator<Migration> ORDER = Comparator
            .comparing(Migration::type)
            .thenComparing(Migration::version, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Migration::description);

    private Fingerprint() {
    }

    /** The fingerprint of these local migrations, in any order. */
    public static String of(List<Migration> local) {
        MessageDigest digest = sha256();
        local.stream()
                .filter(m -> m.type() != MigrationType.UNDO)
                .sorted(ORDER)
                .forEach(m -> digest.update(line(m).getBytes(StandardCharsets.UTF_8)));
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** One field per migration, separated by a character no field contains. */
    private static String line(Migration m) {
        return m.type().name() + '\u0000' + (m.version() == null ? "" : m.version().toString()) + '\u0000'
                + m.description() + '\u0000' + m.checksum() + '\n';
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

package dev.lockstep.plan;

import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
    private static final Comparator<Migration> ORDER = Fingerprint::compare;
    /** How many characters of lines are encoded and digested at once. */
    private static final int CHUNK = 8192;

    private Fingerprint() {
    }

    /** The fingerprint of these local migrations, in any order. */
    public static String of(List<Migration> local) {
        List<Migration> counted = new ArrayList<>(local.size());
        for (Migration m : local) {
            if (m.type() != MigrationType.UNDO) {
                counted.add(m);
            }
        }
        // A scan's order is this order unless Java migrations are among the versioned ones: sorted only then.
        if (!isSorted(counted)) {
            counted.sort(ORDER);
        }
        MessageDigest digest = sha256();
        // The lines are encoded a chunk at a time: one string and one array per chunk, not per migration.
        StringBuilder lines = new StringBuilder(CHUNK + 256);
        for (Migration m : counted) {
            appendLine(lines, m);
            if (lines.length() >= CHUNK) {
                digest.update(lines.toString().getBytes(StandardCharsets.UTF_8));
                lines.setLength(0);
            }
        }
        digest.update(lines.toString().getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static boolean isSorted(List<Migration> migrations) {
        for (int i = 1; i < migrations.size(); i++) {
            if (compare(migrations.get(i - 1), migrations.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** By type (in {@link MigrationType}'s order), then version (none first), then description. */
    private static int compare(Migration a, Migration b) {
        int c = a.type().compareTo(b.type());
        return c != 0 ? c : Migration.compareVersionThenDescription(a, b);
    }

    /** One field per migration, separated by a character no field contains. */
    private static void appendLine(StringBuilder lines, Migration m) {
        lines.append(m.type().name()).append('\u0000').append(m.version() == null ? "" : m.version().toString()).append('\u0000')
                .append(m.description()).append('\u0000').append(m.checksum()).append('\n');
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

package dev.lockstep.cli.runas;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Who lockstep runs as: the effective UID and GID from {@code /proc/self/status} (the JDK has no API for them).
 *
 * @param uid the effective user id
 * @param gid the effective group id
 */
public record EffectiveUser(int uid, int gid) {

    public static EffectiveUser current() {
        Path status = Path.of("/proc/self/status");
        try {
            return parse(Files.readAllLines(status));
        } catch (IOException | RuntimeException e) {
            throw new LockstepException(Reason.CONFIGURATION, "exec cannot tell which user it runs as: " + status
                    + " is unreadable (" + e.getMessage() + "). exec needs Linux's /proc to run the app safely.", e);
        }
    }

    /** Reads the {@code Uid:} and {@code Gid:} lines (real, effective, saved, filesystem). */
    static EffectiveUser parse(List<String> statusLines) {
        return new EffectiveUser(field(statusLines, "Uid:"), field(statusLines, "Gid:"));
    }

    private static int field(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key)).map(l -> Integer.parseInt(l.substring(key.length())
                .trim().split("\\s+")[1])).findFirst().orElseThrow(() -> new IllegalArgumentException("no " + key + " line"));
    }

    public boolean isRoot() {
        return uid == 0;
    }

    /** Whether {@code user} is this user, so no switch is needed. */
    public boolean is(AppUser user) {
        return user.uid() == uid && user.gid() == gid;
    }

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}

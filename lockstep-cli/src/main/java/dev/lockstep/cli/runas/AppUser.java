package dev.lockstep.cli.runas;

import java.util.List;
import java.util.Map;

/**
 * The identity {@code exec} starts the app with, resolved from {@code --run-as}. {@link #uid()} and {@link #gid()}
 * are also the owner the volumes must have: {@code --fix-ownership} without {@code --owner} gives them this.
 *
 * @param uid    the user id
 * @param gid    the primary group id
 * @param groups the supplementary groups, the primary group first, as the image's group file lists the user;
 *               empty when they are cleared (a group was given, or the UID has no passwd entry)
 * @param name   the user name from the passwd file; {@code null} when the UID has no entry
 * @param home   the home directory from the passwd file; {@code /} when the UID has no entry
 */
public record AppUser(int uid, int gid, List<Integer> groups, String name, String home) {
    public AppUser {
        groups = List.copyOf(groups);
    }

    /** The owner as {@code chown} writes it: {@code 1001:1001}. */
    public String owner() {
        return uid + ":" + gid;
    }

    public boolean isRoot() {
        return uid == 0;
    }

    /** Whether the supplementary groups come from the group file (otherwise they are cleared). */
    public boolean groupsFromEntry() {
        return !groups.isEmpty();
    }

    /** Sets {@code HOME}, and {@code USER} and {@code LOGNAME} (removed when the UID has no name), for the app. */
    public void applyTo(Map<String, String> environment) {
        environment.put("HOME", home);
        if (name == null) {
            environment.remove("USER");
            environment.remove("LOGNAME");
        } else {
            environment.put("USER", name);
            environment.put("LOGNAME", name);
        }
    }

    @Override
    public String toString() {
        return name == null ? owner() : name + " (" + owner() + ")";
    }
}

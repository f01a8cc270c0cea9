package dev.lockstep.cli.runas;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The user {@code --run-as} names, as written: {@code USER} or {@code USER:GROUP}, each part a number or a name
 * ({@code 1001:1001}, {@code app}, {@code app:staff}). {@link #resolve} turns it into numbers through the
 * image's passwd and group files.
 *
 * @param user  a UID or a user name
 * @param group a GID or a group name; {@code null} when not given (the user's primary group then)
 */
public record UserSpec(String user, String group) {

    /** Reads {@code --run-as}; a malformed value is a usage error (exit 2). */
    public static UserSpec parse(String text) {
        String value = text.strip();
        String[] parts = value.split(":", -1);
        if (value.isEmpty() || parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())
                || value.chars().anyMatch(Character::isWhitespace)) {
            throw new LockstepException(Reason.CONFIGURATION, "--run-as '" + text + "' is not a user: write UID:GID"
                    + " (--run-as 1001:1001), a user name from the image's /etc/passwd (--run-as app) or USER:GROUP.");
        }
        return new UserSpec(parts[0], parts.length == 2 ? parts[1] : null);
    }

    /**
     * The numbers this names. A user given by name must be in the passwd file; a UID that is not there needs its
     * group ({@code 1001:1001}), since there is no entry to take the primary group from. The supplementary
     * groups are those the group file lists the user in, unless a group is given: then there are none.
     */
    public AppUser resolve(UserDatabase users) {
        Optional<UserDatabase.PasswdEntry> entry = isNumber(user) ? users.user(Integer.parseInt(user)) : users.user(user);
        if (entry.isEmpty() && !isNumber(user)) {
            throw new LockstepException(Reason.CONFIGURATION, "--run-as " + this + ": there is no user '" + user
                    + "' in " + users.passwdFile() + ". Create it in the image (useradd, adduser) or give the numbers:"
                    + " --run-as UID:GID.");
        }
        if (entry.isEmpty() && group == null) {
            throw new LockstepException(Reason.CONFIGURATION, "--run-as " + this + ": UID " + user + " has no entry in "
                    + users.passwdFile() + " to take its group from. Give the group too: --run-as " + user + ":GID"
                    + " (often --run-as " + user + ":" + user + ").");
        }
        int uid = entry.map(UserDatabase.PasswdEntry::uid).orElseGet(() -> Integer.parseInt(user));
        String name = entry.map(UserDatabase.PasswdEntry::name).orElse(null);
        String home = entry.map(UserDatabase.PasswdEntry::home).orElse("/");
        if (group != null) {
            return new AppUser(uid, groupId(users), List.of(), name, home);
        }
        int gid = entry.get().gid();
        List<Integer> groups = new ArrayList<>(List.of(gid));
        users.groupsListing(name).stream().filter(g -> !groups.contains(g)).forEach(groups::add);
        return new AppUser(uid, gid, groups, name, home);
    }

    private int groupId(UserDatabase users) {
        if (isNumber(group)) {
            return Integer.parseInt(group);
        }
        return users.group(group).orElseThrow(() -> new LockstepException(Reason.CONFIGURATION, "--run-as " + this
                + ": there is no group '" + group + "' in " + users.groupFile() + ". Create it in the image (groupadd,"
                + " addgroup) or give its number: --run-as " + user + ":GID."));
    }

    private static boolean isNumber(String part) {
        return part.length() <= 9 && part.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    @Override
    public String toString() {
        return group == null ? user : user + ":" + group;
    }
}

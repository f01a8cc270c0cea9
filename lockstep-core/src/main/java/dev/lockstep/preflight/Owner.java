package dev.lockstep.preflight;

/**
 * A numeric owner: {@code UID:GID}, {@code UID} (any group) or {@code :GID} (any user, the OpenShift way of
 * running an arbitrary UID in group 0). A part that is not given is {@link #ANY} and matches every value.
 *
 * @param uid the user id, or {@link #ANY}
 * @param gid the group id, or {@link #ANY}
 */
public record Owner(int uid, int gid) {
    /** A part that was not given. */
    public static final int ANY = -1;

    public Owner {
        if (uid < ANY || gid < ANY || (uid == ANY && gid == ANY)) {
            throw new IllegalArgumentException("an owner needs a UID, a GID or both, each 0 or more");
        }
    }

    /** Reads {@code 1001:1001}, {@code 1001} or {@code :0}; names are not looked up (volumes outlive /etc/passwd). */
    public static Owner parse(String text) {
        String value = text.strip();
        int colon = value.indexOf(':');
        String user = colon < 0 ? value : value.substring(0, colon);
        String group = colon < 0 ? "" : value.substring(colon + 1);
        try {
            return new Owner(user.isEmpty() ? ANY : number(user), group.isEmpty() ? ANY : number(group));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an owner; write it as UID:GID (1001:1001),"
                    + " UID (1001) or :GID (:0), with numbers, not names", e);
        }
    }

    private static int number(String part) {
        if (!part.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a number: " + part);
        }
        return Integer.parseInt(part);
    }

    /** Whether a file owned by {@code fileUid:fileGid} has this owner. */
    public boolean matches(int fileUid, int fileGid) {
        return (uid == ANY || uid == fileUid) && (gid == ANY || gid == fileGid);
    }

    /** The form {@code chown} takes: {@code 1001:1001}, {@code 1001} or {@code :0}. */
    @Override
    public String toString() {
        return (uid == ANY ? "" : Integer.toString(uid)) + (gid == ANY ? "" : ":" + gid);
    }
}

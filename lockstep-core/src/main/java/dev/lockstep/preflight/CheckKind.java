package dev.lockstep.preflight;

/** What a check looked at; {@link #id()} is the stable name in JSON output. */
public enum CheckKind {
    DIRECTORY("directory", "exists and is a directory"),
    OWNERSHIP_FIX("ownership-fix", "ownership fix"),
    OWNER("owner", "owner"),
    WRITE("write", "create, write, fsync, rename, delete"),
    WORLD_WRITABLE("world-writable", "no world-writable directories"),
    FREE_SPACE("free-space", "free space");

    private final String id;
    private final String title;

    CheckKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    /** A few words for a column of text output. */
    public String title() {
        return title;
    }
}

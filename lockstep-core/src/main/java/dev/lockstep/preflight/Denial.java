package dev.lockstep.preflight;

import java.io.IOException;

/** Why the kernel refused a write, read from the error the JDK made of its errno. */
enum Denial {
    /** EROFS: the mount or the file system is read-only; no owner or mode change helps. */
    READ_ONLY,
    /** EACCES or EPERM: owner and mode, or a security module, or an ACL. */
    ACCESS_DENIED,
    /** ENOSPC or EDQUOT. */
    NO_SPACE,
    /** Anything else: the message says what. */
    OTHER;

    static Denial of(IOException error) {
        String reason = IoErrors.reason(error);
        if (reason.contains("read-only file system")) {
            return READ_ONLY;
        }
        if (reason.contains("permission denied") || reason.contains("operation not permitted")) {
            return ACCESS_DENIED;
        }
        if (reason.contains("no space left") || reason.contains("quota exceeded")) {
            return NO_SPACE;
        }
        return OTHER;
    }
}

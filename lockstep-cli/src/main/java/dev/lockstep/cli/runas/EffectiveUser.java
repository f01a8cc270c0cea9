package dev.lockstep.cli.runas;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.preflight.ProcessIdentity;

/**
 * Who lockstep runs as: the effective UID and GID, as the preflight reads them ({@link ProcessIdentity}).
 *
 * @param uid the effective user id
 * @param gid the effective group id
 */
public record EffectiveUser(int uid, int gid) {

    public static EffectiveUser current() {
        try {
            ProcessIdentity identity = ProcessIdentity.current();
            return new EffectiveUser(identity.uid(), identity.gid());
        } catch (IllegalStateException e) {
            throw new LockstepException(Reason.CONFIGURATION, "exec cannot tell which user it runs as: " + e.getMessage()
                    + ". exec needs Linux's /proc to run the app safely.", e);
        }
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

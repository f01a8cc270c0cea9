package dev.lockstep.cli.runas;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides, before {@code exec} migrates, which user its app runs as, and refuses what would go wrong later:
 * <ul>
 *   <li>root without {@code --run-as}: refused unless {@code --allow-root}, since an app left running as root
 *       is the silent failure of hand-written entrypoints;</li>
 *   <li>{@code --run-as root}: also needs {@code --allow-root};</li>
 *   <li>{@code --run-as} while not root: only lockstep's own user can be named, since no other can be switched to;</li>
 *   <li>root with {@code --run-as}: needs a {@link Switcher} on the PATH, found now rather than after migrating.</li>
 * </ul>
 * Every refusal is a configuration error (exit 2) that says what to do.
 */
public final class RunAsPolicy {
    private final EffectiveUser self;
    private final UserDatabase users;
    private final Supplier<SwitcherFinder> finder;

    public RunAsPolicy(EffectiveUser self, UserDatabase users, Supplier<SwitcherFinder> finder) {
        this.self = self;
        this.users = users;
        this.finder = finder;
    }

    /** @param spec {@code --run-as}, or {@code null} when not given */
    public AppLaunch decide(UserSpec spec, boolean allowRoot) {
        if (spec == null) {
            if (self.isRoot() && !allowRoot) {
                throw refusal("lockstep runs as root, and exec would start the app as root.");
            }
            return AppLaunch.asItself();
        }
        AppUser user = spec.resolve(users);
        if (user.isRoot() && !allowRoot) {
            throw refusal("--run-as " + spec + " is root (UID 0).");
        }
        if (self.is(user)) {
            return new AppLaunch(user, null);
        }
        if (!self.isRoot()) {
            throw new LockstepException(Reason.CONFIGURATION, "--run-as " + spec + ": lockstep runs as " + self
                    + ", not as root, so it cannot start the app as " + user + ". Either start the container as root"
                    + " and keep --run-as (lockstep drops to that user for the app), or start it as " + user.owner()
                    + " (docker run --user " + user.owner() + ", Kubernetes securityContext.runAsUser) and drop --run-as.");
        }
        return new AppLaunch(user, switcher(user));
    }

    private Switcher switcher(AppUser user) {
        SwitcherFinder search = finder.get();
        Optional<Switcher> found = search.find();
        if (found.isPresent()) {
            return found.get();
        }
        String skipped = search.skipped().isEmpty() ? "" : " (" + String.join("; ", search.skipped()) + ")";
        throw new LockstepException(Reason.CONFIGURATION, "exec cannot start the app as " + user + ": none of"
                + " setpriv, su-exec or gosu is on the PATH (" + search.path() + ")" + skipped + ", and the JVM cannot"
                + " change its own user. Install " + SwitcherFinder.INSTALL_HINT + " in the image, or start the"
                + " container as " + user.owner() + " and drop --run-as. Nothing was migrated.");
    }

    private static LockstepException refusal(String what) {
        return new LockstepException(Reason.CONFIGURATION, what + " Name the app's user: --run-as UID:GID"
                + " (--run-as 1001:1001) or a user from the image's /etc/passwd (--run-as app), also LOCKSTEP_RUN_AS;"
                + " or start the container as that user (docker run --user 1001:1001, Kubernetes"
                + " securityContext.runAsUser). To run the app as root anyway, pass --allow-root.");
    }
}

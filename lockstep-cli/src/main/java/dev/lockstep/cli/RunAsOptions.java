package dev.lockstep.cli;

import dev.lockstep.cli.runas.AppLaunch;
import dev.lockstep.cli.runas.EffectiveUser;
import dev.lockstep.cli.runas.RunAsPolicy;
import dev.lockstep.cli.runas.SwitcherFinder;
import dev.lockstep.cli.runas.UserDatabase;
import dev.lockstep.cli.runas.UserSpec;
import picocli.CommandLine.Option;

/** Which user {@code exec}'s app runs as ({@code --user} is the database's user, not this). */
final class RunAsOptions {
    @Option(names = "--run-as", paramLabel = "UID:GID|USER", description = "Start the app as this user: UID:GID,"
            + " or a user (USER[:GROUP]) from the image's /etc/passwd, with its HOME and groups. lockstep itself"
            + " keeps the user it was started with (root, to fix volumes) and switches through setpriv, su-exec"
            + " or gosu, whichever the image has.")
    String runAs;

    @Option(names = "--allow-root", description = "Let the app run as root. Without it, exec started as root refuses"
            + " to start the app unless --run-as names another user.")
    boolean allowRoot;

    /** Resolves {@code --run-as} and checks it can be honoured; call it before the database is touched. */
    AppLaunch decide() {
        RunAsPolicy policy = new RunAsPolicy(EffectiveUser.current(), UserDatabase.system(),
                () -> new SwitcherFinder(System.getenv("PATH")));
        return policy.decide(runAs == null ? null : UserSpec.parse(runAs), allowRoot);
    }
}

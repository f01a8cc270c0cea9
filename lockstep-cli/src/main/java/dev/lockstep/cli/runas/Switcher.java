package dev.lockstep.cli.runas;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A program that, started as root, switches to another user and {@code exec}s the app in its own place: the app
 * keeps the switcher's pid, so lockstep's signals and the exit code reach the app itself. The JVM cannot change
 * its own user, so {@code exec --run-as} starts the app through one of these.
 */
public sealed interface Switcher {
    /** The executable found on the PATH. */
    Path executable();

    /** The command that runs {@code app} as {@code user}. */
    List<String> command(AppUser user, List<String> app);

    /** Its name, as the PATH knows it. */
    default String name() {
        return executable().getFileName().toString();
    }

    /**
     * util-linux {@code setpriv} (Debian, Ubuntu, Red Hat; Alpine's {@code setpriv} package): sets exactly the
     * resolved UID, GID and supplementary groups, and empties the inheritable capabilities.
     */
    record Setpriv(Path executable) implements Switcher {
        @Override
        public List<String> command(AppUser user, List<String> app) {
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--reuid=" + user.uid(),
                    "--regid=" + user.gid(), user.groupsFromEntry() ? "--groups=" + user.groups().stream()
                            .map(String::valueOf).collect(Collectors.joining(",")) : "--clear-groups",
                    "--inh-caps=-all", "--"));
            command.addAll(app);
            return command;
        }
    }

    /**
     * {@code su-exec} (Alpine) or {@code gosu}: both take {@code USER[:GROUP]} and read the same passwd and group
     * files. Given the user's name, they take the supplementary groups from the group file; given
     * {@code UID:GID}, they keep only that group, as {@link UserSpec#resolve} does.
     */
    record UserSpecSwitcher(Path executable) implements Switcher {
        @Override
        public List<String> command(AppUser user, List<String> app) {
            List<String> command = new ArrayList<>(List.of(executable.toString(),
                    user.groupsFromEntry() ? user.name() : user.owner()));
            command.addAll(app);
            return command;
        }
    }
}

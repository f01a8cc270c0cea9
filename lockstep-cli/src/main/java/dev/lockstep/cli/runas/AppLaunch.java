package dev.lockstep.cli.runas;

import java.util.List;
import java.util.Optional;

/**
 * How {@code exec} starts the app: as lockstep's own user, or as {@code --run-as}'s user through a
 * {@link Switcher}. Decided by {@link RunAsPolicy} before anything else runs.
 *
 * @param user     the user {@code --run-as} named; {@code null} without it
 * @param switcher the program that switches to {@code user}; {@code null} when lockstep already is that user
 */
public record AppLaunch(AppUser user, Switcher switcher) {

    /** The app as lockstep's own user, environment unchanged. */
    public static AppLaunch asItself() {
        return new AppLaunch(null, null);
    }

    /** The {@code --run-as} user: what {@code --fix-ownership} without {@code --owner} defaults to. */
    public Optional<AppUser> runAs() {
        return Optional.ofNullable(user);
    }

    /** The process to start for {@code app}: the command, wrapped by the switcher, and the user's HOME. */
    public ProcessBuilder builder(List<String> app) {
        ProcessBuilder builder = new ProcessBuilder(switcher == null ? app : switcher.command(user, app));
        if (user != null) {
            user.applyTo(builder.environment());
        }
        return builder;
    }

    /** For the log: {@code as app (1001:1001) through setpriv}, or nothing. */
    public String describe() {
        if (user == null) {
            return "";
        }
        return " as " + user + (switcher == null ? "" : " through " + switcher.name());
    }
}

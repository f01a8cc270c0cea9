package dev.lockstep.cli.runas;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a {@link Switcher} on the PATH: {@code setpriv} first, then {@code su-exec}, then {@code gosu}. A
 * {@code setpriv} that cannot set users (busybox's applet only sets capabilities) is passed over, and
 * {@link #skipped()} says so.
 */
public final class SwitcherFinder {
    /** What to install when none is found. */
    public static final String INSTALL_HINT = "util-linux's setpriv (Debian, Ubuntu: apt-get install util-linux,"
            + " which their images already have; Red Hat: dnf install util-linux; Alpine: apk add setpriv), su-exec"
            + " (apk add su-exec) or gosu";

    private final String path;
    private final List<String> skipped = new ArrayList<>();

    /** @param path the PATH to search, directories separated by {@code :} */
    public SwitcherFinder(String path) {
        this.path = path == null ? "" : path;
    }

    public Optional<Switcher> find() {
        Optional<Path> setpriv = onPath("setpriv");
        if (setpriv.isPresent()) {
            if (setsUsers(setpriv.get())) {
                return Optional.of(new Switcher.Setpriv(setpriv.get()));
            }
            skipped.add(setpriv.get() + " cannot set users (it has no --reuid: busybox's applet?)");
        }
        return onPath("su-exec").or(() -> onPath("gosu")).map(Switcher.UserSpecSwitcher::new);
    }

    /** Why programs on the PATH were not used, for the error when none is. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    public String path() {
        return path;
    }

    private Optional<Path> onPath(String name) {
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean setsUsers(Path setpriv) {
        try {
            Process help = new ProcessBuilder(setpriv.toString(), "--help").redirectErrorStream(true).start();
            String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            help.waitFor(5, TimeUnit.SECONDS);
            return text.contains("--reuid");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

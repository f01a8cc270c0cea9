package dev.lockstep.cli;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader of {@code --classpath}: the jars and class folders of the user's Java migrations, in front of the
 * command line's own jar as their parent, so a migration's {@code dev.lockstep.migration.JavaMigration} is the very
 * interface lockstep calls, and its JDBC calls reach the bundled drivers through {@code java.sql}.
 */
final class MigrationClasspath {
    private MigrationClasspath() {
    }

    /** @throws LockstepException {@link Reason#CONFIGURATION} for an entry that is missing or not a jar or folder */
    static ClassLoader loader(List<String> entries, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        for (String given : entries) {
            for (String entry : given.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.addAll(urls(entry.strip()));
                }
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }

    private static List<URL> urls(String entry) {
        boolean everyJar = entry.endsWith("/*") || entry.endsWith(File.separator + "*");
        Path path = Path.of(everyJar ? entry.substring(0, entry.length() - 2) : entry);
        if (!Files.exists(path)) {
            throw invalid(entry, "does not exist (looked for " + path.toAbsolutePath() + ")");
        }
        try {
            if (everyJar) {
                if (!Files.isDirectory(path)) {
                    throw invalid(entry, "is not a folder, so '/*' (every jar in it) means nothing");
                }
                try (Stream<Path> files = Files.list(path)) {
                    List<URL> jars = new ArrayList<>();
                    for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                        jars.add(jar.toUri().toURL());
                    }
                    return jars;
                }
            }
            if (!Files.isDirectory(path) && !path.getFileName().toString().endsWith(".jar")) {
                throw invalid(entry, "is neither a jar nor a folder of classes");
            }
            return List.of(path.toUri().toURL());
        } catch (MalformedURLException e) {
            throw invalid(entry, "cannot be made a URL: " + e.getMessage());
        } catch (IOException e) {
            throw invalid(entry, "cannot be listed: " + e.getMessage());
        }
    }

    private static LockstepException invalid(String entry, String problem) {
        return new LockstepException(Reason.CONFIGURATION, "--classpath entry '" + entry + "' " + problem
                + ". Give jars, folders of classes, or folder/* for every jar in a folder.");
    }
}

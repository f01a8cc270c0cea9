package dev.lockstep.testing;

import dev.lockstep.migration.JavaMigration;

import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds a jar of Java migrations as a user's build would: the sources compiled by the JDK's {@code javac} against
 * lockstep-core, and the classes written with an entry for every folder (as Maven, Gradle and {@code jar} do).
 */
public final class JavaMigrations {
    private JavaMigrations() {
    }

    /** The backfill tests' V3 in Java: backfill 1 runs {@link Backfills}' bounded UPDATE, pausing after each batch. */
    public static String backfill(TestDatabase.Kind kind, String className, int pauseMs) {
        return """
                package db.migration;

                import dev.lockstep.migration.Context;
                import dev.lockstep.migration.JavaMigration;
                import java.sql.PreparedStatement;
                import java.time.Duration;

                public class %s implements JavaMigration {
                    @Override
                    public boolean canExecuteInTransaction() {
                        return false;
                    }

                    @Override
                    public void migrate(Context context) throws Exception {
                        context.backfill(connection -> {
                            try (PreparedStatement update = connection.prepareStatement("%s")) {
                                return update.executeUpdate();
                            }
                        }, Duration.ofMillis(%d), 0);
                    }
                }
                """.formatted(className, Backfills.bounded(kind), pauseMs);
    }

    /**
     * Compiles {@code sources} (simple class name to source, all in package {@code db.migration}) and writes them, with
     * {@code resources} (path in the jar to text), into {@code jar}.
     */
    public static Path jar(Path jar, Map<String, String> sources, Map<String, String> resources) throws Exception {
        Path work = Files.createTempDirectory(jar.getParent(), "javac");
        Path src = Files.createDirectories(work.resolve("src/db/migration"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--release", "17", "-nowarn", "-cp", coreClasses().toString(), "-d", classes.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey() + ".java");
            Files.writeString(file, source.getValue());
            command.add(file.toString());
        }
        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(javac.getInputStream().readAllBytes());
        if (!javac.waitFor(120, TimeUnit.SECONDS) || javac.exitValue() != 0) {
            throw new AssertionError("javac failed: " + output);
        }
        Map<String, byte[]> entries = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                entries.put(classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        resources.forEach((path, text) -> entries.put(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            java.util.Set<String> folders = new java.util.TreeSet<>();
            for (String name : entries.keySet()) {
                for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                    folders.add(name.substring(0, slash + 1));
                }
            }
            for (String folder : folders) {
                jarOut.putNextEntry(new JarEntry(folder));
                jarOut.closeEntry();
            }
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jarOut.putNextEntry(new JarEntry(entry.getKey()));
                jarOut.write(entry.getValue());
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    /** Where lockstep-core's classes are: its {@code target/classes} or its jar. */
    public static Path coreClasses() throws URISyntaxException {
        return Path.of(JavaMigration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

}

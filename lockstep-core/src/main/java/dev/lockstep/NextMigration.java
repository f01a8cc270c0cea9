package dev.lockstep;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.result.Version;
import dev.lockstep.source.FileRole;
import dev.lockstep.source.MalformedNameException;
import dev.lockstep.source.MigrationFileName;
import dev.lockstep.source.ParsedName;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The names of the migration {@code lockstep new} writes: the next whole version after the highest
 * in the folder ({@code 1.2} and {@code 1} are followed by {@code 2}), in the style of the newest
 * migration there unless one is asked for.
 *
 * @param version  the new version
 * @param upName   the versioned file's name
 * @param downName its undo file's name
 */
record NextMigration(String version, String upName, String downName) {

    /** @param upDown the style asked for, or null to follow the folder */
    static NextMigration in(Path folder, String description, Boolean upDown) {
        String name = description.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (name.isEmpty()) {
            throw new LockstepException(Reason.CONFIGURATION, "The description '" + description + "' has no letters or"
                    + " digits to name the file with; describe the change, such as: add customer email.");
        }
        Map<String, Version> existing = versions(folder);
        String newest = existing.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        boolean useUpDown = upDown != null ? upDown : !newest.isEmpty() && Character.isDigit(newest.charAt(0));
        String version = existing.values().stream().max(Comparator.naturalOrder())
                .map(v -> new BigInteger(v.toString().split("[._]")[0]).add(BigInteger.ONE).toString())
                .orElse("1");
        return useUpDown
                ? new NextMigration(version, version + "_" + name + ".up.sql", version + "_" + name + ".down.sql")
                : new NextMigration(version, "V" + version + "__" + name + ".sql", "U" + version + "__" + name + ".sql");
    }

    /** File name to version of every well-named migration with a version under {@code folder}. */
    private static Map<String, Version> versions(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Map.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<String> names = walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> MigrationFileName.roleOf(n) == FileRole.MIGRATION).toList();
            return names.stream().map(NextMigration::parse).filter(p -> p != null && p.name().version() != null)
                    .collect(Collectors.toMap(Named::file, p -> p.name().version(), (a, b) -> a));
        } catch (IOException e) {
            throw new LockstepException(Reason.CONFIGURATION, "Cannot read the folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private record Named(String file, ParsedName name) {
    }

    private static Named parse(String file) {
        try {
            return MigrationFileName.parse(file).map(n -> new Named(file, n)).orElse(null);
        } catch (MalformedNameException e) {
            return null;
        }
    }
}

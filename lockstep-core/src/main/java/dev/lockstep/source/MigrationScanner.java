package dev.lockstep.source;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Finds the migrations in a list of locations: folders ({@code db/migration},
 * {@code filesystem:/srv/migrations}) and classpath folders ({@code classpath:db/migration}, in
 * resource folders and in jars). Folders are scanned recursively; a migration's identity is its
 * file name alone, so its sub-folder does not matter and two files with one version in two
 * sub-folders are duplicates. A classpath folder's classes named like versioned migrations
 * ({@code db/migration/V7__Backfill_emails.class}) are Java migrations, loaded through the class loader.
 *
 * <p>A location that is missing or cannot be read is a configuration error (exit code 2), reported
 * at once. Problems with the files themselves (exit code 5) are all gathered into one error.
 */
public final class MigrationScanner {
    private final ClassLoader classLoader;

    /** @param classLoader resolves {@code classpath:} locations */
    public MigrationScanner(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Same as {@link #scan(List)}. */
    public ScanResult scan(String... locations) {
        return scan(Arrays.asList(locations));
    }

    /**
     * Scans the locations, in the order given; a location given twice is scanned once.
     *
     * @throws LockstepException {@link Reason#CONFIGURATION} when no location is given or one is invalid,
     *                           missing or unreadable; {@link Reason#INVALID_MIGRATIONS} listing every
     *                           malformed name, non-UTF-8 file and duplicate
     */
    public ScanResult scan(List<String> locations) {
        if (locations.isEmpty()) {
            throw new LockstepException(Reason.CONFIGURATION,
                    "No migration location is set. Give at least one, such as db/migration or classpath:db/migration.");
        }
        // Every location is checked before any is read, so a typo in the last one fails fast.
        List<MigrationLocation> parsed = new LinkedHashSet<>(locations).stream().map(MigrationLocation::parse).toList();
        ScanCollector collector = new ScanCollector(classLoader);
        for (MigrationLocation location : parsed) {
            FoundFileSink sink = collector.sinkFor(location);
            switch (location.kind()) {
                case FILESYSTEM -> FolderWalker.walk(existingFolder(location), location.text(), sink);
                case CLASSPATH -> ClasspathLister.list(location, classLoader, sink);
            }
        }
        return collector.result();
    }

    private static Path existingFolder(MigrationLocation location) {
        Path folder;
        try {
            folder = Path.of(location.path());
        } catch (InvalidPathException e) {
            throw new LockstepException(Reason.CONFIGURATION, "Migration location '" + location.text()
                    + "' is not a valid path: " + e.getMessage() + ". Fix the location.", e);
        }
        if (!Files.exists(folder)) {
            throw new LockstepException(Reason.CONFIGURATION, "Migration location '" + location.text()
                    + "' does not exist (looked for " + folder.toAbsolutePath() + "). Create the folder, or fix the"
                    + " location; relative locations are resolved from the working directory.");
        }
        if (!Files.isDirectory(folder)) {
            throw new LockstepException(Reason.CONFIGURATION, "Migration location '" + location.text()
                    + "' is a file, not a folder. Give the folder that holds the migrations.");
        }
        return folder;
    }
}

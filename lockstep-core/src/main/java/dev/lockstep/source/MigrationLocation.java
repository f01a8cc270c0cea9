package dev.lockstep.source;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where migrations are looked for, as the user wrote it: a folder ({@code db/migration},
 * {@code filesystem:db/migration}) or a classpath folder ({@code classpath:db/migration}).
 *
 * @param kind where {@code path} is resolved
 * @param path the folder: a file-system path, or a resource name without a leading {@code /}
 * @param text the location exactly as given, the prefix of every path shown to the user
 */
public record MigrationLocation(Kind kind, String path, String text) {
    public static final String CLASSPATH_PREFIX = "classpath:";
    public static final String FILESYSTEM_PREFIX = "filesystem:";

    // Two or more letters before a colon: a scheme. One letter is a Windows drive (C:\db).
    private static final Pattern OTHER_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    /** How a location's path is resolved. */
    public enum Kind {
        FILESYSTEM,
        CLASSPATH
    }

    public MigrationLocation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Reads a location.
     *
     * @throws LockstepException {@link Reason#CONFIGURATION} for an empty location, an empty
     *                           classpath folder, or a prefix other than {@code filesystem:} and
     *                           {@code classpath:}
     */
    public static MigrationLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text == null ? "" : text, "it is empty");
        }
        if (text.startsWith(CLASSPATH_PREFIX)) {
            String path = trimSlashes(text.substring(CLASSPATH_PREFIX.length()));
            if (path.isEmpty()) {
                // Scanning the whole classpath would pick up every .sql file of every library.
                throw invalid(text, "a classpath location needs a folder");
            }
            return new MigrationLocation(Kind.CLASSPATH, path, text);
        }
        if (text.startsWith(FILESYSTEM_PREFIX)) {
            String path = text.substring(FILESYSTEM_PREFIX.length());
            if (path.isEmpty()) {
                throw invalid(text, "a filesystem location needs a folder");
            }
            return new MigrationLocation(Kind.FILESYSTEM, path, text);
        }
        if (OTHER_SCHEME.matcher(text).matches()) {
            throw invalid(text, "unknown prefix '" + text.substring(0, text.indexOf(':') + 1) + "'");
        }
        return new MigrationLocation(Kind.FILESYSTEM, text, text);
    }

    /** The path shown for a file found under this location: the location as given, then the relative path. */
    public String displayPath(String relativePath) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '/') {
            end--;
        }
        return text.substring(0, end) + "/" + relativePath;
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    private static LockstepException invalid(String text, String problem) {
        return new LockstepException(Reason.CONFIGURATION, "Invalid migration location '" + text + "': " + problem
                + ". Write a folder (db/migration), filesystem:<folder> or classpath:<folder> (classpath:db/migration).");
    }
}

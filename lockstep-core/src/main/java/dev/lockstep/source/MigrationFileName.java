package dev.lockstep.source;

import dev.lockstep.model.Callback;

import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a migration's file name: pure, no file system.
 *
 * <p>Two styles are accepted, mixable in one location: Flyway's {@code V1__add_users.sql},
 * {@code U1__add_users.sql} and {@code R__views.sql}, and golang-migrate's
 * {@code 1_add_users.up.sql} and {@code 1_add_users.down.sql}.
 *
 * <p>A name that looks like a migration but does not parse is an error, never ignored: a typo such
 * as {@code V1_init.sql} must not silently drop a migration from a deployment. A name looks like a
 * migration when it contains {@code .sql} (in any case) and either starts with a digit, or starts
 * with {@code V}, {@code U} or {@code R} (either case) followed by a digit or {@code _}, or starts
 * with an upper-case {@code V}, {@code U} or {@code R} and contains {@code __} ({@code Vx__y.sql}).
 * The price of the last rule is that a file such as {@code Users__seed.sql} must be renamed.
 */
public final class MigrationFileName {
    /** The longest version the history's {@code version} column holds, on every database. */
    public static final int MAX_VERSION_LENGTH = 128;
    /** The reserved callback file names: never migrations, never reported as ignored. */
    public static final List<String> CALLBACK_NAMES = Callback.EVENTS.stream().map(event -> event + ".sql").toList();

    private static final String SQL = ".sql";
    private static final String UP = ".up.sql";
    private static final String DOWN = ".down.sql";
    private static final String UP_DOWN_FORM = "<version>_<description>.up.sql or <version>_<description>.down.sql";
    private static final Pattern UP_DOWN_VERSION = Pattern.compile("\\d+(\\.\\d+)*");

    private MigrationFileName() {
    }

    /** What the name makes the file; {@code fileName} is a bare name, without folders. */
    public static FileRole roleOf(String fileName) {
        if (CALLBACK_NAMES.contains(fileName)) {
            return FileRole.CALLBACK;
        }
        // Matched in place as the lower-cased name would match: lower-casing every name was an allocation per file
        // on every start.
        if (containsSql(fileName) && looksLikeMigration(fileName)) {
            return FileRole.MIGRATION;
        }
        return fileName.length() >= SQL.length() && isSqlAt(fileName, fileName.length() - SQL.length())
                ? FileRole.IGNORED : FileRole.OTHER;
    }

    private static boolean containsSql(String fileName) {
        for (int i = fileName.length() - SQL.length(); i >= 0; i--) {
            if (isSqlAt(fileName, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code .sql} in any case starts at {@code i}: what {@code toLowerCase(Locale.ROOT)} would find there. Only
     * the ASCII letters lower-case to {@code s}, {@code q} and {@code l} (unlike a case-insensitive
     * {@code regionMatches}, which also takes the long s, {@code ſ}, for an {@code s}).
     */
    private static boolean isSqlAt(String name, int i) {
        return name.charAt(i) == '.' && (name.charAt(i + 1) | 0x20) == 's' && (name.charAt(i + 2) | 0x20) == 'q'
                && (name.charAt(i + 3) | 0x20) == 'l';
    }

    /**
     * Parses a bare file name.
     *
     * @return the parsed name, or empty when the name is not a migration's (see {@link #roleOf})
     * @throws MalformedNameException when the name looks like a migration but does not parse
     */
    public static Optional<ParsedName> parse(String fileName) {
        if (roleOf(fileName) != FileRole.MIGRATION) {
            return Optional.empty();
        }
        return Optional.of(parseMigration(fileName));
    }

    /**
     * {@link #parse} of a name whose {@link #roleOf role} is known to be {@link FileRole#MIGRATION}: the scan has
     * asked already.
     *
     * @throws MalformedNameException as {@link #parse}
     */
    static ParsedName parseMigration(String fileName) {
        return isDigit(fileName.charAt(0)) ? parseUpDown(fileName) : parseFlyway(fileName);
    }

    private static boolean looksLikeMigration(String name) {
        char first = name.charAt(0);
        if (isDigit(first)) {
            return true;
        }
        if ("VURvur".indexOf(first) < 0) {
            return false;
        }
        boolean versionOrSeparatorNext = name.length() > 1 && (isDigit(name.charAt(1)) || name.charAt(1) == '_');
        return versionOrSeparatorNext || (Character.isUpperCase(first) && name.contains("__"));
    }

    /**
     * Whether a class's simple name looks like a Java migration's: {@code V} then a digit or {@code _}, or {@code V}
     * and {@code __} anywhere, the rule {@link #roleOf} applies to a file's name; or {@code R__} or {@code U} and a
     * digit, which are refused by {@link #parseClassName} with a reason.
     */
    public static boolean looksLikeJavaMigration(String simpleName) {
        return !simpleName.isEmpty() && "VUR".indexOf(simpleName.charAt(0)) >= 0 && looksLikeMigration(simpleName);
    }

    /**
     * Parses a Java migration's simple class name, {@code V7__Backfill_emails}: a version ({@code V1_1__x} is 1.1) and
     * a description, as a file name without its {@code .sql}.
     *
     * @return the parsed name, of type {@link MigrationType#JAVA}
     * @throws MalformedNameException when the name looks like a migration ({@link #looksLikeJavaMigration}) but does
     *                                not parse, or names a repeatable or undo migration, which Java cannot be (yet)
     */
    public static ParsedName parseClassName(String simpleName) {
        String form = "V<version>__<description> (a class such as db.migration.V7__Backfill_emails)";
        char prefix = simpleName.charAt(0);
        if (prefix != 'V') {
            throw malformed(simpleName, (prefix == 'R' ? "a repeatable" : "an undo") + " migration cannot be a Java"
                    + " class (only versioned ones can); write it as a .sql file, or rename the class", form);
        }
        ParsedName name = parseFlywayBase(simpleName, simpleName.substring(1), form);
        // A class name holds no dot, so its underscores separate the version's parts: V1_1__x is version 1.1.
        return new ParsedName(MigrationType.JAVA, Version.parse(name.version().toString().replace('_', '.')),
                name.description());
    }

    private static ParsedName parseFlyway(String name) {
        char prefix = name.charAt(0);
        char upper = Character.toUpperCase(prefix);
        String form = upper == 'R' ? "R__<description>.sql" : upper + "<version>__<description>.sql";
        if (prefix != upper) {
            throw malformed(name, "the prefix '" + prefix + "' must be upper-case '" + upper + "'", form);
        }
        return parseFlywayBase(name, withoutSqlSuffix(name, form).substring(1), form);
    }

    /** {@code rest} is the name without its prefix letter and suffix. */
    private static ParsedName parseFlywayBase(String name, String rest, String form) {
        char prefix = name.charAt(0);
        if (prefix == 'R') {
            if (!rest.startsWith("__")) {
                String problem = rest.startsWith("_") ? "needs two underscores after 'R'" : "a repeatable migration has no version";
                throw malformed(name, problem, form);
            }
            return new ParsedName(MigrationType.REPEATABLE, null, describe(rest.substring(2)));
        }
        int separator = rest.indexOf("__");
        if (separator < 0) {
            throw malformed(name, "needs two underscores between the version and the description", form);
        }
        String version = rest.substring(0, separator);
        if (version.isEmpty()) {
            throw malformed(name, "the version is missing", form);
        }
        if (!Version.isValid(version)) {
            throw malformed(name, "'" + version + "' is not a version (digits, parts separated by '.' or '_')", form);
        }
        requireFitsHistory(name, version, form);
        MigrationType type = prefix == 'V' ? MigrationType.SQL : MigrationType.UNDO;
        return new ParsedName(type, Version.parse(version), describe(rest.substring(separator + 2)));
    }

    private static ParsedName parseUpDown(String name) {
        MigrationType type;
        String base;
        if (name.endsWith(UP)) {
            type = MigrationType.SQL;
            base = name.substring(0, name.length() - UP.length());
        } else if (name.endsWith(DOWN)) {
            type = MigrationType.UNDO;
            base = name.substring(0, name.length() - DOWN.length());
        } else {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(UP) || lower.endsWith(DOWN)) {
                throw malformed(name, "the suffix must be lower-case '.up.sql' or '.down.sql'", UP_DOWN_FORM);
            }
            if (lower.endsWith(SQL)) {
                throw malformed(name, "a name that starts with a digit must end with '.up.sql' or '.down.sql'", UP_DOWN_FORM);
            }
            throw malformed(name, notSqlProblem(), UP_DOWN_FORM);
        }
        Matcher version = UP_DOWN_VERSION.matcher(base);
        version.lookingAt();
        String rest = base.substring(version.end());
        if (rest.isEmpty()) {
            throw malformed(name, "has no description", UP_DOWN_FORM);
        }
        if (rest.charAt(0) != '_') {
            throw malformed(name, "the version '" + version.group() + "' must be followed by '_' and the description"
                    + " (digits, parts separated by '.')", UP_DOWN_FORM);
        }
        requireFitsHistory(name, version.group(), UP_DOWN_FORM);
        return new ParsedName(type, Version.parse(version.group()), describe(rest.substring(1)));
    }

    /** The history keeps a version as written, in a column of {@value #MAX_VERSION_LENGTH} characters. */
    private static void requireFitsHistory(String name, String version, String form) {
        if (version.length() > MAX_VERSION_LENGTH) {
            throw malformed(name, "the version has " + version.length() + " characters, and the history keeps at most "
                    + MAX_VERSION_LENGTH + "; shorten it (a timestamp such as 20240131120000 has 14)", form);
        }
    }

    private static String withoutSqlSuffix(String name, String form) {
        if (name.endsWith(SQL)) {
            return name.substring(0, name.length() - SQL.length());
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(SQL)) {
            throw malformed(name, "the suffix must be lower-case '.sql'", form);
        }
        throw malformed(name, notSqlProblem(), form);
    }

    private static String notSqlProblem() {
        return "does not end with '.sql' (a backup or an editor's copy?): move it out of the migration location or rename it";
    }

    private static String describe(String raw) {
        return raw.replace('_', ' ');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static MalformedNameException malformed(String name, String problem, String form) {
        return new MalformedNameException(name, "not a valid migration name: " + problem + "; expected " + form);
    }
}

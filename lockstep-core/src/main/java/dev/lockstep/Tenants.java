package dev.lockstep;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which tenants a {@link Fleet} runs on: schemas of the configured database (MySQL/MariaDB: databases of the configured
 * server), schemas found by a {@code LIKE} pattern in the catalog when the run starts, or one JDBC URL per tenant. On
 * SQLite a tenant is a file: give the files as names, or as {@code jdbc:sqlite:} URLs. Immutable.
 */
public final class Tenants {
    enum Kind { SCHEMAS, LIKE, URLS }

    private final Kind kind;
    private final List<String> names;
    private final String source;

    private Tenants(Kind kind, List<String> names, String source) {
        this.kind = kind;
        this.names = List.copyOf(names);
        this.source = source;
    }

    /** These schemas (MySQL/MariaDB: databases; SQLite: files), each of which must exist. */
    public static Tenants schemas(List<String> schemas) {
        return new Tenants(Kind.SCHEMAS, requireNames(schemas, "schema"), "the schemas given");
    }

    public static Tenants schemas(String... schemas) {
        return schemas(List.of(schemas));
    }

    /**
     * Every schema (MySQL/MariaDB: database) whose name matches this SQL {@code LIKE} pattern ({@code tenant_%}),
     * read from the catalog when the run starts; system schemas never match. Not for SQLite.
     */
    public static Tenants schemasLike(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new LockstepException(Reason.CONFIGURATION, "Invalid configuration: the schema pattern is empty; give"
                    + " a LIKE pattern such as tenant_%.");
        }
        return new Tenants(Kind.LIKE, List.of(pattern), "schemas like '" + pattern + "'");
    }

    /** One JDBC URL per tenant ({@code jdbc:sqlite:tenants/a.db} for SQLite files); user and password are shared. */
    public static Tenants urls(List<String> urls) {
        return new Tenants(Kind.URLS, requireNames(urls, "URL"), "the URLs given");
    }

    /**
     * The lines of a tenants file: one schema (SQLite: one file) or one JDBC URL a line; blank lines and lines
     * starting with {@code #} are skipped; surrounding spaces are not part of a name. A file holds schemas or URLs,
     * not both.
     *
     * @param where the file, for messages
     */
    public static Tenants fromLines(List<String> lines, String where) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        long urls = names.stream().filter(n -> n.startsWith("jdbc:")).count();
        if (urls > 0 && urls < names.size()) {
            throw new LockstepException(Reason.CONFIGURATION, "The tenants file " + where + " mixes JDBC URLs and schema"
                    + " names; give one kind per file: a schema a line, or a jdbc: URL a line.");
        }
        return new Tenants(urls > 0 ? Kind.URLS : Kind.SCHEMAS, names, "the tenants file " + where);
    }

    Kind kind() {
        return kind;
    }

    /** The names, the pattern (one) or the URLs, as given. */
    List<String> names() {
        return names;
    }

    /** What was selected, for messages: {@code schemas like 'tenant_%'}, {@code the tenants file t.txt}. */
    public String describe() {
        return source;
    }

    private static List<String> requireNames(List<String> names, String what) {
        Objects.requireNonNull(names, what + "s");
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new LockstepException(Reason.CONFIGURATION, "Invalid configuration: a " + what + " in the tenant"
                        + " selection is empty; give names separated by commas, without empty entries.");
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return "Tenants[" + source + "]";
    }
}

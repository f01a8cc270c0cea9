package dev.lockstep.db;

import dev.lockstep.error.Secrets;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Reads what lockstep needs from a JDBC URL, and writes it out without secrets. */
public final class JdbcUrl {
    private JdbcUrl() {
    }

    /** The URL with every password-like parameter and user-info password replaced by {@code ****}. */
    public static String redact(String url) {
        return Secrets.redact(url);
    }

    /** The URL without its query string, for messages: {@code jdbc:postgresql://db:5432/app}. */
    public static String display(String url) {
        String redacted = redact(url);
        int query = redacted.indexOf('?');
        return query < 0 ? redacted : redacted.substring(0, query);
    }

    /** {@code postgresql}, {@code mysql}, {@code mariadb} or {@code sqlite}; empty for anything else. */
    public static String scheme(String url) {
        if (url == null || !url.startsWith("jdbc:")) {
            return "";
        }
        String rest = url.substring(5);
        int colon = rest.indexOf(':');
        return (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /**
     * The database file of a {@code jdbc:sqlite:} URL, or empty for an in-memory database.
     * Accepts {@code jdbc:sqlite:app.db}, {@code jdbc:sqlite:/abs/app.db}, {@code jdbc:sqlite:file:app.db?mode=rwc}.
     */
    public static Optional<Path> sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
            if (rest.startsWith("//")) {
                rest = rest.substring(2);
            }
        }
        if (rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":resource:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(rest));
    }

    /**
     * The MariaDB driver accepts {@code jdbc:mysql:} only with {@code permitMysqlScheme}; add it unless
     * MySQL's own driver is present, which owns that scheme.
     */
    public static String forDriver(String url) {
        if (!url.startsWith("jdbc:mysql:") || url.contains("permitMysqlScheme") || mysqlDriverPresent()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
    }

    private static boolean mysqlDriverPresent() {
        try {
            Class.forName("com.mysql.cj.jdbc.Driver", false, JdbcUrl.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Replaces every occurrence of the password in a driver's message; short passwords are left to the URL masking. */
    public static String mask(String message, String password) {
        return Secrets.mask(message, password);
    }

}

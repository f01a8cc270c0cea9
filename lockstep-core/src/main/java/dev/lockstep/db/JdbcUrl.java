package dev.lockstep.db;

import dev.lockstep.error.Secrets;

import java.util.Locale;

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

    /** The scheme after {@code jdbc:}, lower case ({@code postgresql}); empty for {@code null} and what is not a JDBC URL. */
    public static String scheme(String url) {
        if (url == null || !url.startsWith("jdbc:")) {
            return "";
        }
        String rest = url.substring(5);
        int colon = rest.indexOf(':');
        return (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /** Replaces every occurrence of the password in a driver's message; short passwords are left to the URL masking. */
    public static String mask(String message, String password) {
        return Secrets.mask(message, password);
    }

}

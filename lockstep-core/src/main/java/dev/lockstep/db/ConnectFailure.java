package dev.lockstep.db;

import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What a failed connection attempt says about the next one: whether waiting can heal it. The drivers do
 * not agree on SQLStates (pgjdbc reports a refused port and a bogus {@code sslmode} both as 08001, MariaDB
 * Connector/J a malformed URL with no state at all), so the verdict reads the state, the vendor code, the
 * exception types in the cause chain and, last, the drivers' message texts. Anything not recognised heals:
 * a database that is still starting is the common case, and the connect timeout bounds the cost of a
 * wrong guess. See decision 0032.
 */
public enum ConnectFailure {
    /** Refused, unreachable, timed out, starting up or shutting down, too many connections: retry. */
    HEALS,
    /** The URL or a driver property in it cannot be read ({@code sslMode=bogus}, port {@code notaport}). */
    MALFORMED_URL,
    /** No driver on the classpath accepts the URL. */
    NO_DRIVER,
    /** TLS cannot be agreed: the server has none while the client insists, or a certificate is not trusted. */
    TLS,
    /** The server refused the user, the password, or the user's access. */
    CREDENTIALS,
    /** The database named in the URL does not exist. */
    UNKNOWN_DATABASE;

    private static final List<String> MALFORMED_TEXTS = List.of("error parsing url", "unable to parse url",
            "incorrect port value", "wrong argument value", "parameter value must be", "invalid port number");
    private static final List<String> TLS_TEXTS = List.of("ssl not enabled", "does not support ssl",
            "hostnameverifier", "insecure transport are prohibited", "certificate");

    /** Whether retrying the same attempt later can succeed. */
    public boolean heals() {
        return this == HEALS;
    }

    /**
     * @param provider the database connected to, whose driver's own codes say more than the SQLState ({@link
     *                 DatabaseProvider#connectFailure}); {@code null} for an application's data source, when it is not
     *                 known: every provider's codes are read then
     */
    public static ConnectFailure of(SQLException e, DatabaseProvider provider) {
        if (provider == null) {
            for (DatabaseProvider any : Databases.all()) {
                ConnectFailure failure = of(e, any);
                if (failure != HEALS) {
                    return failure;
                }
            }
            return HEALS;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String text = texts(e);
        if (text.startsWith("no suitable driver")) {
            return NO_DRIVER;
        }
        if (has(e, IllegalArgumentException.class) || state.equals("22023") || containsAny(text, MALFORMED_TEXTS)
                || text.matches("(?s).*invalid \\w+ value.*")) {
            return MALFORMED_URL;
        }
        if (has(e, CertificateException.class) || has(e, SSLPeerUnverifiedException.class) || containsAny(text, TLS_TEXTS)) {
            return TLS;
        }
        if (state.startsWith("28")) {
            return CREDENTIALS;
        }
        if (state.equals("3D000")) {
            return UNKNOWN_DATABASE;
        }
        return provider == null ? HEALS : provider.connectFailure(e).orElse(HEALS);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Every message in the cause chain, lower case, one per line. */
    private static String texts(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                all.append(t.getMessage().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        return all.toString();
    }

    private static boolean containsAny(String text, List<String> needles) {
        return needles.stream().anyMatch(text::contains);
    }
}

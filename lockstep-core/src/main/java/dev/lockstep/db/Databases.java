package dev.lockstep.db;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/** The databases lockstep works with: the {@link DatabaseProvider}s found once, and which one a URL or connection is. */
public final class Databases {
    private static final List<DatabaseProvider> PROVIDERS = ServiceLoader
            .load(DatabaseProvider.class, DatabaseProvider.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get).toList();

    private Databases() {
    }

    /** Every provider found, in the order their services were listed. */
    public static List<DatabaseProvider> all() {
        return PROVIDERS;
    }

    /** The provider of a JDBC URL's scheme; empty for a URL no provider connects, and for {@code null}. */
    public static Optional<DatabaseProvider> forUrl(String url) {
        String scheme = JdbcUrl.scheme(url);
        return PROVIDERS.stream().filter(p -> p.urlSchemes().contains(scheme)).findFirst();
    }

    /** {@code jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb: and jdbc:sqlite:}: every scheme, for messages. */
    public static String schemes() {
        return listed(PROVIDERS.stream().flatMap(p -> p.urlSchemes().stream()).map(s -> "jdbc:" + s + ":").toList());
    }

    private static String listed(List<String> items) {
        int last = items.size() - 1;
        return last <= 0 ? String.join("", items) : String.join(", ", items.subList(0, last)) + " and " + items.get(last);
    }

    /**
     * The dialect of a connection, chosen from what the driver says the database is.
     *
     * @param url the JDBC URL lockstep connected with, or {@code null} for an application's data source
     * @throws LockstepException {@link Reason#CONFIGURATION} for a database no provider recognises
     */
    public static Dialect dialectOf(Connection connection, String url, boolean allowNetworkFilesystem, String replicaId)
            throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName();
        String lower = product == null ? "" : product.toLowerCase(Locale.ROOT);
        for (DatabaseProvider provider : PROVIDERS) {
            if (provider.recognizes(lower)) {
                return provider.dialect(connection, url,
                        new DatabaseProvider.DialectOptions(allowNetworkFilesystem, replicaId));
            }
        }
        throw new LockstepException(Reason.CONFIGURATION, "The database is " + product
                + ", which lockstep does not support; it supports "
                + listed(PROVIDERS.stream().map(DatabaseProvider::name).toList()) + ".");
    }
}

package dev.lockstep.db.mysql;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GET_LOCK is local to one Galera node: a Galera node is found when the session opens, so that the engine takes the
 * lease lock there by itself, and a session lock asked for there is refused.
 */
class GaleraDetectionTest {

    @Test
    void wsrepOnMeansGalera() {
        assertThat(MySqlDialect.isGalera("ON")).isTrue();
        assertThat(MySqlDialect.isGalera("1")).isTrue();
        assertThat(MySqlDialect.isGalera("OFF")).isFalse();
        assertThat(MySqlDialect.isGalera(null)).as("MySQL has no wsrep_on").isFalse();
    }

    @Test
    void openingTheSessionOnAGaleraNodeSaysSoWithTheClusterSize() throws Exception {
        MySqlDialect dialect = new MySqlDialect("MariaDB");

        dialect.openSession(server("ON"), null, "replica-1");

        assertThat(dialect.cluster()).contains("a Galera cluster node (wsrep_on = ON, wsrep_cluster_size = 3)");
    }

    @Test
    void aSingleServerIsNoCluster() throws Exception {
        MySqlDialect mariadb = new MySqlDialect("MariaDB");
        mariadb.openSession(server("OFF"), null, "replica-1");
        MySqlDialect mysql = new MySqlDialect("MySQL");
        mysql.openSession(server(null), null, "replica-1");

        assertThat(mariadb.cluster()).isEmpty();
        assertThat(mysql.cluster()).as("MySQL has no wsrep_on").isEmpty();
    }

    @Test
    void theSessionLockIsRefusedOnAGaleraNodeNamingTheFix() throws Exception {
        MySqlDialect dialect = new MySqlDialect("MariaDB");
        Connection node = server("ON");
        dialect.openSession(node, null, "replica-1");

        assertThatThrownBy(() -> dialect.lock(node, "app", "lockstep_history"))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("Galera cluster node", "GET_LOCK is not replicated",
                            "Remove --lock=session", "--lock=lease");
                });
    }

    @Test
    void theSessionLockIsUsedOnAPlainServer() throws Exception {
        MySqlDialect dialect = new MySqlDialect("MariaDB");
        Connection server = server("OFF");
        dialect.openSession(server, null, "replica-1");

        assertThat(dialect.lock(server, "app", "lockstep_history").description()).startsWith("GET_LOCK(");
    }

    /**
     * A connection to a server in database {@code app} whose {@code wsrep_on} is {@code wsrepOn} ({@code null}: no
     * such variable, as on MySQL), in a cluster of three where it is on.
     */
    private static Connection server(String wsrepOn) {
        Map<String, String[]> answers = wsrepOn == null
                ? Map.of("SELECT DATABASE()", new String[] {"app"})
                : Map.of("SELECT DATABASE()", new String[] {"app"},
                        "SHOW GLOBAL VARIABLES LIKE 'wsrep_on'", new String[] {"wsrep_on", wsrepOn},
                        "SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'", new String[] {"wsrep_cluster_size", "3"});
        Statement statement = proxy(Statement.class, (method, args) -> switch (method) {
            case "executeQuery" -> row(answers.get((String) args[0]));
            case "execute" -> false;
            default -> null;
        });
        return proxy(Connection.class, (method, args) -> method.equals("createStatement") ? statement : null);
    }

    /** A result of one row of {@code columns}, or of none when {@code columns} is {@code null}. */
    private static ResultSet row(String[] columns) {
        boolean[] read = {false};
        return proxy(ResultSet.class, (method, args) -> switch (method) {
            case "next" -> {
                boolean first = !read[0] && columns != null;
                read[0] = true;
                yield first;
            }
            case "getString" -> columns[(int) args[0] - 1];
            default -> null;
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.answer(method.getName(), args)));
    }
}

package dev.lockstep.db;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GET_LOCK is local to one Galera node, so a Galera node must be migrated with --lock=lease. */
class GaleraDetectionTest {

    @Test
    void wsrepOnMeansGalera() {
        assertThat(MySqlDialect.isGalera("ON")).isTrue();
        assertThat(MySqlDialect.isGalera("1")).isTrue();
        assertThat(MySqlDialect.isGalera("OFF")).isFalse();
        assertThat(MySqlDialect.isGalera(null)).as("MySQL has no wsrep_on").isFalse();
    }

    @Test
    void theSessionLockIsRefusedOnAGaleraNodeNamingTheLeaseMode() {
        MySqlDialect dialect = new MySqlDialect("MariaDB");

        assertThatThrownBy(() -> dialect.lock(serverWithWsrepOn("ON"), "app", "lockstep_history"))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("Galera", "GET_LOCK is not replicated", "--lock=lease");
                });
    }

    @Test
    void theSessionLockIsUsedOnAPlainServer() throws Exception {
        assertThat(new MySqlDialect("MariaDB").lock(serverWithWsrepOn("OFF"), "app", "lockstep_history").description())
                .startsWith("GET_LOCK(");
    }

    /** A connection whose server answers {@code SHOW GLOBAL VARIABLES LIKE 'wsrep_on'} with {@code value}. */
    private static Connection serverWithWsrepOn(String value) {
        boolean[] read = {false};
        ResultSet row = proxy(ResultSet.class, (method, args) -> switch (method) {
            case "next" -> {
                boolean first = !read[0];
                read[0] = true;
                yield first;
            }
            case "getString" -> (int) args[0] == 1 ? "wsrep_on" : value;
            default -> null;
        });
        Statement statement = proxy(Statement.class, (method, args) -> method.equals("executeQuery") ? row : null);
        return proxy(Connection.class, (method, args) -> method.equals("createStatement") ? statement : null);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.answer(method.getName(), args)));
    }
}

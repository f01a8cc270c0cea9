package dev.lockstep.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code -- lockstep:batch key=id size=N}: lockstep bounds a single-table UPDATE or DELETE by ranges of its key, adding
 * the range to the statement's own condition; a statement with a second table or a bound of its own is refused at its
 * line when the file is read.
 */
class KeyRangeTest {

    private static Statement keyed(String sql, SqlDialect dialect) {
        List<Statement> statements = SqlSplitter.split("-- lockstep:batch key=id size=1000\n" + sql + ";\n", dialect);
        return statements.get(0);
    }

    private static KeyRange range(String sql, SqlDialect dialect) {
        return KeyRange.of(keyed(sql, dialect), dialect);
    }

    @Test
    void addsTheRangeToTheConditionInParentheses() {
        KeyRange range = range("UPDATE users SET email_lower = lower(email) WHERE email_lower IS NULL OR email = ''",
                SqlDialect.POSTGRESQL);

        assertThat(range.statement()).isEqualTo("UPDATE users SET email_lower = lower(email) WHERE (email_lower IS NULL"
                + " OR email = '') AND id > ? AND id <= ?");
        assertThat(range.firstStatement()).endsWith("WHERE (email_lower IS NULL OR email = '') AND id <= ?");
        assertThat(range.table()).isEqualTo("users");
        assertThat(range.size()).isEqualTo(1000);
    }

    @Test
    void aStatementWithoutConditionGetsTheRangeAsItsWhere() {
        KeyRange range = range("DELETE FROM audit_log", SqlDialect.MYSQL);

        assertThat(range.statement()).isEqualTo("DELETE FROM audit_log WHERE id > ? AND id <= ?");
        assertThat(range.firstStatement()).isEqualTo("DELETE FROM audit_log WHERE id <= ?");
    }

    @Test
    void walksTheKeyIndexForTheNextRangeAndCountsTheKeysLeft() {
        KeyRange range = range("UPDATE app.\"Users\" u SET touched = 1 WHERE u.touched = 0", SqlDialect.POSTGRESQL);

        assertThat(range.table()).isEqualTo("app.\"Users\"");
        assertThat(range.schema()).isEqualTo("app");
        assertThat(range.name()).isEqualTo("Users");
        assertThat(range.walk(false)).isEqualTo("SELECT max(id), count(*) FROM (SELECT id FROM app.\"Users\" WHERE id > ?"
                + " ORDER BY id LIMIT 1000) lockstep_range");
        assertThat(range.walk(true)).doesNotContain("?");
        assertThat(range.keysLeft(false)).isEqualTo("SELECT count(*) FROM app.\"Users\" WHERE id > ?");
    }

    @Test
    void aWhereInsideASubSelectOrFunctionIsNotTheStatementsOwn() {
        KeyRange range = range("UPDATE orders SET total = (SELECT sum(amount) FROM lines WHERE lines.order_id = orders.id)",
                SqlDialect.POSTGRESQL);

        assertThat(range.statement()).endsWith("orders.id) WHERE id > ? AND id <= ?");
    }

    @Test
    void refusesASecondTableOrABoundOfItsOwnAtTheStatementsLine() {
        for (String sql : List.of("UPDATE users SET a = o.b FROM other o WHERE o.id = users.id",
                "UPDATE users JOIN other ON other.id = users.id SET users.a = other.b",
                "UPDATE users, other SET users.a = other.b",
                "DELETE FROM users USING other WHERE other.id = users.id",
                "DELETE users FROM users JOIN other ON other.id = users.id",
                "UPDATE users SET a = 1 WHERE a IS NULL ORDER BY id LIMIT 5000",
                "UPDATE users SET a = 1 RETURNING id",
                "INSERT INTO copy SELECT * FROM users")) {
            assertThatThrownBy(() -> keyed(sql, SqlDialect.MYSQL)).as(sql)
                    .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                        assertThat(e.line()).isEqualTo(2);
                        assertThat(e.problem()).contains("key=id", "single-table UPDATE or DELETE");
                    });
        }
    }

    @Test
    void findsTheTableOfAnyUpdateOrDeleteForItsEstimate() {
        assertThat(KeyRange.tableOf("UPDATE users SET a = 1 WHERE id IN (SELECT id FROM users LIMIT 5)", SqlDialect.POSTGRESQL))
                .contains(new KeyRange.Table(null, "users"));
        assertThat(KeyRange.tableOf("DELETE FROM App.Logs ORDER BY id LIMIT 10", SqlDialect.MYSQL))
                .contains(new KeyRange.Table("App", "Logs"));
        assertThat(KeyRange.tableOf("INSERT INTO t SELECT 1", SqlDialect.SQLITE)).isEmpty();
    }
}

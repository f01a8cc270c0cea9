package dev.lockstep.sql;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code -- lockstep:batch} on the line before a statement marks it as a backfill; the splitter reads it. */
class BatchDirectiveTest {

    @Test
    void marksTheStatementOnTheNextLineOnly() {
        List<Statement> statements = SqlSplitter.split("""
                ALTER TABLE users ADD COLUMN email_lower TEXT;
                -- lockstep:batch
                UPDATE users SET email_lower = lower(email) WHERE id IN (SELECT id FROM users WHERE email_lower IS NULL LIMIT 5000);
                UPDATE settings SET v = 1;
                """, SqlDialect.POSTGRESQL);

        assertThat(statements).extracting(Statement::isBatch).containsExactly(false, true, false);
        assertThat(statements.get(1).batch()).isEqualTo(new BatchDirective(Duration.ZERO, 0));
        assertThat(statements.get(1).line()).isEqualTo(3);
    }

    @Test
    void readsPauseAndMaxInAnyCaseAndOrder() {
        Statement statement = SqlSplitter.split("-- LOCKSTEP:BATCH max=500 pause=200ms\nDELETE FROM t WHERE old LIMIT 1000;\n",
                SqlDialect.MYSQL).get(0);

        assertThat(statement.batch()).isEqualTo(new BatchDirective(Duration.ofMillis(200), 500));
        assertThat(statement.sql()).startsWith("DELETE");
    }

    @Test
    void takesSecondsAndMinutesAndBareSeconds() {
        assertThat(BatchDirective.parse("-- lockstep:batch pause=2s", 1).pause()).isEqualTo(Duration.ofSeconds(2));
        assertThat(BatchDirective.parse("-- lockstep:batch pause=1m", 1).pause()).isEqualTo(Duration.ofMinutes(1));
        assertThat(BatchDirective.parse("-- lockstep:batch pause=3", 1).pause()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aBlockCommentOrAnotherWordIsNoDirective() {
        List<Statement> statements = SqlSplitter.split("/* lockstep:batch */\nUPDATE t SET a = 1;\n-- lockstep:batches\n"
                + "UPDATE t SET b = 1;\n", SqlDialect.SQLITE);

        assertThat(statements).extracting(Statement::isBatch).containsExactly(false, false);
    }

    @Test
    void refusesAnUnknownOptionNamingTheOnesThereAre() {
        assertThatThrownBy(() -> SqlSplitter.split("-- lockstep:batch chunk=5000\nUPDATE t SET a = 1;\n", SqlDialect.POSTGRESQL))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.problem()).contains("'chunk=5000'", "pause=200ms", "max=N", "key=id");
                });
        assertThatThrownBy(() -> BatchDirective.parse("-- lockstep:batch pause=fast", 4))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("200ms");
        assertThatThrownBy(() -> BatchDirective.parse("-- lockstep:batch max=0", 4))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("1 or more");
    }

    @Test
    void readsAKeyAndItsSizeOrTheDefaultSize() {
        assertThat(BatchDirective.parse("-- lockstep:batch key=id size=2000 pause=10ms", 1))
                .isEqualTo(new BatchDirective(Duration.ofMillis(10), 0, "id", 2000));
        BatchDirective keyed = BatchDirective.parse("-- lockstep:batch key=user_id", 1);
        assertThat(keyed.size()).isEqualTo(BatchDirective.DEFAULT_SIZE);
        assertThat(keyed.keyed()).isTrue();
        assertThat(keyed.comment()).isEqualTo("-- lockstep:batch key=user_id size=5000");
        assertThat(BatchDirective.parse("-- lockstep:batch", 1).keyed()).isFalse();
    }

    @Test
    void refusesASizeWithoutAKeyAndAKeyThatIsNoColumnName() {
        assertThatThrownBy(() -> BatchDirective.parse("-- lockstep:batch size=5000", 3))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.problem()).contains("size=5000", "add key=");
                });
        assertThatThrownBy(() -> BatchDirective.parse("-- lockstep:batch key=\"id\"", 3))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("not a column name");
        assertThatThrownBy(() -> BatchDirective.parse("-- lockstep:batch key=id size=0", 3))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("1 or more");
    }

    @Test
    void refusesADirectiveBeforeSomethingOtherThanARowChange() {
        assertThatThrownBy(() -> SqlSplitter.split("-- lockstep:batch\nCREATE INDEX i ON t (a);\n", SqlDialect.POSTGRESQL))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.problem()).contains("line 2 starts CREATE", "UPDATE, DELETE or INSERT");
                });
    }

    @Test
    void refusesADirectiveFollowedByNoStatementOrInsideOne() {
        assertThatThrownBy(() -> SqlSplitter.split("UPDATE t SET a = 1;\n-- lockstep:batch\n", SqlDialect.POSTGRESQL))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("followed by no statement");
        assertThatThrownBy(() -> SqlSplitter.split("UPDATE t\n-- lockstep:batch\nSET a = 1;\n", SqlDialect.POSTGRESQL))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("inside a statement");
    }

    @Test
    void acceptsAWithThatUpdates() {
        Statement statement = SqlSplitter.split("-- lockstep:batch\nWITH b AS (SELECT id FROM t WHERE a IS NULL LIMIT 10)"
                + " UPDATE t SET a = 1 FROM b WHERE t.id = b.id;\n", SqlDialect.POSTGRESQL).get(0);

        assertThat(statement.isBatch()).isTrue();
    }
}

package dev.lockstep.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementClassifierTest {

    static Statement pg(String sql) {
        return StatementClassifier.classify(sql, 1, SqlDialect.POSTGRESQL);
    }

    static Statement mysql(String sql) {
        return StatementClassifier.classify(sql, 1, SqlDialect.MYSQL);
    }

    static Statement sqlite(String sql) {
        return StatementClassifier.classify(sql, 1, SqlDialect.SQLITE);
    }

    @Nested
    class Kinds {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "CREATE TABLE t (a int)|DDL",
                "create index i on t (a)|DDL",
                "ALTER TABLE t ADD COLUMN b int|DDL",
                "DROP TABLE t|DDL",
                "TRUNCATE t|DDL",
                "COMMENT ON TABLE t IS 'x'|DDL",
                "GRANT SELECT ON t TO r|DDL",
                "REVOKE ALL ON t FROM r|DDL",
                "REINDEX TABLE t|DDL",
                "INSERT INTO t VALUES (1)|DML",
                "update t set a = 1|DML",
                "DELETE FROM t|DML",
                "MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE|DML",
                "COPY t FROM '/data/t.csv'|DML",
                "CALL p()|DML",
                "DO $$ BEGIN NULL; END $$|DML",
                "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x|DML",
                "WITH RECURSIVE x(n) AS (SELECT 1 UNION SELECT n + 1 FROM x) DELETE FROM t USING x|DML",
                "SELECT * INTO backup FROM t|DML",
                "SELECT 1|QUERY",
                "SELECT a FROM t WHERE b IN (SELECT b INTO x FROM u)|QUERY",
                "SELECT * FROM t FOR UPDATE|QUERY",
                "WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x|QUERY",
                "WITH x AS MATERIALIZED (SELECT 1) SELECT * FROM x|QUERY",
                "SHOW search_path|QUERY",
                "EXPLAIN SELECT 1|QUERY",
                "VALUES (1), (2)|QUERY",
                "TABLE t|QUERY",
                "SET search_path = app|SESSION",
                "RESET lock_timeout|SESSION",
                "DISCARD PLANS|SESSION",
                "LOAD 'auto_explain'|SESSION",
                "BEGIN|TRANSACTION_CONTROL",
                "BEGIN ISOLATION LEVEL SERIALIZABLE|TRANSACTION_CONTROL",
                "START TRANSACTION|TRANSACTION_CONTROL",
                "COMMIT|TRANSACTION_CONTROL",
                "ROLLBACK TO SAVEPOINT s|TRANSACTION_CONTROL",
                "SAVEPOINT s|TRANSACTION_CONTROL",
                "RELEASE SAVEPOINT s|TRANSACTION_CONTROL",
                "END|TRANSACTION_CONTROL",
                "VACUUM t|OTHER",
                "ANALYZE t|OTHER",
                "LOCK TABLE t IN ACCESS EXCLUSIVE MODE|OTHER",
                "CLUSTER t USING i|OTHER",
                "CHECKPOINT|OTHER",
                "LISTEN channel|OTHER",
        })
        void classifiesPostgresByLeadingKeywords(String sql, StatementKind kind) {
            assertThat(pg(sql).kind()).isEqualTo(kind);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "CREATE PROCEDURE p() BEGIN SELECT 1; END|DDL",
                "RENAME TABLE a TO b|DDL",
                "REPLACE INTO t VALUES (1)|DML",
                "LOAD DATA INFILE 'x' INTO TABLE t|DML",
                "SELECT a INTO @v FROM t|DML",
                "DESCRIBE t|QUERY",
                "SET NAMES utf8mb4|SESSION",
                "SET @x = 1|SESSION",
                "USE app|SESSION",
                "/*!40101 SET NAMES utf8 */|SESSION",
                "BEGIN|TRANSACTION_CONTROL",
                "BEGIN WORK|TRANSACTION_CONTROL",
                "BEGIN NOT ATOMIC SELECT 1; END|OTHER",
                "XA START 'x'|TRANSACTION_CONTROL",
                "ANALYZE TABLE t|OTHER",
                "OPTIMIZE TABLE t|OTHER",
                "START SLAVE|OTHER",
        })
        void classifiesMysql(String sql, StatementKind kind) {
            assertThat(mysql(sql).kind()).isEqualTo(kind);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END|DDL",
                "INSERT OR REPLACE INTO t VALUES (1)|DML",
                "PRAGMA foreign_keys = ON|SESSION",
                "ATTACH DATABASE 'x.db' AS x|SESSION",
                "BEGIN IMMEDIATE|TRANSACTION_CONTROL",
                "END TRANSACTION|TRANSACTION_CONTROL",
                "VACUUM|OTHER",
        })
        void classifiesSqlite(String sql, StatementKind kind) {
            assertThat(sqlite(sql).kind()).isEqualTo(kind);
        }

        @Test
        void skipsLeadingCommentsWhateverTheirCase() {
            assertThat(pg("-- why\n/* who */ insert into t values (1)").kind()).isEqualTo(StatementKind.DML);
        }

        @Test
        void keepsTheTextAndLineItWasGiven() {
            Statement statement = pg("SELECT 1");
            assertThat(statement.sql()).isEqualTo("SELECT 1");
            assertThat(statement.line()).isEqualTo(1);
            assertThat(StatementClassifier.classify("SELECT 1", 42, SqlDialect.POSTGRESQL).line()).isEqualTo(42);
        }
    }

    @Nested
    class NonTransactional {

        @ParameterizedTest
        @ValueSource(strings = {
                "CREATE INDEX CONCURRENTLY i ON t (a)",
                "create unique index concurrently if not exists i on t (a)",
                "CREATE /* online */ INDEX CONCURRENTLY i ON t (a)",
                "DROP INDEX CONCURRENTLY i",
                "REINDEX INDEX CONCURRENTLY i",
                "REINDEX (VERBOSE) TABLE CONCURRENTLY t",
                "REINDEX DATABASE app",
                "REINDEX SYSTEM app",
                "VACUUM",
                "VACUUM (ANALYZE) t",
                "CREATE DATABASE app",
                "DROP DATABASE IF EXISTS app",
                "CREATE TABLESPACE fast LOCATION '/ssd'",
                "DROP TABLESPACE fast",
                "ALTER SYSTEM SET work_mem = '64MB'",
                "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p",
                "DROP SUBSCRIPTION s",
                "ALTER SUBSCRIPTION s REFRESH PUBLICATION",
                "ALTER SUBSCRIPTION s SET PUBLICATION p",
                "ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY",
                "ALTER TABLE app.\"Measurements\" DETACH PARTITION app.m2020 CONCURRENTLY",
                "ALTER DATABASE app SET TABLESPACE fast",
                "CLUSTER",
                "CLUSTER VERBOSE",
        })
        void detectsPostgresStatementsThatCannotRunInATransaction(String sql) {
            assertThat(pg(sql).nonTransactional()).as(sql).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "CREATE INDEX i ON t (a)",
                "CREATE UNIQUE INDEX i ON t (a)",
                "DROP INDEX i",
                "REINDEX TABLE t",
                "ALTER TABLE t DETACH PARTITION p",
                "ALTER TABLE t ADD COLUMN concurrently int",
                "ALTER SUBSCRIPTION s SET (slot_name = NONE)",
                "ALTER DATABASE app SET work_mem = '64MB'",
                "CLUSTER t USING i",
                "REFRESH MATERIALIZED VIEW CONCURRENTLY v",
                "SELECT 'VACUUM'",
                "-- VACUUM\nSELECT 1",
                "COMMENT ON INDEX i IS 'CREATE INDEX CONCURRENTLY later'",
        })
        void leavesOrdinaryPostgresStatementsTransactional(String sql) {
            assertThat(pg(sql).nonTransactional()).as(sql).isFalse();
        }

        @Test
        void judgesAFunctionByItsOwnKeywordsNotByItsBody() {
            String function = """
                    CREATE FUNCTION reindex_later() RETURNS void AS $$
                    BEGIN
                      EXECUTE 'CREATE INDEX CONCURRENTLY i ON t (a)';
                      VACUUM;
                    END $$ LANGUAGE plpgsql""";
            Statement statement = pg(function);
            assertThat(statement.nonTransactional()).isFalse();
            assertThat(statement.kind()).isEqualTo(StatementKind.DDL);
        }

        @Test
        void detectsVacuumOnSqliteOnly() {
            assertThat(sqlite("VACUUM").nonTransactional()).isTrue();
            assertThat(sqlite("VACUUM INTO 'backup.db'").nonTransactional()).isTrue();
            assertThat(sqlite("CREATE INDEX i ON t (a)").nonTransactional()).isFalse();
            assertThat(mysql("CREATE INDEX i ON t (a)").nonTransactional()).isFalse();
            assertThat(mysql("CREATE DATABASE app").nonTransactional()).isFalse();
        }
    }

    @Nested
    class SessionState {

        @ParameterizedTest
        @ValueSource(strings = {
                "DISCARD ALL",
                "discard all",
                "RESET ALL",
                "SELECT pg_advisory_unlock_all()",
                "SELECT pg_catalog.PG_ADVISORY_UNLOCK_ALL ( )",
                "DO $$ BEGIN PERFORM pg_advisory_unlock_all(); END $$",
                "CREATE FUNCTION f() RETURNS void AS $body$ BEGIN PERFORM pg_advisory_unlock_all(); END $body$ LANGUAGE plpgsql",
                "DO $outer$ BEGIN EXECUTE $x$ SELECT 1 $x$; PERFORM $q$ $q$, pg_advisory_unlock_all(); END $outer$",
        })
        void detectsPostgresStatementsThatDropTheLock(String sql) {
            assertThat(pg(sql).dropsSessionState()).as(sql).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "DISCARD PLANS",
                "DISCARD SEQUENCES",
                "RESET search_path",
                "SELECT 'pg_advisory_unlock_all()'",
                "SELECT 1 -- pg_advisory_unlock_all()",
                "SELECT pg_advisory_unlock_all_count FROM stats",
                "SELECT pg_advisory_unlock(1)",
                "DO $$ BEGIN RAISE NOTICE 'pg_advisory_unlock_all()'; END $$",
                "DO $$ BEGIN NULL; /* pg_advisory_unlock_all() */ END $$",
                "COMMENT ON TABLE t IS $$call pg_advisory_unlock_all later$$",
        })
        void leavesOtherPostgresStatementsAlone(String sql) {
            assertThat(pg(sql).dropsSessionState()).as(sql).isFalse();
        }

        @Test
        void detectsReleaseAllLocksOnMysqlEvenInsideARoutine() {
            assertThat(mysql("SELECT RELEASE_ALL_LOCKS()").dropsSessionState()).isTrue();
            assertThat(mysql("CREATE PROCEDURE p() BEGIN DO release_all_locks(); END").dropsSessionState()).isTrue();
            assertThat(mysql("SELECT 'RELEASE_ALL_LOCKS()'").dropsSessionState()).isFalse();
            assertThat(mysql("SELECT RELEASE_LOCK('x')").dropsSessionState()).isFalse();
            assertThat(mysql("SELECT pg_advisory_unlock_all()").dropsSessionState()).isFalse();
        }

        @Test
        void findsNothingThatDropsSessionStateOnSqlite() {
            assertThat(sqlite("SELECT pg_advisory_unlock_all()").dropsSessionState()).isFalse();
            assertThat(sqlite("RESET ALL").dropsSessionState()).isFalse();
        }
    }

    @Test
    void rejectsCopyFromStdinAlsoWhenClassifiedAlone() {
        assertThatThrownBy(() -> StatementClassifier.classify("COPY t (a, b) FROM STDIN WITH (FORMAT csv)", 7,
                SqlDialect.POSTGRESQL))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> assertThat(e.line()).isEqualTo(7));
        assertThat(pg("COPY t TO STDOUT").kind()).isEqualTo(StatementKind.DML);
    }
}

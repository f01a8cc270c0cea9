package dev.lockstep.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlSplitterTest {

    static List<String> sqls(String text, SqlDialect dialect) {
        return SqlSplitter.split(text, dialect).stream().map(Statement::sql).toList();
    }

    static List<Integer> lines(String text, SqlDialect dialect) {
        return SqlSplitter.split(text, dialect).stream().map(Statement::line).toList();
    }

    @Nested
    class EveryDialect {

        @ParameterizedTest
        @EnumSource(SqlDialect.class)
        void splitsOnSemicolonsAndTrimsEachStatement(SqlDialect dialect) {
            assertThat(sqls("  SELECT 1 ;\n\n  SELECT 2;", dialect)).containsExactly("SELECT 1", "SELECT 2");
        }

        @ParameterizedTest
        @EnumSource(SqlDialect.class)
        void keepsALastStatementWithoutSemicolonOrNewline(SqlDialect dialect) {
            assertThat(sqls("SELECT 1;\nSELECT 2", dialect)).containsExactly("SELECT 1", "SELECT 2");
        }

        @ParameterizedTest
        @EnumSource(SqlDialect.class)
        void producesNothingForEmptyStatementsOrOnlyComments(SqlDialect dialect) {
            assertThat(sqls("", dialect)).isEmpty();
            assertThat(sqls(" \n\t\n", dialect)).isEmpty();
            assertThat(sqls(";;\n;", dialect)).isEmpty();
            assertThat(sqls("-- nothing here; really\n/* nor; here */\n", dialect)).isEmpty();
            assertThat(sqls("SELECT 1;; ;\n;SELECT 2", dialect)).containsExactly("SELECT 1", "SELECT 2");
        }

        @ParameterizedTest
        @EnumSource(SqlDialect.class)
        void stripsLeadingCommentsButKeepsCommentsInside(SqlDialect dialect) {
            String text = "-- create the table\n/* owner: team a */ CREATE TABLE t (\n  id INT -- the key; unique\n);\n";
            assertThat(sqls(text, dialect)).containsExactly("CREATE TABLE t (\n  id INT -- the key; unique\n)");
        }

        @ParameterizedTest
        @EnumSource(SqlDialect.class)
        void dropsATrailingCommentBeforeTheDelimiter(SqlDialect dialect) {
            assertThat(sqls("SELECT 1 -- why\n;", dialect)).containsExactly("SELECT 1");
        }

        @ParameterizedTest
        @EnumSource(SqlDialect.class)
        void numbersLinesFromTheFirstTokenPastComments(SqlDialect dialect) {
            String text = "-- header\n\nSELECT 1;\n/* a\n b */\n  SELECT\n 2;";
            assertThat(lines(text, dialect)).containsExactly(3, 6);
        }

        @ParameterizedTest
        @EnumSource(SqlDialect.class)
        void keepsSemicolonsInsideSingleQuotedStringsWithDoubledQuotes(SqlDialect dialect) {
            assertThat(sqls("INSERT INTO t VALUES ('a;b', 'it''s; fine');\nSELECT 2", dialect))
                    .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s; fine')", "SELECT 2");
        }

        @ParameterizedTest
        @EnumSource(SqlDialect.class)
        void keepsSemicolonsInsideDoubleQuotes(SqlDialect dialect) {
            assertThat(sqls("SELECT 1 AS \"a;\"\"b\";SELECT 2", dialect))
                    .containsExactly("SELECT 1 AS \"a;\"\"b\"", "SELECT 2");
        }

        @ParameterizedTest
        @EnumSource(SqlDialect.class)
        void rejectsAnUnterminatedStringAtTheLineItOpens(SqlDialect dialect) {
            assertThatThrownBy(() -> SqlSplitter.split("SELECT 1;\nSELECT 'oops;\n\n", dialect))
                    .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                        assertThat(e.line()).isEqualTo(2);
                        assertThat(e.problem()).contains("never closed");
                    });
        }

        @ParameterizedTest
        @EnumSource(SqlDialect.class)
        void rejectsAnUnterminatedBlockComment(SqlDialect dialect) {
            assertThatThrownBy(() -> SqlSplitter.split("SELECT 1;\n/* forgot\nSELECT 2;", dialect))
                    .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                        assertThat(e.line()).isEqualTo(2);
                        assertThat(e.problem()).contains("*/");
                    });
        }

        @ParameterizedTest
        @EnumSource(SqlDialect.class)
        void rejectsAnUnterminatedQuotedIdentifier(SqlDialect dialect) {
            assertThatThrownBy(() -> SqlSplitter.split("SELECT \"a;", dialect)).isInstanceOf(SqlSyntaxException.class);
        }

        @ParameterizedTest
        @EnumSource(SqlDialect.class)
        void treatsBeginAloneAsATransactionStatement(SqlDialect dialect) {
            assertThat(sqls("BEGIN;\nINSERT INTO t VALUES (1);\nCOMMIT;", dialect))
                    .containsExactly("BEGIN", "INSERT INTO t VALUES (1)", "COMMIT");
        }
    }

    @Nested
    class Postgres {

        static final SqlDialect PG = SqlDialect.POSTGRESQL;

        @Test
        void keepsDollarQuotedFunctionBodyWhole() {
            String function = """
                    CREATE FUNCTION touch() RETURNS trigger AS $$
                    BEGIN
                      NEW.updated_at := now();
                      RETURN NEW;
                    END;
                    $$ LANGUAGE plpgsql""";
            assertThat(sqls(function + ";\nSELECT 1;", PG)).containsExactly(function, "SELECT 1");
        }

        @Test
        void keepsTaggedDollarQuotesWholeEvenWhenTheyContainOtherDollarQuotes() {
            String function = "CREATE FUNCTION f() RETURNS text AS $body$ SELECT $$;$$ || $x$;$x$; $body$ LANGUAGE sql";
            assertThat(sqls(function + ";SELECT 2", PG)).containsExactly(function, "SELECT 2");
        }

        @Test
        void readsPositionalParametersAsParametersNotDollarQuotes() {
            assertThat(sqls("PREPARE p AS SELECT $1, $2;\nEXECUTE p(1, 2);", PG))
                    .containsExactly("PREPARE p AS SELECT $1, $2", "EXECUTE p(1, 2)");
        }

        @Test
        void readsDollarsInsideIdentifiersAsPartOfTheIdentifier() {
            assertThat(sqls("SELECT a$b$ FROM t;SELECT 2", PG)).containsExactly("SELECT a$b$ FROM t", "SELECT 2");
        }

        @Test
        void rejectsAnUnterminatedDollarQuote() {
            assertThatThrownBy(() -> SqlSplitter.split("SELECT 1;\nDO $fn$ BEGIN NULL; END $$;", PG))
                    .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                        assertThat(e.line()).isEqualTo(2);
                        assertThat(e.problem()).contains("$fn$");
                    });
        }

        @Test
        void readsBackslashEscapesInEscapeStrings() {
            assertThat(sqls("SELECT E'it\\'s; here', e'\\\\';SELECT 2", PG))
                    .containsExactly("SELECT E'it\\'s; here', e'\\\\'", "SELECT 2");
        }

        @Test
        void readsBackslashAsAPlainCharacterInStandardStrings() {
            assertThat(sqls("SELECT 'C:\\';SELECT 2", PG)).containsExactly("SELECT 'C:\\'", "SELECT 2");
        }

        @Test
        void nestsBlockComments() {
            assertThat(sqls("SELECT 1 /* outer /* inner; */ still comment; */ + 1;SELECT 2", PG))
                    .containsExactly("SELECT 1 /* outer /* inner; */ still comment; */ + 1", "SELECT 2");
        }

        @Test
        void keepsSemicolonsInsideParentheses() {
            String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); NOTIFY t)";
            assertThat(sqls(rule + ";\nSELECT 1", PG)).containsExactly(rule, "SELECT 1");
        }

        @Test
        void keepsABeginAtomicBodyWhole() {
            String function = """
                    CREATE OR REPLACE FUNCTION add_one(i int) RETURNS int
                    LANGUAGE sql
                    BEGIN ATOMIC
                      INSERT INTO calls VALUES (i);
                      SELECT CASE WHEN i > 0 THEN i + 1 ELSE 1 END;
                    END""";
            assertThat(sqls(function + ";\nSELECT add_one(1);", PG)).containsExactly(function, "SELECT add_one(1)");
        }

        @Test
        void keepsABeginAtomicProcedureBodyWhole() {
            String procedure = "CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO a VALUES (1); INSERT INTO b VALUES (2); END";
            assertThat(sqls(procedure + ";CALL p()", PG)).containsExactly(procedure, "CALL p()");
        }

        @Test
        void splitsAfterAFunctionWhoseBodyIsQuotedEvenIfItMentionsBegin() {
            assertThat(sqls("CREATE FUNCTION f() RETURNS int AS 'BEGIN' LANGUAGE sql;\nBEGIN;\nCOMMIT;", PG))
                    .hasSize(3);
        }

        @Test
        void doesNotTreatBeginOutsideARoutineAsABlock() {
            assertThat(sqls("CREATE TABLE t (id int);\nBEGIN;\nSELECT 1;\nEND;", PG)).hasSize(4);
        }

        @Test
        void rejectsCopyFromStdinWithAMessageThatSaysWhatToDoInstead() {
            String dump = "CREATE TABLE t (a int);\nCOPY public.t (a) FROM stdin;\n1\n2\n\\.\n";
            assertThatThrownBy(() -> SqlSplitter.split(dump, PG))
                    .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                        assertThat(e.line()).isEqualTo(2);
                        assertThat(e.problem()).contains("cannot feed COPY data", "INSERT", "COPY ... FROM '/server/path'");
                    });
        }

        @Test
        void acceptsCopyFromAServerFile() {
            assertThat(sqls("COPY t FROM '/var/lib/data/t.csv' WITH (FORMAT csv)", PG)).hasSize(1);
        }

        @Test
        void readsDoubleDashInsideAnExpressionAsAComment() {
            assertThat(sqls("SELECT 1--2;\n;SELECT 3", PG)).containsExactly("SELECT 1", "SELECT 3");
        }
    }

    @Nested
    class MySql {

        static final SqlDialect MY = SqlDialect.MYSQL;

        @Test
        void readsBackslashEscapesInBothQuoteStyles() {
            assertThat(sqls("INSERT INTO t VALUES ('it\\'s;', \"say \\\"hi\\\";\");SELECT 2", MY))
                    .containsExactly("INSERT INTO t VALUES ('it\\'s;', \"say \\\"hi\\\";\")", "SELECT 2");
        }

        @Test
        void readsDoubledQuotesInBothQuoteStyles() {
            assertThat(sqls("SELECT 'a'';', \"b\"\";\";SELECT 2", MY)).containsExactly("SELECT 'a'';', \"b\"\";\"", "SELECT 2");
        }

        @Test
        void keepsSemicolonsInsideBacktickIdentifiers() {
            assertThat(sqls("SELECT `a;``b` FROM t;SELECT 2", MY)).containsExactly("SELECT `a;``b` FROM t", "SELECT 2");
        }

        @Test
        void readsHashAsAComment() {
            assertThat(sqls("# setup; first\nSELECT 1; # done; really\nSELECT 2", MY)).containsExactly("SELECT 1", "SELECT 2");
        }

        @Test
        void readsDoubleDashAsACommentOnlyWhenWhitespaceFollows() {
            assertThat(sqls("SELECT 1 -- note; here\n;SELECT 5--1;SELECT 3 --\n", MY))
                    .containsExactly("SELECT 1", "SELECT 5--1", "SELECT 3");
        }

        @Test
        void doesNotNestBlockComments() {
            assertThat(sqls("SELECT 1 /* a /* b */ + 1;SELECT 2 */", MY))
                    .containsExactly("SELECT 1 /* a /* b */ + 1", "SELECT 2 */");
        }

        @Test
        void keepsExecutableCommentsAsStatementText() {
            String text = "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
                    + "/*!40101 SET NAMES utf8mb4 */;\nSELECT /*+ MAX_EXECUTION_TIME(1000) */ 1;";
            assertThat(sqls(text, MY)).containsExactly(
                    "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */",
                    "/*!40101 SET NAMES utf8mb4 */",
                    "SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1");
        }

        @Test
        void rejectsAnUnterminatedExecutableComment() {
            assertThatThrownBy(() -> SqlSplitter.split("SELECT 1;\n/*!50003 SET x = 1;", MY))
                    .isInstanceOfSatisfying(SqlSyntaxException.class, e -> assertThat(e.line()).isEqualTo(2));
        }

        @Test
        void switchesDelimiterAndRemovesTheDelimiterLines() {
            String text = """
                    DELIMITER $$
                    CREATE PROCEDURE p()
                    BEGIN
                      SELECT 1;
                      SELECT 2;
                    END$$
                    DELIMITER ;
                    CALL p();
                    """;
            assertThat(sqls(text, MY)).containsExactly("CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND", "CALL p()");
            assertThat(lines(text, MY)).containsExactly(2, 8);
        }

        @Test
        void acceptsAnyDelimiterStringInAnyCase() {
            String text = "delimiter //\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END //\n"
                    + "SELECT 1//\nDelimiter ;;\nSELECT 2;;\nDELIMITER ;\nSELECT 3;";
            assertThat(sqls(text, MY)).containsExactly(
                    "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END", "SELECT 1", "SELECT 2", "SELECT 3");
        }

        @Test
        void doesNotSplitOnTheCustomDelimiterInsideStringsOrComments() {
            String text = "DELIMITER $$\nSELECT '$$' /* $$ */ AS x$$\nDELIMITER ;\n";
            assertThat(sqls(text, MY)).containsExactly("SELECT '$$' /* $$ */ AS x");
        }

        @Test
        void readsDelimiterAsAColumnNameWhenItDoesNotStartTheStatement() {
            assertThat(sqls("SELECT delimiter FROM t;\nSELECT 2", MY)).containsExactly("SELECT delimiter FROM t", "SELECT 2");
        }

        @Test
        void rejectsADelimiterCommandWithoutItsDelimiter() {
            assertThatThrownBy(() -> SqlSplitter.split("SELECT 1;\nDELIMITER\nSELECT 2;", MY))
                    .isInstanceOfSatisfying(SqlSyntaxException.class, e -> assertThat(e.line()).isEqualTo(2));
        }

        @Test
        void keepsAProcedureBodyWholeWithoutDelimiter() {
            String procedure = """
                    CREATE DEFINER=`admin`@`%` PROCEDURE fill(IN n INT)
                    BEGIN
                      DECLARE i INT DEFAULT 0;
                      DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
                      label1: WHILE i < n DO
                        IF i % 2 = 0 THEN
                          INSERT INTO t VALUES (IF(i > 10, 'big', 'small'));
                        ELSEIF i = 3 THEN
                          SET i = i + 1;
                        END IF;
                        CASE i WHEN 1 THEN SELECT 1; ELSE SELECT REPEAT('x', 2); END CASE;
                        REPEAT SET i = i + 1; UNTIL i > 0 END REPEAT;
                        l2: LOOP LEAVE l2; END LOOP l2;
                        SET i = i + 1;
                      END WHILE label1;
                      DROP TEMPORARY TABLE IF EXISTS tmp;
                    END""";
            assertThat(sqls(procedure + ";\nCALL fill(3);", MY)).containsExactly(procedure, "CALL fill(3)");
        }

        @Test
        void keepsTriggerFunctionAndEventBodiesWholeWithoutDelimiter() {
            String trigger = "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END";
            String singleIf = "CREATE TRIGGER u BEFORE UPDATE ON x FOR EACH ROW IF NEW.a < 0 THEN SET NEW.a = 0; END IF";
            String function = "CREATE FUNCTION f(a INT) RETURNS INT DETERMINISTIC BEGIN DECLARE b INT; "
                    + "SET b = CASE WHEN a > 0 THEN a ELSE 0 END; RETURN b; END";
            String event = "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM log; DELETE FROM audit; END";
            String text = String.join(";\n", trigger, singleIf, function, event) + ";\nSELECT 1;";
            assertThat(sqls(text, MY)).containsExactly(trigger, singleIf, function, event, "SELECT 1");
        }

        @Test
        void keepsAMariaDbAnonymousBlockWhole() {
            String block = "BEGIN NOT ATOMIC DECLARE x INT; SET x = 1; END";
            assertThat(sqls(block + ";\nBEGIN;\nCOMMIT;", MY)).containsExactly(block, "BEGIN", "COMMIT");
        }

        @Test
        void doesNotTrackBlocksInTablesNamedLikeRoutineWords() {
            assertThat(sqls("CREATE TABLE event (begin INT, `end` INT);\nSELECT 1;", MY))
                    .containsExactly("CREATE TABLE event (begin INT, `end` INT)", "SELECT 1");
        }

        @Test
        void closesOnlyItsOwnBlockOnEndIf() {
            String procedure = "CREATE PROCEDURE p() BEGIN IF a THEN SELECT 1; END IF; SELECT 2; END";
            assertThat(sqls(procedure + "; SELECT 3", MY)).containsExactly(procedure, "SELECT 3");
        }

        @Test
        void keepsMysqldumpTriggersWholeWithDoubleSemicolonDelimiter() {
            String text = """
                    DELIMITER ;;
                    /*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN
                      SET NEW.a = 1;
                    END */;;
                    DELIMITER ;
                    """;
            assertThat(SqlSplitter.split(text, MY)).singleElement().satisfies(s -> {
                assertThat(s.sql()).startsWith("/*!50003 CREATE*/").endsWith("END */");
                assertThat(s.line()).isEqualTo(2);
                assertThat(s.kind()).isEqualTo(StatementKind.DDL);
            });
        }
    }

    @Nested
    class Sqlite {

        static final SqlDialect LITE = SqlDialect.SQLITE;

        @Test
        void keepsTriggerBodiesWhole() {
            String trigger = """
                    CREATE TRIGGER IF NOT EXISTS audit AFTER UPDATE ON t
                    WHEN NEW.a <> OLD.a
                    BEGIN
                      INSERT INTO log VALUES (NEW.id, CASE WHEN NEW.a > 0 THEN 'up' ELSE 'down' END);
                      UPDATE t SET changed = 1 WHERE id = NEW.id;
                    END""";
            assertThat(sqls(trigger + ";\nSELECT 1;", LITE)).containsExactly(trigger, "SELECT 1");
        }

        @Test
        void keepsTemporaryTriggerBodiesWhole() {
            String trigger = "CREATE TEMP TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; SELECT 2; END";
            assertThat(sqls(trigger + ";SELECT 3", LITE)).containsExactly(trigger, "SELECT 3");
        }

        @Test
        void readsBracketsAndBackticksAsIdentifiers() {
            assertThat(sqls("SELECT [a;b], `c;``d` FROM t;SELECT 2", LITE))
                    .containsExactly("SELECT [a;b], `c;``d` FROM t", "SELECT 2");
        }

        @Test
        void readsBackslashAsAPlainCharacter() {
            assertThat(sqls("SELECT '\\';SELECT 2", LITE)).containsExactly("SELECT '\\'", "SELECT 2");
        }

        @Test
        void doesNotTreatBeginTransactionAsABlock() {
            assertThat(sqls("BEGIN TRANSACTION;\nCREATE TABLE t (a);\nEND TRANSACTION;", LITE)).hasSize(3);
        }

        @Test
        void rejectsAnUnterminatedBracketIdentifier() {
            assertThatThrownBy(() -> SqlSplitter.split("SELECT [a;", LITE)).isInstanceOf(SqlSyntaxException.class);
        }
    }
}

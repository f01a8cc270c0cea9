package dev.lockstep.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole migration files shaped like real projects' (under {@code src/test/resources/sql}). */
class SqlSplitterFixtureTest {

    static List<Statement> split(String resource, SqlDialect dialect) {
        try (InputStream in = SqlSplitterFixtureTest.class.getResourceAsStream("/sql/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            return SqlSplitter.split(new String(in.readAllBytes(), StandardCharsets.UTF_8), dialect);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statement's first line of text: enough to tell which one it is. */
    static String head(Statement statement) {
        int newline = statement.sql().indexOf('\n');
        return newline < 0 ? statement.sql() : statement.sql().substring(0, newline);
    }

    @Test
    void splitsPostgresFunctionsTriggersAndEscapeStrings() {
        List<Statement> statements = split("postgresql/V3__orders_audit.sql", SqlDialect.POSTGRESQL);

        assertThat(statements).extracting(Statement::line, SqlSplitterFixtureTest::head).containsExactly(
                tuple(8, "CREATE TABLE orders ("),
                tuple(16, "COMMENT ON TABLE orders IS 'One row per order; never deleted'"),
                tuple(18, "CREATE TABLE order_audit ("),
                tuple(25, "CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger"),
                tuple(33, "CREATE TRIGGER orders_touch BEFORE UPDATE ON orders"),
                tuple(36, "CREATE FUNCTION audit_status() RETURNS trigger"),
                tuple(50, "CREATE TRIGGER orders_audit AFTER UPDATE OF status ON orders"),
                tuple(53, "CREATE FUNCTION order_total(o bigint) RETURNS numeric"),
                tuple(60, "DO $migrate$"),
                tuple(67, "INSERT INTO orders (customer_id, status, note) VALUES"),
                tuple(71, "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id)"));
        assertThat(statements.get(3).sql()).endsWith("END;\n$$");
        assertThat(statements.get(7).sql()).endsWith("END");
        assertThat(statements).filteredOn(Statement::nonTransactional).extracting(Statement::line).containsExactly(71);
        assertThat(statements).noneMatch(Statement::dropsSessionState);
    }

    @Test
    void splitsMysqlDelimiterBlocksAndCompoundStatements() {
        List<Statement> statements = split("mysql/V2__procedures_and_triggers.sql", SqlDialect.MYSQL);

        assertThat(statements).extracting(Statement::line, SqlSplitterFixtureTest::head).containsExactly(
                tuple(2, "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */"),
                tuple(3, "/*!40101 SET NAMES utf8mb4 */"),
                tuple(6, "CREATE TABLE `inventory` ("),
                tuple(13, "CREATE TABLE stock_log ("),
                tuple(21, "CREATE DEFINER=`app`@`%` PROCEDURE restock(IN p_sku VARCHAR(64), IN p_qty INT)"),
                tuple(32, "CREATE TRIGGER inventory_after_update"),
                tuple(43, "INSERT INTO inventory (sku, qty) VALUES ('A-1', 10), ('B;2', 5)"),
                tuple(46, "CREATE FUNCTION stock_of(p_sku VARCHAR(64)) RETURNS INT"),
                tuple(56, "CREATE PROCEDURE drain()"),
                tuple(65, "CALL restock('A-1', 3)"),
                tuple(66, "/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */"));
        assertThat(statements).extracting(Statement::sql)
                .filteredOn(sql -> sql.startsWith("CREATE") && sql.contains("BEGIN"))
                .allSatisfy(sql -> assertThat(sql).endsWith("END").doesNotContain("DELIMITER"));
        assertThat(statements.get(0).kind()).isEqualTo(StatementKind.SESSION);
    }

    @Test
    void splitsSqliteTriggersWithCaseInsideTheirBodies() {
        List<Statement> statements = split("sqlite/V4__audit_triggers.sql", SqlDialect.SQLITE);

        assertThat(statements).extracting(Statement::line, SqlSplitterFixtureTest::head).containsExactly(
                tuple(2, "PRAGMA foreign_keys = ON"),
                tuple(4, "CREATE TABLE notes ("),
                tuple(10, "CREATE TABLE note_log (note_id INTEGER, action TEXT, at TEXT DEFAULT (datetime('now')))"),
                tuple(13, "CREATE TRIGGER notes_after_insert AFTER INSERT ON notes"),
                tuple(18, "CREATE TRIGGER IF NOT EXISTS notes_after_update AFTER UPDATE OF state ON notes"),
                tuple(26, "INSERT INTO notes ([body text]) VALUES ('it''s; the first')"),
                tuple(27, "CREATE INDEX notes_state ON notes (state)"));
        assertThat(statements.get(4).sql()).endsWith("WHERE id = NEW.id;\nEND");
    }
}

package dev.lockstep.sql;

import dev.lockstep.sql.CatalogFact.ObjectType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replica that takes over from a killed one reads the statement that was in flight to know
 * what to look for in the catalog. Anything it does not understand must be undecidable, never a guess.
 */
class StatementEffectTest {

    private static StatementEffect mysql(String sql) {
        return StatementEffect.of(sql, SqlDialect.MYSQL);
    }

    private static CatalogFact fact(ObjectType type, String table, String name, boolean present) {
        return new CatalogFact(type, null, table, name, present);
    }

    @Nested
    class Tables {
        @Test
        void create_table_leaves_the_table() {
            assertThat(mysql("CREATE TABLE orders (id INT PRIMARY KEY)")).isEqualTo(
                    new StatementEffect.Observable(java.util.List.of(fact(ObjectType.TABLE, null, "orders", true))));
        }

        @Test
        void a_schema_qualified_name_keeps_its_schema() {
            assertThat(mysql("CREATE TABLE shop.`Orders` (id INT)")).isEqualTo(new StatementEffect.Observable(
                    java.util.List.of(new CatalogFact(ObjectType.TABLE, "shop", null, "Orders", true))));
        }

        @Test
        void drop_table_leaves_every_named_table_absent() {
            assertThat(mysql("DROP TABLE a, b")).isEqualTo(new StatementEffect.Observable(java.util.List.of(
                    fact(ObjectType.TABLE, null, "a", false), fact(ObjectType.TABLE, null, "b", false))));
        }

        @Test
        void rename_table_moves_the_name() {
            assertThat(mysql("RENAME TABLE old_orders TO orders")).isEqualTo(new StatementEffect.Observable(java.util.List.of(
                    fact(ObjectType.TABLE, null, "old_orders", false), fact(ObjectType.TABLE, null, "orders", true))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"CREATE TABLE IF NOT EXISTS t (id INT)", "CREATE OR REPLACE TABLE t (id INT)",
                "DROP TABLE IF EXISTS t", "TRUNCATE TABLE t", "CREATE OR REPLACE VIEW v AS SELECT 1",
                "GRANT SELECT ON t TO app", "ALTER TABLE t MODIFY COLUMN name VARCHAR(200) NOT NULL",
                "ALTER TABLE t ALTER COLUMN name SET DEFAULT 'x'", "ALTER TABLE t ENGINE = InnoDB",
                "CREATE INDEX IF NOT EXISTS i ON t (a)", "ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT"})
        void statements_that_are_safe_to_run_again_are_repeatable(String sql) {
            assertThat(mysql(sql)).isInstanceOf(StatementEffect.Repeatable.class);
        }
    }

    @Nested
    class AlterTable {
        @Test
        void add_column_is_seen_in_the_columns() {
            assertThat(mysql("ALTER TABLE customers ADD COLUMN email VARCHAR(200) NOT NULL DEFAULT ''"))
                    .isEqualTo(new StatementEffect.Observable(java.util.List.of(fact(ObjectType.COLUMN, "customers", "email", true))));
        }

        @Test
        void every_action_it_can_see_counts_and_repeatable_ones_are_ignored() {
            StatementEffect effect = mysql("ALTER TABLE t ADD c1 INT, DROP COLUMN c0, MODIFY c2 BIGINT,"
                    + " ADD INDEX t_c1 (c1), DROP FOREIGN KEY t_fk, ALGORITHM=INPLACE");
            assertThat(effect).isEqualTo(new StatementEffect.Observable(java.util.List.of(
                    fact(ObjectType.COLUMN, "t", "c1", true), fact(ObjectType.COLUMN, "t", "c0", false),
                    fact(ObjectType.INDEX, "t", "t_c1", true), fact(ObjectType.CONSTRAINT, "t", "t_fk", false))));
        }

        @Test
        void change_column_that_renames_moves_the_column_name() {
            assertThat(mysql("ALTER TABLE t CHANGE COLUMN old_name new_name INT")).isEqualTo(new StatementEffect.Observable(
                    java.util.List.of(fact(ObjectType.COLUMN, "t", "old_name", false), fact(ObjectType.COLUMN, "t", "new_name", true))));
        }

        @Test
        void named_constraints_and_the_mysql_primary_key_are_seen() {
            assertThat(mysql("ALTER TABLE o ADD CONSTRAINT o_customer_fk FOREIGN KEY (customer_id) REFERENCES c (id)"))
                    .isEqualTo(new StatementEffect.Observable(java.util.List.of(fact(ObjectType.CONSTRAINT, "o", "o_customer_fk", true))));
            assertThat(mysql("ALTER TABLE o ADD PRIMARY KEY (id)"))
                    .isEqualTo(new StatementEffect.Observable(java.util.List.of(fact(ObjectType.CONSTRAINT, "o", "PRIMARY", true))));
        }

        @Test
        void rename_to_and_rename_column_are_both_read() {
            assertThat(mysql("ALTER TABLE a RENAME TO b")).isEqualTo(new StatementEffect.Observable(java.util.List.of(
                    fact(ObjectType.TABLE, null, "a", false), fact(ObjectType.TABLE, null, "b", true))));
            assertThat(StatementEffect.of("ALTER TABLE a RENAME x TO y", SqlDialect.POSTGRESQL)).isEqualTo(
                    new StatementEffect.Observable(java.util.List.of(fact(ObjectType.COLUMN, "a", "x", false),
                            fact(ObjectType.COLUMN, "a", "y", true))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES u (id)", "ALTER TABLE t ADD CHECK (a > 0)",
                "ALTER TABLE t ADD PARTITION (PARTITION p1 VALUES LESS THAN (10))", "ALTER TABLE t ADD (a INT, b INT)"})
        void unnamed_or_invisible_changes_are_undecidable(String sql) {
            assertThat(mysql(sql)).isInstanceOf(StatementEffect.Undecidable.class);
        }
    }

    @Nested
    class IndexesViewsAndRoutines {
        @Test
        void create_index_names_its_table() {
            assertThat(mysql("CREATE UNIQUE INDEX orders_number ON shop.orders (number)")).isEqualTo(new StatementEffect.Observable(
                    java.util.List.of(new CatalogFact(ObjectType.INDEX, "shop", "orders", "orders_number", true))));
        }

        @Test
        void postgres_folds_unquoted_names_and_reads_concurrently() {
            assertThat(StatementEffect.of("CREATE INDEX CONCURRENTLY Orders_Number ON \"Orders\" (number)", SqlDialect.POSTGRESQL))
                    .isEqualTo(new StatementEffect.Observable(java.util.List.of(fact(ObjectType.INDEX, "Orders", "orders_number", true))));
            assertThat(StatementEffect.of("DROP INDEX CONCURRENTLY orders_number", SqlDialect.POSTGRESQL))
                    .isEqualTo(new StatementEffect.Observable(java.util.List.of(fact(ObjectType.INDEX, null, "orders_number", false))));
        }

        @Test
        void drop_index_on_a_table() {
            assertThat(mysql("DROP INDEX i ON t")).isEqualTo(
                    new StatementEffect.Observable(java.util.List.of(fact(ObjectType.INDEX, "t", "i", false))));
        }

        @Test
        void views_triggers_and_routines_with_definers() {
            assertThat(mysql("CREATE ALGORITHM=MERGE DEFINER='root'@'%' SQL SECURITY INVOKER VIEW v AS SELECT 1"))
                    .isEqualTo(new StatementEffect.Observable(java.util.List.of(fact(ObjectType.VIEW, null, "v", true))));
            assertThat(mysql("CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1"))
                    .isEqualTo(new StatementEffect.Observable(java.util.List.of(fact(ObjectType.TRIGGER, "t", "t_bi", true))));
            assertThat(mysql("CREATE DEFINER=CURRENT_USER PROCEDURE p() BEGIN SELECT 1; END"))
                    .isEqualTo(new StatementEffect.Observable(java.util.List.of(fact(ObjectType.ROUTINE, null, "p", true))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"CREATE INDEX ON t (a)", "CREATE SEQUENCE s", "ALTER SEQUENCE s RESTART", "LOCK TABLES t WRITE",
                "CREATE TABLE"})
        void what_it_does_not_read_is_undecidable(String sql) {
            assertThat(StatementEffect.of(sql, SqlDialect.POSTGRESQL)).isInstanceOf(StatementEffect.Undecidable.class);
        }
    }
}

package dev.lockstep.sql;

import dev.lockstep.sql.Change.AlterTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statement model: one reading of a DDL statement into typed changes, names resolved as the database resolves
 * them, that the in-flight judge and lint both read. What each form means to them is pinned in
 * {@link StatementEffectCorpusTest} and {@code LintCorpusTest}; this says what the model itself holds.
 */
class ChangeTest {

    private static Change read(String sql, SqlDialect dialect) {
        return Change.of(SqlTokenizer.tokenize(sql, dialect), dialect);
    }

    @Test
    void namesAreQualifiedUnquotedAndFoldedAsTheDatabaseFoldsThem() {
        Change.Create postgres = (Change.Create) read("CREATE TABLE Shop.\"Orders\" (id int)", SqlDialect.POSTGRESQL);
        Change.Create mysql = (Change.Create) read("CREATE TABLE Shop.`Orders` (id int)", SqlDialect.MYSQL);

        assertThat(postgres.name()).isEqualTo(new SqlName("shop", "Orders", "Shop.\"Orders\"", 2, 5));
        assertThat(mysql.name()).isEqualTo(new SqlName("Shop", "Orders", "Shop.`Orders`", 2, 5));
        assertThat(postgres.name().key()).isEqualTo("orders");
    }

    @Test
    void createKeepsItsObjectItsGuardsAndWhereItsObjectWordStands() {
        Change.Create index = (Change.Create) read("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY app.t (a)",
                SqlDialect.POSTGRESQL);

        assertThat(index.object()).isEqualTo(Change.ObjectKind.INDEX);
        assertThat(index.objectAt()).isEqualTo(2);
        assertThat(index.unique()).isTrue();
        assertThat(index.concurrently()).isTrue();
        assertThat(index.ifNotExists()).isTrue();
        assertThat(index.name().name()).isEqualTo("i");
        assertThat(index.on()).extracting(SqlName::schema, SqlName::name).containsExactly("app", "t");
    }

    @Test
    void aWordBeforeTheObjectThatIsNoKnownModifierIsKeptSoNothingIsGuessed() {
        Change.Create virtual = (Change.Create) read("CREATE VIRTUAL TABLE docs USING fts5(body)", SqlDialect.SQLITE);

        assertThat(virtual.object()).isEqualTo(Change.ObjectKind.TABLE);
        assertThat(virtual.unread()).isEqualTo("VIRTUAL");
        assertThat(StatementEffect.of(virtual, SqlDialect.SQLITE)).isInstanceOf(StatementEffect.Undecidable.class);
    }

    @Test
    void definersAndViewOptionsAreNoObjects() {
        Change.Create procedure = (Change.Create) read("CREATE DEFINER=CURRENT_USER() PROCEDURE p() SELECT 1", SqlDialect.MYSQL);

        assertThat(procedure.object()).isEqualTo(Change.ObjectKind.PROCEDURE);
        assertThat(procedure.unread()).isNull();
        assertThat(procedure.name().name()).isEqualTo("p");
    }

    @Test
    void dropNamesEveryObjectAndTheTableOfAnIndex() {
        Change.Drop tables = (Change.Drop) read("DROP TABLE IF EXISTS a, shop.b", SqlDialect.MYSQL);
        Change.Drop index = (Change.Drop) read("DROP INDEX i ON t", SqlDialect.MYSQL);

        assertThat(tables.ifExists()).isTrue();
        assertThat(tables.names()).extracting(SqlName::written).containsExactly("a", "shop.b");
        assertThat(index.on().name()).isEqualTo("t");
    }

    @Test
    void alterTableIsCutIntoTypedActionsWithTheirTokens() {
        AlterTable alter = (AlterTable) read("ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT, DROP COLUMN d,"
                + " ALTER COLUMN e TYPE bigint, ADD CONSTRAINT t_fk FOREIGN KEY (c) REFERENCES u (id), ADD UNIQUE u_c (c),"
                + " RENAME x TO y, CHANGE f g INT, DROP PRIMARY KEY, ADD PARTITION (PARTITION p1 VALUES LESS THAN (10)),"
                + " ALGORITHM=INPLACE", SqlDialect.MYSQL);

        assertThat(alter.table().name()).isEqualTo("t");
        assertThat(alter.actions()).extracting(a -> a.getClass().getSimpleName()).containsExactly("AddColumn", "DropColumn",
                "AlterColumn", "AddConstraint", "AddIndex", "RenameColumn", "ChangeColumn", "DropPrimaryKey", "Unread",
                "OtherAction");
        assertThat(alter.actions().get(0)).isEqualTo(new AlterTable.AddColumn(
                new SqlName(null, "c", "c", 8, 9), true, 3, 10));
        AlterTable.AlterColumn type = (AlterTable.AlterColumn) alter.actions().get(2);
        assertThat(type.change()).isEqualTo(AlterTable.ColumnChange.TYPE);
        assertThat(type.verbAt()).isEqualTo(18);
        AlterTable.AddConstraint fk = (AlterTable.AddConstraint) alter.actions().get(3);
        assertThat(fk.name().name()).isEqualTo("t_fk");
        assertThat(fk.kind()).isEqualTo("FOREIGN");
        assertThat(((AlterTable.AddIndex) alter.actions().get(4)).modifier()).isEqualTo("UNIQUE");
        assertThat(((AlterTable.Unread) alter.actions().get(8)).what()).isEqualTo("ADD PARTITION");
        assertThat(((AlterTable.OtherAction) alter.actions().get(9)).verb()).isEqualTo("ALGORITHM");
    }

    @Test
    void renameWithoutToRenamesTheTable() {
        AlterTable alter = (AlterTable) read("ALTER TABLE a RENAME b", SqlDialect.MYSQL);

        assertThat(alter.actions()).singleElement().isInstanceOfSatisfying(AlterTable.RenameTable.class,
                r -> assertThat(r.to().name()).isEqualTo("b"));
    }

    @Test
    void whatItDoesNotReadIsOtherByItsFirstWords() {
        assertThat(read("ALTER SEQUENCE s RESTART", SqlDialect.POSTGRESQL)).isEqualTo(new Change.Other("ALTER", "SEQUENCE"));
        assertThat(read("TRUNCATE TABLE t", SqlDialect.MYSQL)).isEqualTo(new Change.Other("TRUNCATE", "TABLE"));
        assertThat(read("DROP TABLE a, 'b'", SqlDialect.MYSQL)).isEqualTo(new Change.Other("DROP", "TABLE"));
    }
}

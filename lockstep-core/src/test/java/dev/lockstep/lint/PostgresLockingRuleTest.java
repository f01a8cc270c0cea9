package dev.lockstep.lint;

import dev.lockstep.result.MigrationType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.lockstep.lint.LintDialect.MYSQL;
import static dev.lockstep.lint.LintDialect.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;

class PostgresLockingRuleTest {
    private static final String TIMEOUT = "SET lock_timeout = '5s';\n";

    private static java.util.List<String> codes(String sql) {
        return Lint.codes(POSTGRESQL, TIMEOUT + sql, "LS2");
    }

    @Test
    void createIndexOnAnExistingTableWithoutConcurrentlyIsAnErrorAtTheIndexWord() {
        Finding finding = Lint.findings(POSTGRESQL, TIMEOUT + "CREATE INDEX IF NOT EXISTS orders_x ON orders (x);").get(0);

        assertThat(finding.code()).isEqualTo("LS201");
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.line()).isEqualTo(2);
        assertThat(finding.column()).isEqualTo(8);
        assertThat(finding.fix()).contains("CONCURRENTLY");
    }

    @Test
    void theFixForAUniqueIndexKeepsItUnique() {
        Finding finding = Lint.findings(POSTGRESQL, TIMEOUT + "CREATE UNIQUE INDEX IF NOT EXISTS orders_x ON orders (x);").get(0);

        assertThat(finding.code()).isEqualTo("LS201");
        assertThat(finding.fix()).contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS");
        assertThat(finding.message()).startsWith("CREATE UNIQUE INDEX on orders");
    }

    @Test
    void anIndexOnATableCreatedEarlierInTheFileNeedsNoConcurrently() {
        assertThat(Lint.codes(POSTGRESQL, """
                CREATE TABLE IF NOT EXISTS orders (id int, x int);
                CREATE INDEX IF NOT EXISTS orders_x ON orders (x);
                """, "LS2")).isEmpty();
    }

    @Test
    void concurrentIndexAloneInItsFileIsFine() {
        assertThat(Lint.codes(POSTGRESQL, "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_x ON orders (x);")).isEmpty();
    }

    @Test
    void concurrentIndexBesideOtherStatementsIsAdvice() {
        Finding finding = Lint.findings(POSTGRESQL, TIMEOUT + "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (x);").get(0);
        assertThat(finding.code()).isEqualTo("LS208");
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void addColumnNotNullWithoutDefaultIsAnError() {
        assertThat(codes("ALTER TABLE users ADD COLUMN IF NOT EXISTS age int NOT NULL;")).containsExactly("LS202");
    }

    @Test
    void addColumnNotNullWithAConstantDefaultOrOnANewTableIsFine() {
        assertThat(codes("ALTER TABLE users ADD COLUMN IF NOT EXISTS age int NOT NULL DEFAULT 0;")).isEmpty();
        assertThat(codes("ALTER TABLE users ADD COLUMN IF NOT EXISTS created timestamptz NOT NULL DEFAULT now();")).isEmpty();
        assertThat(Lint.codes(POSTGRESQL, "CREATE TABLE IF NOT EXISTS t (id int);\n"
                + "ALTER TABLE t ADD COLUMN IF NOT EXISTS age int NOT NULL;", "LS2")).isEmpty();
    }

    @Test
    void aVolatileDefaultRewritesTheTable() {
        assertThat(codes("ALTER TABLE users ADD COLUMN IF NOT EXISTS token uuid DEFAULT gen_random_uuid();"))
                .containsExactly("LS203");
        assertThat(codes("ALTER TABLE users ADD COLUMN IF NOT EXISTS n bigserial;")).containsExactly("LS203");
        assertThat(codes("ALTER TABLE users ADD COLUMN IF NOT EXISTS t timestamptz DEFAULT clock_timestamp();"))
                .containsExactly("LS203");
    }

    @Test
    void nowAndCurrentTimestampAreNotVolatile() {
        assertThat(codes("ALTER TABLE users ADD COLUMN IF NOT EXISTS t timestamptz DEFAULT now();")).isEmpty();
        assertThat(codes("ALTER TABLE users ADD COLUMN IF NOT EXISTS t timestamptz DEFAULT CURRENT_TIMESTAMP;")).isEmpty();
    }

    @Test
    void aVolatileDefaultOnANewTableLocksNothing() {
        assertThat(Lint.codes(POSTGRESQL, "CREATE TABLE IF NOT EXISTS t (id uuid DEFAULT gen_random_uuid());", "LS2")).isEmpty();
    }

    @Test
    void changingAColumnTypeIsAnError() {
        assertThat(codes("ALTER TABLE users ALTER COLUMN age TYPE bigint;")).containsExactly("LS204");
        assertThat(codes("ALTER TABLE users ALTER age SET DATA TYPE bigint;")).containsExactly("LS204");
        assertThat(codes("ALTER TABLE users ALTER COLUMN age SET DEFAULT 0;")).isEmpty();
    }

    @Test
    void constraintsNeedNotValid() {
        assertThat(codes("ALTER TABLE orders ADD CONSTRAINT orders_fk FOREIGN KEY (user_id) REFERENCES users (id);"))
                .containsExactly("LS205");
        assertThat(codes("ALTER TABLE orders ADD CHECK (total >= 0);")).containsExactly("LS205");
        assertThat(codes("ALTER TABLE orders ADD CONSTRAINT orders_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;"))
                .isEmpty();
        assertThat(codes("ALTER TABLE orders VALIDATE CONSTRAINT orders_fk;")).isEmpty();
    }

    @Test
    void setNotNullIsAnError() {
        assertThat(codes("ALTER TABLE users ALTER COLUMN email SET NOT NULL;")).containsExactly("LS206");
        assertThat(codes("ALTER TABLE users ALTER COLUMN email DROP NOT NULL;")).isEmpty();
    }

    @Test
    void ddlOnAnExistingTableWithoutLockTimeoutIsReportedOncePerFile() {
        assertThat(Lint.codes(POSTGRESQL, """
                ALTER TABLE users ALTER COLUMN email SET DEFAULT '';
                ALTER TABLE users ALTER COLUMN name SET DEFAULT '';
                """, "LS2")).containsExactly("LS207");
    }

    @Test
    void aLockTimeoutSetInTheFileOrANewTableNeedsNoOther() {
        assertThat(Lint.codes(POSTGRESQL, "SET LOCAL lock_timeout TO '2s';\nALTER TABLE users ALTER COLUMN e SET DEFAULT '';",
                "LS2")).isEmpty();
        assertThat(Lint.codes(POSTGRESQL, "CREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t ALTER COLUMN id SET DEFAULT 0;",
                "LS2")).isEmpty();
    }

    @Test
    void lockstepsOwnLockTimeoutBoundsDdlUnlessTheFileTurnsItOff() {
        LintOptions applied = new LintOptions(POSTGRESQL, false);
        LintSource file = new LintSource("V2__alter.sql", "ALTER TABLE users ALTER COLUMN e SET DEFAULT '';",
                dev.lockstep.result.MigrationType.SQL, dev.lockstep.result.Version.parse("2"));
        LintSource unset = new LintSource("V3__alter.sql", "SET lock_timeout = 0;\nALTER TABLE users ALTER COLUMN e SET DEFAULT '';",
                dev.lockstep.result.MigrationType.SQL, dev.lockstep.result.Version.parse("3"));

        assertThat(new Linter(applied).lint(List.of(file)).findings()).extracting(Finding::code).doesNotContain("LS207");
        assertThat(new Linter(applied).lint(List.of(unset)).findings()).extracting(Finding::code).contains("LS207");
    }

    @Test
    void aLockTimeoutOfZeroDisablesIt() {
        assertThat(Lint.codes(POSTGRESQL, "SET lock_timeout = 0;\nALTER TABLE users ALTER COLUMN e SET DEFAULT '';", "LS2"))
                .containsExactly("LS207");
    }

    @Test
    void postgresRulesDoNotApplyToOtherDialects() {
        assertThat(Lint.codes(MYSQL, "ALTER TABLE users ADD COLUMN age int NOT NULL;", "LS2")).isEmpty();
    }
}

package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise lockstep is built on: sixteen replicas started at the same instant against a fresh
 * database all succeed, every migration is applied exactly once, and the ones that wait say who
 * holds the lock. Real processes, real databases.
 */
class ReplicasIT {
    private static final int REPLICAS = 16;

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void sixteenReplicasStartedAtOnceApplyEveryMigrationExactlyOnce(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path migrations = writeMigrations(folder, database);

            List<CliProcess> replicas = new ArrayList<>();
            for (int i = 1; i <= REPLICAS; i++) {
                replicas.add(CliProcess.start(folder, "replica-" + i, "migrate", "--url", database.url(),
                        "--locations", migrations.toString(), "--replica-id", "replica-" + i,
                        "--connect-timeout", "30s", "--lock-timeout", "2m"));
            }

            StringBuilder logs = new StringBuilder();
            for (CliProcess replica : replicas) {
                int code = replica.exitCode(180);
                logs.append(replica.stderr());
                assertThat(code).as("exit code; stderr:%n%s", replica.stderr()).isZero();
            }

            assertThat(database.query("SELECT COUNT(*) FROM lockstep_history")).containsExactly("7");
            assertAppliedExactlyOnce(database);
            assertThat(logs.toString()).as("waiting replicas say who holds the lock")
                    .containsPattern("Waiting for the migration lock .*held by .*replica-\\d+");
        }
    }

    /** Every migration of {@link #writeMigrations} applied, once. */
    static void assertAppliedExactlyOnce(TestDatabase database) throws Exception {
        assertThat(database.query("SELECT COUNT(*) FROM lockstep_history WHERE status = 'applied'")).containsExactly("7");
        assertThat(database.query("SELECT COUNT(*) FROM lockstep_history WHERE version IS NOT NULL AND status = 'applied'"
                + " GROUP BY version HAVING COUNT(*) > 1")).as("one applied row per version").isEmpty();
        assertThat(database.query("SELECT COUNT(*) FROM applied_once")).as("a non-idempotent insert ran once")
                .containsExactly("1");
        assertThat(database.query("SELECT COUNT(*) FROM orders")).containsExactly("2");
    }

    /** Seven migrations; V2 sleeps two seconds, so that the other replicas queue behind it. */
    static Path writeMigrations(Path folder, TestDatabase database) throws IOException {
        Path dir = Files.createDirectories(folder.resolve("db/migration"));
        String autoId = switch (database.kind()) {
            case POSTGRESQL -> "id BIGSERIAL PRIMARY KEY";
            case MARIADB -> "id BIGINT AUTO_INCREMENT PRIMARY KEY";
            case SQLITE -> "id INTEGER PRIMARY KEY AUTOINCREMENT";
        };
        Files.writeString(dir.resolve("V1__create_customers.sql"),
                "CREATE TABLE customers (" + autoId + ", name VARCHAR(100) NOT NULL);\n");
        Files.writeString(dir.resolve("V2__slow_backfill.sql"),
                "-- keeps the lock long enough for the other replicas to queue behind it\n" + database.sleepSql(2) + "\n");
        Files.writeString(dir.resolve("V3__create_orders.sql"),
                "CREATE TABLE orders (" + autoId + ", customer_id BIGINT NOT NULL, total DECIMAL(10, 2));\n"
                        + "CREATE INDEX orders_customer ON orders (customer_id);\n");
        Files.writeString(dir.resolve("V4__applied_once.sql"),
                "CREATE TABLE applied_once (marker VARCHAR(20));\nINSERT INTO applied_once VALUES ('ran');\n");
        Files.writeString(dir.resolve("V5__seed.sql"),
                "INSERT INTO customers (name) VALUES ('Ada; Lovelace');\n"
                        + "INSERT INTO orders (customer_id, total) VALUES (1, 10.50);\n"
                        + "INSERT INTO orders (customer_id, total) VALUES (1, 99.00);\n");
        Files.writeString(dir.resolve("V20261121120000__timestamp_version.sql"),
                "ALTER TABLE customers ADD email VARCHAR(200);\n");
        Files.writeString(dir.resolve("R__customer_totals.sql"),
                "DROP VIEW IF EXISTS customer_totals;\n"
                        + "CREATE VIEW customer_totals AS SELECT customer_id, SUM(total) AS total FROM orders GROUP BY customer_id;\n");
        return dir;
    }
}

package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DDL meeting a table that application traffic holds gives up within the DDL lock timeout, so
 * production queries never queue behind it for long, and is retried with back-off until the table is free.
 */
class BusyTableIT {
    @TempDir
    Path folder;
    Path migrations;

    @BeforeEach
    void setUp() throws IOException {
        migrations = Files.createDirectories(folder.resolve("db/migration"));
    }

    /** The tables made before migrating stand for an existing application schema, adopted at version 0. */
    private LockstepConfig.Builder configure(TestDatabase database) {
        return Lockstep.configure().url(database.url()).locations(migrations.toString())
                .ddlLockTimeout(Duration.ofMillis(200)).connectTimeout(Duration.ofSeconds(5))
                .baselineOnMigrate(true).baselineVersion("0");
    }

    /** An application transaction that holds a lock on {@code orders} for {@code millis}, then commits. */
    private static CompletableFuture<Void> holdTable(TestDatabase database, String lockSql, long millis) throws Exception {
        Connection app = DriverManager.getConnection(database.url());
        app.setAutoCommit(false);
        try (Statement s = app.createStatement()) {
            s.execute(lockSql);
        }
        return CompletableFuture.runAsync(() -> {
            try (app) {
                Thread.sleep(millis);
                app.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void retriesDdlOnABusyTableUntilTheApplicationLetsGo() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            database.execute("CREATE TABLE orders (id int)");
            Files.writeString(migrations.resolve("V1__add_total.sql"), "ALTER TABLE orders ADD COLUMN total numeric;\n");
            CompletableFuture<Void> app = holdTable(database, "SELECT * FROM orders", 2500);

            configure(database).load().migrate();

            app.get(10, TimeUnit.SECONDS);
            assertThat(database.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders'"
                    + " AND column_name = 'total'")).containsExactly("1");
            assertThat(database.query("SELECT status FROM lockstep_history WHERE type = 'SQL'")).containsExactly("applied");
        }
    }

    @Test
    void failsOnceTheRetryTimeRunsOutWithTheDatabaseMessage() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            database.execute("CREATE TABLE orders (id int)");
            Files.writeString(migrations.resolve("V1__add_total.sql"), "ALTER TABLE orders ADD COLUMN total numeric;\n");
            CompletableFuture<Void> app = holdTable(database, "SELECT * FROM orders", 6000);

            assertThatThrownBy(() -> configure(database).ddlRetryFor(Duration.ofSeconds(1)).load().migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.MIGRATION_FAILED);
                        assertThat(e.getMessage()).contains("V1__add_total.sql", "lock timeout", "rolled the migration back");
                    });
            app.get(10, TimeUnit.SECONDS);
            assertThat(database.query("SELECT status FROM lockstep_history WHERE type = 'SQL'")).containsExactly("failed");
        }
    }

    @Test
    void dropsTheInvalidIndexThatATimedOutConcurrentBuildLeavesBeforeRetrying() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            database.execute("CREATE TABLE orders (id int)");
            database.execute("CREATE TABLE other (id int)");
            Files.writeString(migrations.resolve("V1__index.sql"), "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_id ON orders (id);\n");
            // An old open transaction: the concurrent build waits for it after creating its (still invalid) index.
            CompletableFuture<Void> app = holdTable(database, "SELECT txid_current()", 2500);

            configure(database).load().migrate();

            app.get(10, TimeUnit.SECONDS);
            assertThat(database.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_id'::regclass"))
                    .as("a valid index, not the invalid leftover accepted by IF NOT EXISTS").containsExactly("t");
        }
    }
}

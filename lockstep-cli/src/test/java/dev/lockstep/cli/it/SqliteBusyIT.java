package dev.lockstep.cli.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SQLite migration that keeps the file locked longer than the busy timeout of every other session (one
 * writer locks the whole file): the other replicas' migrate, exec, wait and info wait for it, say whom they
 * wait for, and exit 0 once it is done, instead of failing on {@code SQLITE_BUSY}. Real processes on a real
 * file. So that the waiters are sure to meet the locked file, the test holds a read transaction open from
 * before the holder's first write until every waiter has said it waits: the holder's first commit queues
 * behind it (SQLite's pending lock), and from then on no new reader gets in, just as during a long
 * transaction. Then the holder runs a migration that takes seconds, and everyone finishes.
 */
class SqliteBusyIT {
    /** Enough rows to spill SQLite's page cache (the writer then locks the file), then seconds of work. */
    private static final String LONG_MIGRATION = """
            CREATE TABLE adversarial_pad AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000)
              SELECT x, printf('%050d', x) AS pad FROM c;
            CREATE TABLE adversarial_total AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000000)
              SELECT sum(x) AS total FROM c;
            """;
    private static final Pattern WAITING = Pattern.compile("Waiting for the migration lock .* held by adversarial-holder"
            + " .*whose transaction has the database locked");

    @TempDir
    Path folder;

    @Test
    void replicasWaitForALongSqliteMigrationAndExitZeroOnceItIsDone() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE adversarial_t (id INTEGER);\n");
        Files.writeString(migrations.resolve("V2__long.sql"), LONG_MIGRATION);
        String url = "jdbc:sqlite:" + folder.resolve("adversarial_busy.db");
        String[] common = {"--url", url, "--locations", migrations.toString(), "--connect-timeout", "10s"};

        Path database = folder.resolve("adversarial_busy.db");
        Files.createFile(database);
        CliProcess holder;
        List<CliProcess> waiters = new ArrayList<>();
        try (Connection gate = DriverManager.getConnection(url); Statement read = gate.createStatement()) {
            read.execute("BEGIN");
            read.executeQuery("SELECT COUNT(*) FROM sqlite_master").close();
            holder = start("holder", concat(new String[] {"migrate", "--replica-id", "adversarial-holder"}, common));
            awaitLockHeldBy(database.resolveSibling(database.getFileName() + ".lockstep-lock"), "adversarial-holder");
            startWaiters(waiters, common);
            CliProcess impatient = start("impatient", concat(new String[] {"wait", "--timeout", "2s"}, common));
            for (CliProcess waiter : waiters) {
                waiter.awaitStderr(WAITING, 60);
            }
            assertThat(impatient.exitCode(60)).as("wait --timeout ran out; stderr:%n%s", impatient.stderr()).isEqualTo(4);
            assertThat(impatient.stderr()).contains("waiting to read").contains("wait --timeout").doesNotContain("SQLITE_BUSY");
            read.execute("COMMIT");
        }
        assertThat(holder.exitCode(120)).as("holder; stderr:%n%s", holder.stderr()).isZero();
        for (CliProcess waiter : waiters) {
            assertThat(waiter.exitCode(120)).as("stderr:%n%s", waiter.stderr()).isZero();
            assertThat(waiter.stderr()).doesNotContain("SQLITE_BUSY");
        }
        assertThat(waiters.get(1).stdout()).as("wait").contains("up to date at version 2");
        assertThat(waiters.get(2).stdout()).as("info, read between two transactions").contains("create");
        assertThat(waiters.get(3).stdout()).contains("adversarial-app-ran");
    }

    private void startWaiters(List<CliProcess> waiters, String[] common) throws Exception {
        waiters.add(start("migrate", concat(new String[] {"migrate", "--lock-timeout", "2m"}, common)));
        waiters.add(start("wait", concat(new String[] {"wait", "--timeout", "2m"}, common)));
        waiters.add(start("info", concat(new String[] {"info", "--lock-timeout", "2m"}, common)));
        waiters.add(start("exec", concat(concat(new String[] {"exec", "--lock-timeout", "2m"}, common),
                runAsWhenRoot("--", "sh", "-c", "echo adversarial-app-ran"))));
    }

    private static void awaitLockHeldBy(Path lockFile, String replica) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(lockFile) && Files.readString(lockFile).contains(replica))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(replica + " never took the lock " + lockFile);
            }
            Thread.sleep(50);
        }
    }

    private CliProcess start(String name, String... args) throws Exception {
        return CliProcess.start(folder, "adversarial-" + name, Map.of(), args);
    }

    /** exec refuses to start its app as root unless told whom as: the app here needs no privileges. */
    private static String[] runAsWhenRoot(String... command) {
        return "root".equals(System.getProperty("user.name")) ? concat(new String[] {"--run-as", "65534:65534"}, command) : command;
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}

package dev.lockstep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * S8: a backfill of a table of a million rows (lockstep only) while an application updates single random rows of it,
 * each write in its own transaction with a lock timeout of 60 s: once by key ranges ({@code -- lockstep:batch key=id}),
 * once as a self-bounded {@code -- lockstep:batch} with batches of 5,000, once as the one {@code UPDATE} users would
 * otherwise write. Measured: the migration's wall time and rate, and
 * how long the application's writes waited (the longest, the 99th percentile), and whether each row changed once.
 */
final class Backfill implements Scenario {
    static final int ROWS = 1_000_000;
    static final int BATCH = 5_000;

    @Override
    public String id() {
        return "S8";
    }

    @Override
    public Report run(Options options, Jars jars, Path work) throws Exception {
        Report report = new Report("s8-backfill", "S8: a backfill of " + ROWS + " rows while the application writes",
                "A table of " + ROWS + " rows gets a column, then its backfill, through `./lockstep migrate`, while a thread"
                        + " of the harness updates single random rows (one transaction each, a 60 s lock timeout of its own)."
                        + " Key ranges: `-- lockstep:batch key=id size=" + BATCH + "` before the plain UPDATE. Batched: `-- lockstep:batch` before an UPDATE bounded to " + BATCH + " rows a run; one UPDATE:"
                        + " the same change as one statement. Write waits are each write's time, start to commit.",
                options, 1);
        List<List<String>> rows = new ArrayList<>();
        for (Target.Kind kind : options.databases()) {
            for (String variant : List.of(KEYED, BATCHED, ONE_UPDATE)) {
                Path dir = work.resolve(kind.label + "-" + variant.replace(' ', '-'));
                Path migrations = Files.createDirectories(dir.resolve("migrations"));
                try (Target target = Target.create(kind, dir)) {
                    Files.writeString(migrations.resolve("V1__users.sql"), table(kind));
                    Replica.Outcome filled = Replica.run(Tool.LOCKSTEP.migrate(jars, target, dir, "fill"), dir.resolve("logs"),
                            "fill", false);
                    if (!filled.ok()) {
                        throw new IllegalStateException("S8 could not fill the table on " + kind.label + ": " + filled.error());
                    }
                    Files.writeString(migrations.resolve("V2__email_lower.sql"), backfill(kind, variant));
                    AtomicBoolean done = new AtomicBoolean();
                    ExecutorService pool = Executors.newSingleThreadExecutor();
                    Future<Writes> writer = pool.submit(() -> write(target, done));
                    Replica.Outcome outcome;
                    try {
                        outcome = Replica.run(Tool.LOCKSTEP.migrate(jars, target, dir, "backfill"), dir.resolve("logs"),
                                "backfill", false);
                    } finally {
                        done.set(true);
                        pool.shutdown();
                    }
                    Writes writes = writer.get();
                    long once = target.numberOrZero("SELECT COUNT(*) FROM users WHERE touched = 1");
                    rows.add(List.of(kind.label, variant, outcome.ok() ? "0" : outcome.error(),
                            Stats.ms(outcome.wallMs()), outcome.wallMs() <= 0 ? "n/a"
                                    : String.valueOf(ROWS * 1000L / outcome.wallMs()), String.valueOf(writes.latencies().size()),
                            String.valueOf(writes.failures()), Stats.ms(writes.percentile(99)), Stats.ms(writes.max()),
                            once == ROWS ? "yes" : once + " of " + ROWS));
                    System.err.println("S8 " + rows.get(rows.size() - 1));
                }
            }
        }
        report.table(List.of("database", "variant", "exit", "migration wall (ms)", "rows/s", "writes", "writes failed",
                "write wait p99 (ms)", "write wait max (ms)", "every row once"), rows);
        return report;
    }

    private static String table(Target.Kind kind) {
        String create = "CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(200) NOT NULL,"
                + " visits INTEGER NOT NULL DEFAULT 0, touched INTEGER NOT NULL DEFAULT 0);\n";
        return create + switch (kind) {
            case POSTGRESQL -> "INSERT INTO users (id, email) SELECT g, 'User' || g || '@Example.com'"
                    + " FROM generate_series(1, " + ROWS + ") g;\n";
            case MARIADB -> "INSERT INTO users (id, email) SELECT seq, CONCAT('User', seq, '@Example.com')"
                    + " FROM seq_1_to_" + ROWS + ";\n";
            case SQLITE -> "INSERT INTO users (id, email) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1"
                    + " FROM c WHERE x < " + ROWS + ") SELECT x, 'User' || x || '@Example.com' FROM c;\n";
        };
    }

    private static final String KEYED = "key ranges";
    private static final String BATCHED = "batched";
    private static final String ONE_UPDATE = "one UPDATE";

    /** The column, then its backfill: by key ranges, in self-bounded batches ordered by the key, or as one statement. */
    private static String backfill(Target.Kind kind, String variant) {
        String change = "UPDATE users SET email_lower = lower(email), touched = touched + 1";
        String statement;
        if (variant.equals(KEYED)) {
            statement = "-- lockstep:batch key=id size=" + BATCH + "\n" + change + " WHERE email_lower IS NULL";
        } else if (variant.equals(ONE_UPDATE)) {
            statement = change + " WHERE email_lower IS NULL";
        } else if (kind == Target.Kind.MARIADB) {
            statement = "-- lockstep:batch\n" + change + " WHERE email_lower IS NULL ORDER BY id LIMIT " + BATCH;
        } else {
            statement = "-- lockstep:batch\n" + change + " WHERE id IN (SELECT id FROM users WHERE email_lower IS NULL"
                    + " ORDER BY id LIMIT " + BATCH + ")";
        }
        return "ALTER TABLE users ADD COLUMN email_lower VARCHAR(200);\n" + statement + ";\n";
    }

    /** Each write's time in milliseconds, and how many failed. */
    record Writes(List<Long> latencies, int failures) {
        long percentile(int p) {
            if (latencies.isEmpty()) {
                return -1;
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
        }

        long max() {
            return latencies.isEmpty() ? -1 : Collections.max(latencies);
        }
    }

    private static Writes write(Target target, AtomicBoolean done) throws SQLException {
        List<Long> latencies = new ArrayList<>();
        int failures = 0;
        boolean sqlite = target.kind() == Target.Kind.SQLITE;
        try (Connection c = DriverManager.getConnection(target.url()); Statement s = c.createStatement();
             PreparedStatement update = c.prepareStatement("UPDATE users SET visits = visits + 1 WHERE id = ?")) {
            switch (target.kind()) {
                case POSTGRESQL -> s.execute("SET lock_timeout = '60s'");
                case MARIADB -> s.execute("SET SESSION innodb_lock_wait_timeout = 60");
                case SQLITE -> s.execute("PRAGMA busy_timeout = 60000");
            }
            while (!done.get()) {
                long start = System.nanoTime();
                try {
                    if (sqlite) {
                        s.execute("BEGIN IMMEDIATE");
                    }
                    update.setInt(1, ThreadLocalRandom.current().nextInt(1, ROWS + 1));
                    update.executeUpdate();
                    if (sqlite) {
                        s.execute("COMMIT");
                    }
                    latencies.add((System.nanoTime() - start) / 1_000_000);
                } catch (SQLException e) {
                    failures++;
                    if (sqlite) {
                        try {
                            s.execute("ROLLBACK");
                        } catch (SQLException nothingBegun) {
                            // BEGIN IMMEDIATE itself failed
                        }
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return new Writes(latencies, failures);
    }
}

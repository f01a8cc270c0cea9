package dev.lockstep.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * S7: a fleet of PostgreSQL schemas, 10 migrations each (the standard workload). For each tenant count: one fan-out
 * process ({@code migrate --schemas-like --parallel P}) against fresh schemas, wall time and peak RSS; lockstep run
 * once per schema in turn ({@code migrate --schema s}), one JVM after the other as a shell loop would, on a sample of
 * the schemas and extrapolated to all of them; and two fan-out processes started at once against fresh schemas,
 * checked: every schema has each migration applied once (history rows and the rows the migrations insert), and the
 * applied counts of the two processes' JSON add up to every migration once.
 */
final class FleetOfSchemas implements Scenario {
    private static final int MIGRATIONS = 10;

    @Override
    public String id() {
        return "S7";
    }

    @Override
    public Report run(Options options, Jars jars, Path work) throws Exception {
        int parallel = options.fleetParallel();
        Report report = new Report("s7-fleet-of-schemas", "S7: a fleet of PostgreSQL schemas",
                "Tenants are schemas of one PostgreSQL database, " + MIGRATIONS + " migrations each (the standard workload)."
                        + " Fan-out: one lockstep process, `migrate --schemas-like 'tenant_%' --parallel " + parallel + "`,"
                        + " against fresh schemas; wall time of the process, JVM start included, and its peak RSS."
                        + " One per schema in turn: `migrate --schema tenant_N`, one process after the other as a shell"
                        + " loop runs it, on the first " + options.fleetSample() + " schemas of fresh ones (or all, if"
                        + " fewer), extrapolated linearly to every schema (the time per schema does not depend on how many"
                        + " others exist). Two fan-outs at once: two such processes started together against fresh"
                        + " schemas; exactly once means every schema's history has each migration applied once, its"
                        + " `items` rows are there once, and the two processes' `applied` add up to " + MIGRATIONS
                        + " per schema.", options, 1);
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> shared = new ArrayList<>();
        for (int tenants : options.fleetTenants()) {
            Path dir = work.resolve(String.valueOf(tenants));
            Workload workload = Workload.standard(MIGRATIONS);
            workload.writeTo(dir);

            Replica.Outcome fanOut;
            try (Fleet fleet = Fleet.create(dir, tenants)) {
                fanOut = Replica.run(fanOut(jars, fleet, dir, "fan-out", parallel), dir.resolve("logs"), "fan-out", true);
                check(fleet, workload, "fan-out");
            }
            int sample = Math.min(options.fleetSample(), tenants);
            long sequentialMs;
            try (Fleet fleet = Fleet.create(dir, sample)) {
                long start = System.nanoTime();
                for (int i = 0; i < sample; i++) {
                    Replica.Outcome one = Replica.run(perSchema(jars, fleet, dir, fleet.schema(i)), dir.resolve("logs"),
                            "one-" + i, false);
                    if (!one.ok()) {
                        throw new IllegalStateException("migrate --schema " + fleet.schema(i) + " failed: " + one.error());
                    }
                }
                sequentialMs = (System.nanoTime() - start) / 1_000_000;
                check(fleet, workload, "one per schema");
            }
            long extrapolated = sequentialMs * tenants / sample;
            rows.add(List.of(String.valueOf(tenants), String.valueOf(parallel), fanOut.ok() ? Stats.ms(fanOut.wallMs())
                    : "failed: " + fanOut.error(), Stats.mb(fanOut.peakRssKb()), sample + " in " + sequentialMs + " ms",
                    String.valueOf(extrapolated) + (sample < tenants ? " (extrapolated)" : ""),
                    Stats.ratio(fanOut.ok() ? fanOut.wallMs() : -1, extrapolated)));
            System.err.println("S7 " + rows.get(rows.size() - 1));

            try (Fleet fleet = Fleet.create(dir, tenants)) {
                long start = System.nanoTime();
                Replica first = Replica.start(fanOut(jars, fleet, dir, "fan-out-a", parallel), dir.resolve("logs"), "two-a", false);
                Replica second = Replica.start(fanOut(jars, fleet, dir, "fan-out-b", parallel), dir.resolve("logs"), "two-b", false);
                Replica.Outcome a = first.await(30, TimeUnit.MINUTES);
                Replica.Outcome b = second.await(30, TimeUnit.MINUTES);
                long wall = (System.nanoTime() - start) / 1_000_000;
                long applied = appliedInJson(dir.resolve("logs/two-a.out")) + appliedInJson(dir.resolve("logs/two-b.out"));
                String once = check(fleet, workload, null);
                shared.add(List.of(String.valueOf(tenants), a.ok() && b.ok() ? "both exit 0" : "exits " + a.exitCode()
                        + ", " + b.exitCode(), once.isEmpty() ? "yes, " + tenants + " of " + tenants : "**no**: " + once,
                        applied + " of " + (long) tenants * MIGRATIONS, Stats.ms(wall)));
                System.err.println("S7 two at once " + shared.get(shared.size() - 1));
            }
        }
        report.table(List.of("tenants", "--parallel", "fan-out wall (ms)", "fan-out peak RSS (MB)",
                "one per schema: sample", "one per schema: all (ms)", "fan-out / one per schema"), rows);
        report.paragraph("Two fan-out processes at once, against fresh schemas:");
        report.table(List.of("tenants", "processes", "every schema has every migration once", "applied, both processes",
                "wall until both exit (ms)"), shared);
        return report;
    }

    private static List<String> fanOut(Jars jars, Fleet fleet, Path dir, String replica, int parallel) {
        return List.of(jars.launcher().toString(), "migrate", "--url", fleet.url(), "--locations",
                dir.resolve("migrations").toString(), "--schemas-like", fleet.prefix() + "%", "--parallel",
                String.valueOf(parallel), "--replica-id", replica, "--lock-timeout", "5m", "--connect-timeout", "30s",
                "--format", "json");
    }

    private static List<String> perSchema(Jars jars, Fleet fleet, Path dir, String schema) {
        return List.of(jars.launcher().toString(), "migrate", "--url", fleet.url(), "--locations",
                dir.resolve("migrations").toString(), "--schema", schema, "--replica-id", "one-by-one",
                "--lock-timeout", "5m", "--connect-timeout", "30s");
    }

    /** The sum of every tenant's {@code "applied"} in a fan-out's JSON result. */
    private static long appliedInJson(Path out) throws java.io.IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"applied\" : (\\d+)").matcher(java.nio.file.Files.readString(out));
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    /**
     * What is wrong with the fleet's schemas ({@code ""} when every one has each migration once); throws for
     * {@code what} when that is not {@code null} and something is wrong.
     */
    private static String check(Fleet fleet, Workload workload, String what) throws SQLException {
        int wrong = 0;
        String first = "";
        try (Connection c = DriverManager.getConnection(fleet.url()); Statement s = c.createStatement()) {
            for (int i = 0; i < fleet.size(); i++) {
                String schema = fleet.schema(i);
                long applied = one(s, "SELECT COUNT(*) FROM " + schema + ".lockstep_history WHERE status = 'applied'");
                long distinct = one(s, "SELECT COUNT(DISTINCT version) FROM " + schema + ".lockstep_history WHERE status = 'applied'");
                long items = one(s, "SELECT COUNT(*) FROM " + schema + ".items");
                if (applied != workload.steps().size() || distinct != applied || items != workload.expectedItems()) {
                    wrong++;
                    if (first.isEmpty()) {
                        first = schema + ": " + applied + " applied, " + distinct + " distinct, " + items + " items";
                    }
                }
            }
        }
        String problem = wrong == 0 ? "" : wrong + " schemas wrong, first " + first;
        if (what != null && !problem.isEmpty()) {
            throw new IllegalStateException(what + ": " + problem);
        }
        return problem;
    }

    private static long one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** A fresh PostgreSQL database with {@code size} empty schemas {@code tenant_00000...}; dropped at close. */
    private record Fleet(Target database, int size) implements AutoCloseable {
        static Fleet create(Path dir, int size) throws SQLException {
            Target database = Target.create(Target.Kind.POSTGRESQL, dir);
            try (Connection c = DriverManager.getConnection(database.url()); Statement s = c.createStatement()) {
                for (int i = 0; i < size; i++) {
                    s.addBatch("CREATE SCHEMA " + String.format("tenant_%05d", i));
                }
                s.executeBatch();
            }
            return new Fleet(database, size);
        }

        String url() {
            return database.url();
        }

        String prefix() {
            return "tenant\\_";
        }

        String schema(int i) {
            return String.format("tenant_%05d", i);
        }

        @Override
        public void close() throws SQLException {
            database.close();
        }
    }
}

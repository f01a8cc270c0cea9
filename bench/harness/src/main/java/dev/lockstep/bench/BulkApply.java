package dev.lockstep.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * S4: 1,000 migrations into an empty database, one transaction each, JVM start included; against
 * the database's own command-line client applying the same files one transaction each in one
 * session (the practical floor: no history, no checks) and against the peers.
 */
final class BulkApply implements Scenario {
    static final String CLIENT = "client (floor)";

    @Override
    public String id() {
        return "S4";
    }

    @Override
    public Report run(Options options, Jars jars, Path work) throws Exception {
        int runs = options.runsOr(3);
        int count = options.s4Migrations();
        Report report = new Report("s4-bulk-apply", "S4: " + count + " migrations into an empty database",
                "Wall time of one process applying " + count + " migrations to a fresh database, JVM start included. The floor"
                        + " is the database's own client (psql, mariadb, sqlite3) running the same files in one session, each"
                        + " between BEGIN and COMMIT, with no history and no checks.", options, runs);
        List<List<String>> rows = new ArrayList<>();
        for (Target.Kind kind : options.databases()) {
            long floor = measure(kind, null, jars, work, runs, count);
            rows.add(List.of(kind.label, CLIENT, Stats.ms(floor), "1.00×", ""));
            long lockstep = -1;
            for (Tool tool : options.tools()) {
                long wall = measure(kind, tool, jars, work, runs, count);
                if (tool == Tool.LOCKSTEP) {
                    lockstep = wall;
                }
                rows.add(List.of(kind.label, tool.label(), Stats.ms(wall), Stats.ratio(wall, floor),
                        tool == Tool.LOCKSTEP ? "" : Stats.ratio(lockstep, wall)));
                System.err.println("S4 " + rows.get(rows.size() - 1));
            }
        }
        report.table(List.of("database", "tool", "wall median (ms)", "tool / client", "lockstep / tool"), rows);
        return report;
    }

    /** Median wall time of {@code runs} fresh applies; {@code tool == null} is the client. */
    private static long measure(Target.Kind kind, Tool tool, Jars jars, Path work, int runs, int count) throws Exception {
        List<Long> walls = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Path dir = work.resolve(kind.label + "/" + (tool == null ? "client" : tool.label()) + "/" + run);
            Workload workload = Workload.standard(count);
            Path migrations = workload.writeTo(dir);
            try (Target target = Target.create(kind, dir)) {
                Replica.Outcome outcome;
                if (tool == null) {
                    Path script = clientScript(kind, workload, migrations, dir);
                    outcome = Replica.run(List.of("bash", "-c", clientCommand(target) + " < '" + script + "'"), dir.resolve("logs"),
                            "client", false);
                } else {
                    outcome = Replica.run(tool.migrate(jars, target, dir, "bulk"), dir.resolve("logs"), "bulk", false);
                }
                long items = target.numberOrZero("SELECT COUNT(*) FROM items");
                if (outcome.ok() && items == workload.expectedItems()) {
                    walls.add(outcome.wallMs());
                } else {
                    System.err.println("S4 " + kind.label + " " + (tool == null ? "client" : tool.label()) + " run " + run
                            + " failed: " + outcome.error() + " (items " + items + ")");
                }
            }
        }
        return Stats.median(walls);
    }

    private static Path clientScript(Target.Kind kind, Workload workload, Path migrations, Path dir) throws IOException {
        StringBuilder script = new StringBuilder();
        for (Workload.Step step : workload.steps()) {
            String file = migrations.resolve(step.fileName()).toString();
            script.append(switch (kind) {
                case POSTGRESQL -> "BEGIN;\n\\i " + file + "\nCOMMIT;\n";
                case MARIADB -> "START TRANSACTION;\nsource " + file + "\nCOMMIT;\n";
                case SQLITE -> "BEGIN;\n.read " + file + "\nCOMMIT;\n";
            });
        }
        Path path = dir.resolve("client.sql");
        Files.writeString(path, script);
        return path;
    }

    private static String clientCommand(Target target) {
        if (target.kind() == Target.Kind.SQLITE) {
            return "sqlite3 -bail '" + target.file() + "'";
        }
        URI server = target.server();
        String user = query(server, "user");
        return target.kind() == Target.Kind.POSTGRESQL
                ? "psql -X -q -v ON_ERROR_STOP=1 -h " + server.getHost() + " -p " + server.getPort() + " -U " + user + " -d " + target.name()
                : "mariadb --batch -h " + server.getHost() + " -P " + server.getPort() + " -u " + user + " " + target.name();
    }

    private static String query(URI uri, String key) {
        for (String pair : uri.getQuery() == null ? new String[0] : uri.getQuery().split("&")) {
            if (pair.startsWith(key + "=")) {
                return pair.substring(key.length() + 1);
            }
        }
        return "postgres";
    }
}

package dev.lockstep.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S4: 1,000 migrations into an empty database, one transaction each, JVM start included; against
 * the database's own command-line client applying the same files one transaction each in one
 * session (the practical floor: no history, no checks) and against the peers.
 */
final class BulkApply implements Scenario {
    static final String CLIENT = "client (floor)";
    /** {@link Floor}'s {@code apply}: the same files through the driver in a JVM, with nothing of lockstep's. */
    static final String JDBC_FLOOR = "JDBC loop (a JVM's floor)";
    /** {@link Floor}'s {@code apply-with-history}: that loop with a history row before and after each migration. */
    static final String JDBC_HISTORY_FLOOR = "JDBC loop with history rows";

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
                        + " between BEGIN and COMMIT, with no history and no checks; the JDBC loop is a JVM's own floor:"
                        + " the same files through the same driver from a plain Java loop, one commit per file, and with"
                        + " history rows also a row inserted before each file's statements and marked applied after them, in"
                        + " its transaction. The runs are interleaved (run 1 of every"
                        + " tool, then run 2, ...), so a change in the machine's load reaches every tool alike."
                        + (options.baseline() == null ? "" : " \"" + BASELINE + "\" is the lockstep built in "
                        + options.baseline() + ", measured run for run beside this tree's."), options, runs);
        List<Contender> contenders = new ArrayList<>();
        contenders.add(new Contender(CLIENT, null, jars));
        contenders.add(new Contender(JDBC_FLOOR, null, jars));
        contenders.add(new Contender(JDBC_HISTORY_FLOOR, null, jars));
        for (Tool tool : options.tools()) {
            contenders.add(new Contender(tool.label(), tool, jars));
            if (tool == Tool.LOCKSTEP && options.baseline() != null) {
                contenders.add(new Contender(BASELINE, tool, Jars.under(options.baseline())));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (Target.Kind kind : options.databases()) {
            Map<Contender, List<Long>> walls = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (Contender contender : contenders) {
                    Long wall = measure(kind, contender, work, run, count);
                    List<Long> list = walls.computeIfAbsent(contender, c -> new ArrayList<>());
                    if (wall != null) {
                        list.add(wall);
                    }
                }
            }
            long floor = Stats.median(walls.get(contenders.get(0)));
            long lockstep = walls.entrySet().stream().filter(e -> e.getKey().tool() == Tool.LOCKSTEP && e.getKey().jars() == jars)
                    .map(e -> Stats.median(e.getValue())).findFirst().orElse(-1L);
            for (Map.Entry<Contender, List<Long>> entry : walls.entrySet()) {
                Contender contender = entry.getKey();
                long wall = Stats.median(entry.getValue());
                boolean client = contender.label().equals(CLIENT);
                boolean self = client || (contender.tool() == Tool.LOCKSTEP && contender.jars() == jars);
                rows.add(List.of(kind.label, contender.label(), Stats.ms(wall), client ? "1.00×" : Stats.ratio(wall, floor),
                        self ? "" : Stats.ratio(lockstep, wall)));
                System.err.println("S4 " + rows.get(rows.size() - 1));
            }
        }
        report.table(List.of("database", "tool", "wall median (ms)", "tool / client", "lockstep / tool"), rows);
        return report;
    }

    static final String BASELINE = "lockstep (baseline)";

    /** One column of the table: the client ({@code tool == null}), a tool, or lockstep built elsewhere. */
    private record Contender(String label, Tool tool, Jars jars) {
    }

    /** Wall time of one fresh apply, or {@code null} when it failed (the reason goes to stderr). */
    private static Long measure(Target.Kind kind, Contender contender, Path work, int run, int count) throws Exception {
        Path dir = work.resolve(kind.label + "/" + contender.label().replaceAll("[^A-Za-z0-9]+", "-") + "/" + run);
        Workload workload = Workload.standard(count);
        Path migrations = workload.writeTo(dir);
        try (Target target = Target.create(kind, dir)) {
            Replica.Outcome outcome;
            if (contender.label().equals(JDBC_FLOOR) || contender.label().equals(JDBC_HISTORY_FLOOR)) {
                String floor = contender.label().equals(JDBC_FLOOR) ? "apply" : "apply-with-history";
                outcome = Replica.run(Floor.command(contender.jars(), floor, target.url(), migrations.toString()),
                        dir.resolve("logs"), "jdbc", false);
            } else if (contender.tool() == null) {
                Path script = clientScript(kind, workload, migrations, dir);
                outcome = Replica.run(List.of("bash", "-c", clientCommand(target) + " < '" + script + "'"), dir.resolve("logs"),
                        "client", false);
            } else {
                outcome = Replica.run(contender.tool().migrate(contender.jars(), target, dir, "bulk"), dir.resolve("logs"), "bulk", false);
            }
            long items = target.numberOrZero("SELECT COUNT(*) FROM items");
            if (outcome.ok() && items == workload.expectedItems()) {
                return outcome.wallMs();
            }
            System.err.println("S4 " + kind.label + " " + contender.label() + " run " + run + " failed: " + outcome.error()
                    + " (items " + items + ")");
            return null;
        }
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

    static String clientCommand(Target target) {
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

package dev.lockstep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S9: one migration file that mixes DDL and row changes ({@code CREATE TABLE}, 500 {@code INSERT}s, an
 * {@code ALTER TABLE}, 500 {@code UPDATE}s, a {@code CREATE INDEX}: 1,003 statements). On MariaDB it runs
 * statement by statement with the statement journal, because each DDL statement commits at once; the client
 * runs the same file in autocommit, a commit per statement, with no journal. Statements a second, JVM start
 * included; interleaved runs, and {@code --baseline} as in S4.
 */
final class MixedFile implements Scenario {
    private static final int ROWS = 500;

    @Override
    public String id() {
        return "S9";
    }

    @Override
    public Report run(Options options, Jars jars, Path work) throws Exception {
        int runs = options.runsOr(3);
        int statements = 2 * ROWS + 3;
        Report report = new Report("s9-mixed-file", "S9: one file mixing DDL and " + (2 * ROWS) + " row changes",
                "Wall time of one process applying one migration of " + statements + " statements (CREATE TABLE, " + ROWS
                        + " INSERTs, ALTER TABLE, " + ROWS + " UPDATEs, CREATE INDEX) to a fresh database, JVM start included;"
                        + " statements a second over that wall time. On MariaDB lockstep runs it statement by statement with"
                        + " its journal (each DDL statement commits at once); the client runs it in autocommit, one commit per"
                        + " statement, with no journal. Runs interleaved." + (options.baseline() == null ? ""
                        : " \"" + BulkApply.BASELINE + "\" is the lockstep built in " + options.baseline() + "."), options, runs);
        List<String[]> contenders = new ArrayList<>();
        contenders.add(new String[] {BulkApply.CLIENT});
        contenders.add(new String[] {"lockstep"});
        if (options.baseline() != null) {
            contenders.add(new String[] {BulkApply.BASELINE});
        }
        List<List<String>> rows = new ArrayList<>();
        for (Target.Kind kind : options.databases()) {
            Map<String, List<Long>> walls = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (String[] contender : contenders) {
                    String label = contender[0];
                    Jars which = label.equals(BulkApply.BASELINE) ? Jars.under(options.baseline()) : jars;
                    Long wall = measure(kind, label, which, work, run);
                    List<Long> list = walls.computeIfAbsent(label, l -> new ArrayList<>());
                    if (wall != null) {
                        list.add(wall);
                    }
                }
            }
            for (Map.Entry<String, List<Long>> entry : walls.entrySet()) {
                long wall = Stats.median(entry.getValue());
                rows.add(List.of(kind.label, entry.getKey(), Stats.ms(wall),
                        wall <= 0 ? "" : Long.toString(Math.round(statements * 1000.0 / wall))));
                System.err.println("S9 " + rows.get(rows.size() - 1));
            }
        }
        report.table(List.of("database", "tool", "wall median (ms)", "statements / s"), rows);
        return report;
    }

    private static Long measure(Target.Kind kind, String label, Jars jars, Path work, int run) throws Exception {
        Path dir = work.resolve(kind.label + "/" + label.replaceAll("[^A-Za-z0-9]+", "-") + "/" + run);
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Path file = migrations.resolve("V1__mixed.sql");
        Files.writeString(file, sql());
        try (Target target = Target.create(kind, dir)) {
            Replica.Outcome outcome = label.equals(BulkApply.CLIENT)
                    ? Replica.run(List.of("bash", "-c", BulkApply.clientCommand(target) + " < '" + file + "'"), dir.resolve("logs"),
                    "client", false)
                    : Replica.run(Tool.LOCKSTEP.migrate(jars, target, dir, "mixed"), dir.resolve("logs"), "mixed", false);
            long counted = target.numberOrZero("SELECT COUNT(*) FROM mixed WHERE qty = 2");
            if (outcome.ok() && counted == ROWS) {
                return outcome.wallMs();
            }
            System.err.println("S9 " + kind.label + " " + label + " run " + run + " failed: " + outcome.error() + " (rows " + counted + ")");
            return null;
        }
    }

    private static String sql() {
        StringBuilder sql = new StringBuilder("CREATE TABLE mixed (id INTEGER NOT NULL PRIMARY KEY, qty INTEGER NOT NULL);\n");
        for (int i = 1; i <= ROWS; i++) {
            sql.append("INSERT INTO mixed (id, qty) VALUES (").append(i).append(", 1);\n");
        }
        sql.append("ALTER TABLE mixed ADD COLUMN note VARCHAR(20);\n");
        for (int i = 1; i <= ROWS; i++) {
            sql.append("UPDATE mixed SET qty = qty + 1 WHERE id = ").append(i).append(";\n");
        }
        return sql.append("CREATE INDEX mixed_qty ON mixed (qty);\n").toString();
    }
}

package dev.lockstep.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * S1: sixteen replicas start at the same instant against a fresh database with 50 pending
 * migrations. Counts the processes that failed and why, checks that every migration ran exactly
 * once (history rows and the rows the migrations insert), and times until the last one exits.
 */
final class ReplicasAtOnce implements Scenario {
    @Override
    public String id() {
        return "S1";
    }

    @Override
    public Report run(Options options, Jars jars, Path work) throws Exception {
        int runs = options.runsOr(3);
        Report report = new Report("s1-replicas-at-once", "S1: " + options.replicas() + " replicas at once",
                options.replicas() + " processes of each tool are started together (one JVM each, as containers would) against a"
                        + " fresh database with " + options.s1Migrations() + " pending migrations. Wall time runs from the first"
                        + " start to the last exit. Exactly once: the history holds one applied row per migration and the"
                        + " migrations' own inserts are all there once.", options, runs);
        List<List<String>> rows = new ArrayList<>();
        for (Target.Kind kind : options.databases()) {
            long lockstepWall = -1;
            for (Tool tool : options.tools()) {
                List<Long> walls = new ArrayList<>();
                int failed = 0;
                boolean exactlyOnce = true;
                Map<String, Integer> reasons = new TreeMap<>();
                for (int run = 1; run <= runs; run++) {
                    Path dir = work.resolve(kind.label + "/" + tool.label() + "/" + run);
                    Workload workload = Workload.standard(options.s1Migrations());
                    workload.writeTo(dir);
                    try (Target target = Target.create(kind, dir)) {
                        List<Replica> replicas = new ArrayList<>();
                        long start = System.nanoTime();
                        for (int i = 1; i <= options.replicas(); i++) {
                            replicas.add(Replica.start(tool.migrate(jars, target, dir, "replica-" + i), dir.resolve("logs"), "r" + i, false));
                        }
                        for (Replica replica : replicas) {
                            Replica.Outcome outcome = replica.await(10, TimeUnit.MINUTES);
                            if (!outcome.ok()) {
                                failed++;
                                reasons.merge(outcome.error(), 1, Integer::sum);
                            }
                        }
                        walls.add((System.nanoTime() - start) / 1_000_000);
                        long applied = target.numberOrZero(tool.appliedRowsSql());
                        long distinct = target.numberOrZero(tool.distinctAppliedSql());
                        long items = target.numberOrZero("SELECT COUNT(*) FROM items");
                        exactlyOnce &= applied == workload.steps().size() && distinct == applied && items == workload.expectedItems();
                    }
                }
                long wall = Stats.median(walls);
                if (tool == Tool.LOCKSTEP) {
                    lockstepWall = wall;
                }
                rows.add(List.of(kind.label, tool.label(), failed + " of " + runs * options.replicas(),
                        reasons.isEmpty() ? "" : describe(reasons), exactlyOnce ? "yes" : "**no**", Stats.ms(wall),
                        tool == Tool.LOCKSTEP ? "" : Stats.ratio(lockstepWall, wall)));
                System.err.println("S1 " + kind.label + " " + tool.label() + ": " + rows.get(rows.size() - 1));
            }
        }
        report.table(List.of("database", "tool", "failed processes", "why", "exactly once", "wall median (ms)",
                "lockstep / tool"), rows);
        return report;
    }

    private static String describe(Map<String, Integer> reasons) {
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, count) -> parts.add(count + "× " + reason.replace("|", "\\|")));
        return String.join("<br>", parts);
    }
}

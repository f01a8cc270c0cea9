package dev.lockstep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S5: four threads of one JVM call the library's {@code migrate()} at once on a SQLite file with
 * 20 pending migrations (lockstep only: it is about the library). Target: under 500 ms in total.
 */
final class WorkersInOneProcess implements Scenario {
    static final int THREADS = 4;
    static final int MIGRATIONS = 20;
    private static final Pattern RESULT = Pattern.compile("total_ms=(\\d+) applied=(\\d+)");

    @Override
    public String id() {
        return "S5";
    }

    @Override
    public Report run(Options options, Jars jars, Path work) throws Exception {
        int runs = options.runsOr(10);
        Report report = new Report("s5-workers-in-one-process", "S5: " + THREADS + " workers in one process",
                THREADS + " threads of one JVM, each with its own connection, call Lockstep...migrate() at the same instant on a"
                        + " fresh SQLite file with " + MIGRATIONS + " pending migrations. In-process time runs from releasing the"
                        + " threads to the last return (the target is under 500 ms); process time adds the JVM's start.", options, runs);
        List<Long> totals = new ArrayList<>();
        List<Long> walls = new ArrayList<>();
        int wrong = 0;
        for (int run = 1; run <= runs; run++) {
            Path dir = work.resolve("run" + run);
            Workload workload = Workload.standard(MIGRATIONS);
            Path migrations = workload.writeTo(dir);
            try (Target target = Target.create(Target.Kind.SQLITE, dir)) {
                List<String> command = List.of(Jars.javaBinary(), "-cp", jars.bench().toString(), Workers.class.getName(),
                        target.url(), migrations.toString(), String.valueOf(THREADS));
                Replica.Outcome outcome = Replica.run(command, dir.resolve("logs"), "workers", false);
                Matcher m = RESULT.matcher(Files.readString(dir.resolve("logs/workers.out")));
                boolean once = target.numberOrZero(Tool.LOCKSTEP.appliedRowsSql()) == MIGRATIONS
                        && target.numberOrZero("SELECT COUNT(*) FROM items") == workload.expectedItems();
                if (outcome.ok() && m.find() && Integer.parseInt(m.group(2)) == MIGRATIONS && once) {
                    totals.add(Long.parseLong(m.group(1)));
                    walls.add(outcome.wallMs());
                } else {
                    wrong++;
                    System.err.println("S5 run " + run + " went wrong: " + outcome.error());
                }
            }
        }
        long total = Stats.median(totals);
        report.table(List.of("threads", "migrations", "in-process median (ms)", "process median (ms)", "runs wrong", "target"),
                List.of(List.of(String.valueOf(THREADS), String.valueOf(MIGRATIONS), Stats.ms(total), Stats.ms(Stats.median(walls)),
                        wrong + " of " + runs, total >= 0 && total < 500 ? "met (< 500 ms)" : "**missed** (< 500 ms)")));
        System.err.println("S5 in-process " + total + " ms");
        return report;
    }
}

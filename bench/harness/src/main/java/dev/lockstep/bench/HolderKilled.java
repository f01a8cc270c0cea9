package dev.lockstep.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * S2: replica A is SIGKILLed inside a long migration while replica B waits for it. Measures the
 * time from the kill until B (or, after the tool's manual step, a fresh replica C) has applied
 * everything, and records which manual step was needed. On SQLite, A is taken to be inside the long
 * step two seconds after it created the database file. B is given the long step's time plus
 * {@link #PATIENCE_SECONDS}; a replica still waiting then is stuck.
 */
final class HolderKilled implements Scenario {
    static final int LONG_STEP_SECONDS = 8;
    static final int PATIENCE_SECONDS = 40;

    @Override
    public String id() {
        return "S2";
    }

    @Override
    public Report run(Options options, Jars jars, Path work) throws Exception {
        int runs = options.runsOr(1);
        Report report = new Report("s2-holder-killed", "S2: the lock holder is killed",
                "Replica A starts three migrations, the second busy for " + LONG_STEP_SECONDS + " s; replica B starts once A is"
                        + " inside it and waits; A gets SIGKILL one second later. Recovery runs from the kill until a replica"
                        + " has applied all three. B that has not finished " + PATIENCE_SECONDS + " s after the long step would have"
                        + " is stuck; then the tool's documented manual step runs, and a new replica C.", options, runs);
        List<List<String>> rows = new ArrayList<>();
        for (Target.Kind kind : options.databases()) {
            for (Tool tool : options.tools()) {
                for (int run = 1; run <= runs; run++) {
                    rows.add(once(kind, tool, jars, work.resolve(kind.label + "/" + tool.label() + "/" + run)));
                    System.err.println("S2 " + kind.label + " " + tool.label() + ": " + rows.get(rows.size() - 1));
                }
            }
        }
        report.table(List.of("database", "tool", "replica B", "manual step", "recovery after the kill (ms)", "exactly once"), rows);
        return report;
    }

    private List<String> once(Target.Kind kind, Tool tool, Jars jars, Path dir) throws Exception {
        Workload workload = Workload.withLongStep(kind, LONG_STEP_SECONDS);
        workload.writeTo(dir);
        Path logs = dir.resolve("logs");
        try (Target target = Target.create(kind, dir)) {
            Replica a = Replica.start(tool.migrate(jars, target, dir, "replica-a"), logs, "a", false);
            if (!waitInsideLongStep(target, a)) {
                a.kill();
                return List.of(kind.label, tool.label(), "A never reached the long step", "", "n/a", "");
            }
            Replica b = Replica.start(tool.migrate(jars, target, dir, "replica-b"), logs, "b", false);
            Thread.sleep(1000);
            if (!a.isAlive()) {
                b.await(LONG_STEP_SECONDS + PATIENCE_SECONDS, TimeUnit.SECONDS);
                return List.of(kind.label, tool.label(), "A finished before the kill: the long step was too short here", "",
                        "n/a", "");
            }
            long killed = System.nanoTime();
            a.kill();
            Replica.Outcome outcome = b.awaitOrNull(LONG_STEP_SECONDS + PATIENCE_SECONDS, TimeUnit.SECONDS);
            String bResult;
            String manual = "none";
            long recovery;
            if (outcome != null && outcome.ok()) {
                recovery = (System.nanoTime() - killed) / 1_000_000;
                bResult = "completed";
            } else {
                if (outcome == null) {
                    b.kill();
                    bResult = "stuck, killed after " + (LONG_STEP_SECONDS + PATIENCE_SECONDS) + " s";
                } else {
                    bResult = "failed: " + outcome.error().replace("|", "\\|");
                }
                List<String> step = tool.manualStep(jars, target, dir);
                if (step != null) {
                    Replica.Outcome fixed = Replica.run(step, logs, "manual", false);
                    manual = tool.manualStepName() + (fixed.ok() ? "" : " (failed: " + fixed.error() + ")");
                }
                Replica.Outcome c = Replica.run(tool.migrate(jars, target, dir, "replica-c"), logs, "c", false);
                recovery = -1;
                bResult += c.ok() ? "; C then completed" : "; C then failed: " + c.error().replace("|", "\\|");
            }
            long applied = target.numberOrZero(tool.appliedRowsSql());
            boolean once = applied == 3 && target.numberOrZero(tool.distinctAppliedSql()) == 3
                    && target.numberOrZero("SELECT COUNT(*) FROM items") == workload.expectedItems();
            return List.of(kind.label, tool.label(), bResult, manual,
                    recovery < 0 ? "needs a human" : Stats.ms(recovery), once ? "yes" : "**no**");
        }
    }

    /**
     * Polls the server until A's long statement runs. SQLite has no list of running statements and a
     * reader could make A's writes busy, so there: the database file exists, then two seconds.
     */
    private static boolean waitInsideLongStep(Target target, Replica a) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && a.isAlive()) {
            if (target.kind() == Target.Kind.SQLITE) {
                if (java.nio.file.Files.exists(target.file())) {
                    Thread.sleep(2000);
                    return a.isAlive();
                }
            } else if (target.numberOrZero(runningSleepSql(target)) > 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static String runningSleepSql(Target target) {
        return target.kind() == Target.Kind.POSTGRESQL
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '" + target.name() + "' AND state = 'active'"
                + " AND query LIKE '%pg_sleep(%' AND pid <> pg_backend_pid()"
                : "SELECT COUNT(*) FROM information_schema.processlist WHERE db = '" + target.name() + "'"
                + " AND info LIKE '%SLEEP(%' AND id <> CONNECTION_ID()";
    }
}

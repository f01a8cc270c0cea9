package dev.lockstep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3: a new process runs {@code migrate} against a database where every migration is applied already: wall time, CPU
 * time (user + system) and peak RSS, median of the runs. Each tool's database is prepared by that tool, all of them
 * first; then every run starts each case once, in an order that turns from run to run, so that the machine's load
 * (2 shared cores) falls on all cases alike and only ratios within one run are compared. The cases: each tool at each
 * size; lockstep alone at {@code --flat-size} (default 20,000), to see how a start grows with the history; lockstep
 * through the launcher on the JDK given by {@code --java25} (its AOT cache); lockstep's bare jar ({@code java -jar},
 * without the launcher's options and archive); the launcher of another built checkout ({@code --baseline}), for before
 * and after in one run; and the physical floor: a bare JVM start, one connection and one query,
 * reading and hashing the files ({@link Floor}). One more lockstep run with {@code --debug} per size says how long
 * reading and checksumming the files took inside lockstep.
 */
final class NothingPending implements Scenario {
    private static final Pattern SCANNED = Pattern.compile("Read and checksummed (\\d+) migration files in (\\d+) ms");

    /** One thing started once per run. {@code tool} is null for the floor; {@code target} null where it needs none. */
    private record Case(String label, int size, Tool tool, List<String> command, Path dir, Target target) {
    }

    private record Figures(List<Long> walls, List<Long> cpus, List<Long> rss) {
        Figures() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    @Override
    public String id() {
        return "S3";
    }

    @Override
    public Report run(Options options, Jars jars, Path work) throws Exception {
        int runs = options.runsOr(5);
        Report report = new Report("s3-nothing-pending", "S3: nothing pending",
                "A new process runs migrate against a database where all migrations are applied (prepared by the same"
                        + " tool): wall time of the whole process, JVM start included, its CPU time (user + system) and"
                        + " its peak resident set size. Every run starts each case once, interleaved, so the ratios"
                        + " compare processes that ran under the same load. The floor rows are what no tool can go"
                        + " below: a JVM that starts and ends, one connection and one query, reading and hashing the"
                        + " files (each its own JVM, with the launcher's options).", options, runs);
        List<List<String>> rows = new ArrayList<>();
        for (Target.Kind kind : options.databases()) {
            List<Target> targets = new ArrayList<>();
            try {
                List<Case> cases = prepare(kind, options, jars, work, targets, rows);
                Map<Case, Figures> figures = new LinkedHashMap<>();
                cases.forEach(c -> figures.put(c, new Figures()));
                for (int run = 1; run <= runs; run++) {
                    for (int i = 0; i < cases.size(); i++) {
                        Case c = cases.get((i + run) % cases.size());
                        Replica.Outcome outcome = Replica.run(c.command(), work.resolve(kind.label + "/logs"),
                                slug(c) + "-run" + run, true);
                        if (outcome.ok()) {
                            Figures f = figures.get(c);
                            f.walls().add(outcome.wallMs());
                            f.cpus().add(outcome.cpuMs());
                            f.rss().add(outcome.peakRssKb());
                        } else {
                            System.err.println("S3 " + kind.label + " " + c.label() + " run " + run + " failed: " + outcome.error());
                        }
                    }
                }
                rows.addAll(rowsOf(kind, cases, figures, jars, runs));
            } finally {
                for (Target target : targets) {
                    target.close();
                }
            }
        }
        report.table(List.of("database", "applied", "case", "wall median (ms)", "CPU median (ms)", "peak RSS median (MB)",
                "runs ok", "lockstep: reading + checksumming inside (ms)", "wall / Flyway's", "CPU / Flyway's"), rows);
        report.paragraph("Flat: lockstep's figure at " + options.flatSize() + " applied over its figure at "
                + options.sizes().get(0) + " is in the rows marked \"(flat)\" (wall and CPU), beside the floor of reading"
                + " and hashing that many files.");
        return report;
    }

    /** Writes the files and prepares every tool's database; the cases to run, in a fixed order. */
    private static List<Case> prepare(Target.Kind kind, Options options, Jars jars, Path work, List<Target> targets,
                                      List<List<String>> rows) throws Exception {
        List<Case> cases = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>(options.sizes());
        boolean flat = options.tools().contains(Tool.LOCKSTEP) && options.flatSize() > 0 && !sizes.contains(options.flatSize());
        if (flat) {
            sizes.add(options.flatSize());
        }
        Target firstLockstep = null;
        for (int size : sizes) {
            for (Tool tool : options.tools()) {
                if (size == options.flatSize() && flat && tool != Tool.LOCKSTEP) {
                    continue;
                }
                Path dir = work.resolve(kind.label + "/" + size + "/" + tool.label());
                Workload.standard(size).writeTo(dir);
                Target target = Target.create(kind, dir);
                targets.add(target);
                long start = System.nanoTime();
                Replica.Outcome prepared = Replica.run(tool.migrate(jars, target, dir, "prepare"), dir.resolve("logs"), "prepare", false);
                System.err.println("S3 " + kind.label + " " + size + " " + tool.label() + " prepared in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms" + (prepared.ok() ? "" : ": " + prepared.error()));
                if (!prepared.ok()) {
                    rows.add(List.of(kind.label, String.valueOf(size), tool.label(), "preparing failed: " + prepared.error(),
                            "", "", "", "", "", ""));
                    continue;
                }
                cases.add(new Case(tool.label(), size, tool, tool.migrate(jars, target, dir, "replica"), dir, target));
                if (tool == Tool.LOCKSTEP) {
                    cases.add(new Case("floor: reading and hashing the files", size, null,
                            Floor.command(jars, "files", dir.resolve("migrations").toString()), dir, null));
                    if (firstLockstep == null) {
                        firstLockstep = target;
                        cases.add(new Case("lockstep, bare java -jar", size, Tool.LOCKSTEP,
                                Tool.lockstepBareJar(jars, target, dir, "bare"), dir, target));
                        if (options.baseline() != null) {
                            List<String> before = new ArrayList<>(Tool.LOCKSTEP.migrate(jars, target, dir, "baseline"));
                            before.set(0, options.baseline().resolve("lockstep").toString());
                            cases.add(new Case("lockstep before (" + commitOf(options.baseline()) + ")", size, Tool.LOCKSTEP,
                                    before, dir, target));
                        }
                        if (options.java25() != null) {
                            List<String> onJava25 = new ArrayList<>(List.of("/usr/bin/env", "JAVA_HOME=" + options.java25()));
                            onJava25.addAll(Tool.LOCKSTEP.migrate(jars, target, dir, "java25"));
                            // The launcher records its AOT cache on this JDK's first start: not in the figures.
                            Replica.run(onJava25, dir.resolve("logs"), "java25-first", false);
                            cases.add(new Case("lockstep on " + java25Version(options.java25()) + " (AOT cache)", size,
                                    Tool.LOCKSTEP, onJava25, dir, target));
                        }
                    }
                }
            }
        }
        cases.add(new Case("floor: a JVM starts and ends", 0, null, Floor.command(jars, "jvm"), null, null));
        if (firstLockstep != null) {
            cases.add(new Case("floor: one connection and one query", 0, null,
                    Floor.command(jars, "query", firstLockstep.url()), null, null));
        }
        return cases;
    }

    private static List<List<String>> rowsOf(Target.Kind kind, List<Case> cases, Map<Case, Figures> figures, Jars jars,
                                             int runs) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        Map<Integer, Case> lockstepAt = new LinkedHashMap<>();
        for (Case c : cases) {
            if (c.label().equals("lockstep")) {
                lockstepAt.put(c.size(), c);
            }
        }
        int firstSize = lockstepAt.isEmpty() ? -1 : lockstepAt.keySet().iterator().next();
        for (Case c : cases) {
            Figures f = figures.get(c);
            long wall = Stats.median(f.walls());
            long cpu = Stats.median(f.cpus());
            Case flyway = cases.stream().filter(o -> o.tool() == Tool.FLYWAY && o.size() == c.size()).findFirst().orElse(null);
            String wallRatio = "";
            String cpuRatio = "";
            if (c.tool() == Tool.LOCKSTEP && flyway != null) {
                wallRatio = Stats.ratio(wall, Stats.median(figures.get(flyway).walls()));
                cpuRatio = Stats.ratio(cpu, Stats.median(figures.get(flyway).cpus()));
            }
            String scan = c.label().equals("lockstep") ? scanTime(jars, c) : "";
            rows.add(List.of(kind.label, c.size() == 0 ? "" : String.valueOf(c.size()), c.label(), Stats.ms(wall), Stats.ms(cpu),
                    Stats.mb(Stats.median(f.rss())), f.walls().size() + " of " + runs, scan, wallRatio, cpuRatio));
            if (c.label().equals("lockstep") && c.size() != firstSize && firstSize > 0) {
                Figures first = figures.get(lockstepAt.get(firstSize));
                rows.add(List.of(kind.label, c.size() + " / " + firstSize, "lockstep (flat)",
                        Stats.ratio(wall, Stats.median(first.walls())), Stats.ratio(cpu, Stats.median(first.cpus())),
                        "", "", "", "", ""));
            }
            System.err.println("S3 " + rows.get(rows.size() - 1));
        }
        return rows;
    }

    private static String slug(Case c) {
        return (c.label() + "-" + c.size()).replaceAll("[^A-Za-z0-9]+", "-");
    }

    private static String commitOf(Path checkout) {
        try {
            Process git = new ProcessBuilder("git", "-C", checkout.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true).start();
            String head = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 ? head : checkout.getFileName().toString();
        } catch (java.io.IOException | InterruptedException e) {
            return checkout.getFileName().toString();
        }
    }

    private static String java25Version(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return "Java " + line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        } catch (java.io.IOException e) {
            // named by its folder then
        }
        return home.getFileName().toString();
    }

    /** One more lockstep run with {@code --debug}: the time its log gives for reading and checksumming the files. */
    private static String scanTime(Jars jars, Case c) throws Exception {
        List<String> command = new ArrayList<>(Tool.LOCKSTEP.migrate(jars, c.target(), c.dir(), "debug"));
        command.add("--debug");
        Replica.run(command, c.dir().resolve("logs"), "debug", false);
        Matcher m = SCANNED.matcher(Files.readString(c.dir().resolve("logs/debug.err")));
        return m.find() ? m.group(2) : "n/a";
    }
}

package dev.lockstep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3: a new process runs {@code migrate} against a database where every migration is applied
 * already, with 1,000 and 5,000 of them: wall time and peak RSS, median of the runs. Each tool's
 * database is prepared by that tool. For lockstep a further run with {@code --debug} says how much
 * of the time went on reading and checksumming the files, the part that grows with their number, and
 * runs of the bare jar ({@code java -jar}, no launcher) show what the launcher's JVM options save.
 */
final class NothingPending implements Scenario {
    private static final Pattern SCANNED = Pattern.compile("Read and checksummed (\\d+) migration files in (\\d+) ms");

    @Override
    public String id() {
        return "S3";
    }

    @Override
    public Report run(Options options, Jars jars, Path work) throws Exception {
        int runs = options.runsOr(5);
        Report report = new Report("s3-nothing-pending", "S3: nothing pending",
                "A new process runs migrate against a database where all migrations are applied (prepared by the same"
                        + " tool): wall time of the whole process, JVM start included, and its peak resident set size.", options, runs);
        List<List<String>> rows = new ArrayList<>();
        List<String> flatness = new ArrayList<>();
        for (Target.Kind kind : options.databases()) {
            for (int size : options.sizes()) {
                long lockstepWall = -1;
                for (Tool tool : options.tools()) {
                    Path dir = work.resolve(kind.label + "/" + size + "/" + tool.label());
                    Workload.standard(size).writeTo(dir);
                    try (Target target = Target.create(kind, dir)) {
                        Replica.Outcome prepared = Replica.run(tool.migrate(jars, target, dir, "prepare"), dir.resolve("logs"), "prepare", false);
                        if (!prepared.ok()) {
                            rows.add(List.of(kind.label, String.valueOf(size), tool.label(), "preparing failed: " + prepared.error(),
                                    "", "", "", "", ""));
                            continue;
                        }
                        List<Long> walls = new ArrayList<>();
                        List<Long> rss = new ArrayList<>();
                        for (int run = 1; run <= runs; run++) {
                            Replica.Outcome outcome = Replica.run(tool.migrate(jars, target, dir, "replica-" + run), dir.resolve("logs"),
                                    "run" + run, true);
                            if (outcome.ok()) {
                                walls.add(outcome.wallMs());
                                rss.add(outcome.peakRssKb());
                            }
                        }
                        long wall = Stats.median(walls);
                        String scan = "";
                        String bare = "";
                        if (tool == Tool.LOCKSTEP) {
                            lockstepWall = wall;
                            scan = scanTime(jars, target, dir);
                            bare = Stats.ms(bareJar(jars, target, dir, runs));
                        }
                        rows.add(List.of(kind.label, String.valueOf(size), tool.label(), Stats.ms(wall), Stats.mb(Stats.median(rss)),
                                walls.size() + " of " + runs, scan, bare, tool == Tool.LOCKSTEP ? "" : Stats.ratio(lockstepWall, wall)));
                        System.err.println("S3 " + rows.get(rows.size() - 1) + " (prepared in " + prepared.wallMs() + " ms)");
                    }
                }
            }
        }
        report.table(List.of("database", "applied", "tool", "wall median (ms)", "peak RSS median (MB)", "runs ok",
                "lockstep: reading + checksumming the files (ms)", "lockstep: bare java -jar (ms)", "lockstep / tool"), rows);
        return report;
    }

    /** lockstep without its launcher's JVM options and AppCDS archive: what they are worth. */
    private static long bareJar(Jars jars, Target target, Path dir, int runs) throws Exception {
        List<Long> walls = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Replica.Outcome outcome = Replica.run(Tool.lockstepBareJar(jars, target, dir, "bare-" + run), dir.resolve("logs"),
                    "bare" + run, false);
            if (outcome.ok()) {
                walls.add(outcome.wallMs());
            }
        }
        return Stats.median(walls);
    }

    /** One more lockstep run with {@code --debug}: the time its log gives for reading and checksumming the files. */
    private static String scanTime(Jars jars, Target target, Path dir) throws Exception {
        List<String> command = new ArrayList<>(Tool.LOCKSTEP.migrate(jars, target, dir, "debug"));
        command.add("--debug");
        Replica.run(command, dir.resolve("logs"), "debug", false);
        Matcher m = SCANNED.matcher(Files.readString(dir.resolve("logs/debug.err")));
        return m.find() ? m.group(2) : "n/a";
    }
}

package dev.lockstep.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One tool process, as a replica would be started: its output goes to files in the run's folder,
 * and its wall time is measured from just before the start to its exit. With {@code measureRss},
 * GNU time wraps it and reports the peak resident set size; never for processes that get killed,
 * because a signal must reach the JVM itself.
 */
final class Replica {
    /** What a finished replica did. {@code peakRssKb} and {@code cpuMs} (user + system) are -1 when not measured. */
    record Outcome(int exitCode, long wallMs, long peakRssKb, long cpuMs, String error) {
        Outcome(int exitCode, long wallMs, long peakRssKb, String error) {
            this(exitCode, wallMs, peakRssKb, -1, error);
        }

        boolean ok() {
            return exitCode == 0;
        }
    }

    private final Process process;
    private final long startNanos;
    private final Path out;
    private final Path err;
    private final Path rss;

    private Replica(Process process, long startNanos, Path out, Path err, Path rss) {
        this.process = process;
        this.startNanos = startNanos;
        this.out = out;
        this.err = err;
        this.rss = rss;
    }

    static Replica start(List<String> command, Path logs, String name, boolean measureRss) throws IOException {
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Path rss = measureRss ? logs.resolve(name + ".rss") : null;
        List<String> full = new ArrayList<>();
        if (measureRss) {
            full.addAll(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", rss.toString()));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile());
        long start = System.nanoTime();
        return new Replica(builder.start(), start, out, err, rss);
    }

    /** Starts it and waits for its end. */
    static Outcome run(List<String> command, Path logs, String name, boolean measureRss) throws IOException, InterruptedException {
        return start(command, logs, name, measureRss).await(30, TimeUnit.MINUTES);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as the OOM killer or a node drain would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Its outcome, or {@code null} when it has not ended within the time (it keeps running). */
    Outcome awaitOrNull(long time, TimeUnit unit) throws InterruptedException, IOException {
        if (!process.waitFor(time, unit)) {
            return null;
        }
        return outcome();
    }

    Outcome await(long time, TimeUnit unit) throws InterruptedException, IOException {
        Outcome outcome = awaitOrNull(time, unit);
        if (outcome == null) {
            kill();
            return new Outcome(-1, (System.nanoTime() - startNanos) / 1_000_000, -1, "still running after " + time + " " + unit);
        }
        return outcome;
    }

    private Outcome outcome() throws IOException {
        long wall = (System.nanoTime() - startNanos) / 1_000_000;
        long peak = -1;
        long cpu = -1;
        if (rss != null && Files.exists(rss)) {
            List<String> lines = Files.readAllLines(rss);
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
            if (last.matches("\\d+ \\d+\\.\\d+ \\d+\\.\\d+")) {
                String[] fields = last.split(" ");
                peak = Long.parseLong(fields[0]);
                cpu = Math.round((Double.parseDouble(fields[1]) + Double.parseDouble(fields[2])) * 1000);
            }
        }
        int exit = process.exitValue();
        return new Outcome(exit, wall, peak, cpu, exit == 0 ? "" : firstError());
    }

    /** The line of its stderr (else stdout) that best says why it failed. */
    private String firstError() throws IOException {
        for (Path file : List.of(err, out)) {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (l.startsWith("lockstep:") || l.startsWith("flyway:") || l.startsWith("liquibase:") || l.contains("ERROR")) {
                    return l.length() > 160 ? l.substring(0, 160) + "..." : l;
                }
            }
        }
        return "exit " + process.exitValue();
    }
}

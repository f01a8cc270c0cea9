package dev.lockstep.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S6: the example Spring Boot app ({@code examples/spring-boot-app}) starts against a database where 1,000 migrations
 * (the standard workload) are applied already, migrated at start-up by lockstep-spring-boot-starter, and the very same
 * app built with Flyway's auto-configuration instead ({@code bench/spring-boot-flyway}). Measured: the wall time from
 * starting the JVM until {@code /actuator/health/readiness} answers 200; the CPU time the process used until then,
 * which shared cores disturb less; and, from the app's log, the migration step itself (from the connection pool's start,
 * which the migration triggers, to the tool's "nothing to migrate"). Each tool's database is prepared by one start of
 * its app; then the runs alternate between the tools, so both meet the same load on a shared machine. Both run as
 * {@code java -jar}, the JVM's defaults, as a container would start them.
 */
final class SpringBootStart implements Scenario {
    private static final Pattern STARTED = Pattern.compile("Started Application in ([0-9.]+) seconds");
    private static final Pattern TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final List<String> TOOLS = List.of("lockstep", "flyway");

    @Override
    public String id() {
        return "S6";
    }

    @Override
    public Report run(Options options, Jars jars, Path work) throws Exception {
        int runs = options.runsOr(5);
        int size = options.sizes().get(0);
        Report report = new Report("s6-spring-boot-start", "S6: Spring Boot start, nothing pending",
                "The example Spring Boot app (web, actuator, JDBC, Prometheus) starts against a database with " + size
                        + " migrations applied: with lockstep-spring-boot-starter, and the same app built with Flyway's"
                        + " auto-configuration. Wall time from the JVM's start until /actuator/health/readiness answers"
                        + " 200, the process's CPU time until then, and the migration step in the app's log.", options, runs);
        List<List<String>> rows = new ArrayList<>();
        for (Target.Kind kind : options.databases()) {
            Map<String, Target> targets = new LinkedHashMap<>();
            Map<String, List<Start>> starts = new LinkedHashMap<>();
            List<Double> readyPairs = new ArrayList<>();
            List<Double> cpuPairs = new ArrayList<>();
            try {
                for (String tool : TOOLS) {
                    Path dir = work.resolve(kind.label + "/" + tool);
                    Workload.standard(size).writeTo(dir);
                    Target target = Target.create(kind, dir);
                    targets.put(tool, target);
                    starts.put(tool, new ArrayList<>());
                    Start prepared = start(jars, tool, target, dir, "prepare");
                    System.err.println("S6 " + kind.label + " " + tool + " prepared: " + prepared);
                }
                for (int run = 1; run <= runs; run++) {
                    List<String> order = run % 2 == 1 ? TOOLS : List.of(TOOLS.get(1), TOOLS.get(0));
                    Map<String, Start> pair = new LinkedHashMap<>();
                    for (String tool : order) {
                        Start s = start(jars, tool, targets.get(tool), work.resolve(kind.label + "/" + tool), "run" + run);
                        if (s.readyMs() >= 0) {
                            starts.get(tool).add(s);
                            pair.put(tool, s);
                        }
                    }
                    if (pair.size() == 2) {
                        readyPairs.add((double) pair.get("lockstep").readyMs() / pair.get("flyway").readyMs());
                        cpuPairs.add((double) pair.get("lockstep").cpuMs() / pair.get("flyway").cpuMs());
                    }
                }
            } finally {
                for (Target target : targets.values()) {
                    target.close();
                }
            }
            Map<String, long[]> medians = new LinkedHashMap<>();
            for (String tool : TOOLS) {
                List<Start> ok = starts.get(tool);
                long[] m = {Stats.median(ok.stream().map(Start::readyMs).toList()),
                        Stats.median(ok.stream().map(Start::cpuMs).toList()),
                        Stats.median(ok.stream().map(Start::migrationMs).toList()),
                        Stats.median(ok.stream().map(Start::bootMs).toList())};
                medians.put(tool, m);
                long[] l = medians.get("lockstep");
                rows.add(List.of(kind.label, tool, Stats.ms(m[0]), Stats.ms(m[1]), Stats.ms(m[2]), Stats.ms(m[3]),
                        ok.size() + " of " + runs, tool.equals("lockstep") ? "" : Stats.ratio(l[0], m[0]) + " / "
                                + Stats.ratio(l[1], m[1]) + " / " + Stats.ratio(l[2], m[2])));
                System.err.println("S6 " + rows.get(rows.size() - 1));
            }
            rows.add(List.of(kind.label, "paired: lockstep / Flyway of the same run", spread(readyPairs), spread(cpuPairs), "", "",
                    readyPairs.size() + " pairs", lockstepFaster(cpuPairs)));
        }
        report.table(List.of("database", "tool", "JVM start to ready, median (ms)", "CPU until ready, median (ms)",
                "migration step, median (ms)", "Boot's \"Started in\", median (ms)", "runs ok",
                "lockstep / Flyway (ready / CPU / migration step)"), rows);
        report.paragraph("Notes: " + size + " migrations applied, nothing pending: the start of every replica of a release"
                + " without a new migration. lockstep checks one row (the fingerprint beside the history) and reads and"
                + " checksums the files; Flyway reads its whole history and validates every file. The two apps are one"
                + " code base built twice (Spring Boot 3.5.7, Flyway as Boot manages it), run alternately. The migration"
                + " step runs from the connection pool's start, which the first migration query triggers, to the tool's"
                + " \"nothing to migrate\" line; the rest of the start (Spring, Tomcat, the actuator) is the same for both.");
        return report;
    }

    /** The median of the runs' ratios and, in brackets, their middle half (25th to 75th percentile). */
    private static String spread(List<Double> ratios) {
        if (ratios.isEmpty()) {
            return "n/a";
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        int n = sorted.size();
        return String.format(java.util.Locale.ROOT, "%.2f× [%.2f–%.2f]", sorted.get(n / 2), sorted.get(n / 4),
                sorted.get(Math.min(n - 1, (3 * n) / 4)));
    }

    /** In how many runs lockstep's start used less CPU than Flyway's start next to it. */
    private static String lockstepFaster(List<Double> cpuRatios) {
        return "lockstep used less CPU in " + cpuRatios.stream().filter(r -> r < 1).count() + " of " + cpuRatios.size();
    }

    /** One start: wall time until ready, CPU time until then, the migration step and Boot's figure; -1 when unknown. */
    record Start(long readyMs, long cpuMs, long migrationMs, long bootMs, String error) {
    }

    private static Start start(Jars jars, String tool, Target target, Path dir, String name) throws Exception {
        Path jar = tool.equals("lockstep") ? jars.springLockstep() : jars.springFlyway();
        int port = freePort();
        Path log = Files.createDirectories(dir.resolve("logs")).resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Jars.javaBinary(), "-jar", jar.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("LOCKSTEP_") || k.startsWith("SPRING_"));
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SPRING_DATASOURCE_URL", target.url());
        String location = "filesystem:" + dir.resolve("migrations");
        env.put(tool.equals("lockstep") ? "LOCKSTEP_LOCATIONS" : "SPRING_FLYWAY_LOCATIONS", location);
        long begin = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = begin + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (readiness(port) == 200) {
                    long ready = (System.nanoTime() - begin) / 1_000_000;
                    long cpu = process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
                    List<String> lines = Files.readAllLines(log);
                    return new Start(ready, cpu, migrationStep(lines, tool), boot(lines), "");
                }
                Thread.sleep(20);
            }
            return new Start(-1, -1, -1, -1, process.isAlive() ? "not ready within 10 minutes" : "exited " + process.exitValue());
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** From the pool's start to the tool's "nothing to migrate", by the log's timestamps. */
    private static long migrationStep(List<String> lines, String tool) {
        String end = tool.equals("lockstep") ? "LockstepInitializer" : "No migration necessary";
        Instant from = null;
        for (String line : lines) {
            if (from == null && line.contains("HikariPool-1 - Starting")) {
                from = time(line);
            } else if (from != null && line.contains(end)) {
                Instant to = time(line);
                return to == null ? -1 : Duration.between(from, to).toMillis();
            }
        }
        return -1;
    }

    private static Instant time(String line) {
        Matcher m = TIME.matcher(line);
        return m.find() ? Instant.parse(m.group(1)) : null;
    }

    private static long boot(List<String> lines) {
        for (String line : lines) {
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                return Math.round(Double.parseDouble(m.group(1)) * 1000);
            }
        }
        return -1;
    }

    private static int readiness(int port) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException e) {
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

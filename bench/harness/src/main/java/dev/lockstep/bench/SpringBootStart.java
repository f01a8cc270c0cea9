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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S6: the example Spring Boot app ({@code examples/spring-boot-app}) starts against a database where 1,000 migrations
 * (the standard workload) are applied already, migrated at start-up by lockstep-spring-boot-starter, and the very same
 * app built with Flyway's auto-configuration instead ({@code bench/spring-boot-flyway}). Measured: the wall time from
 * starting the JVM until {@code /actuator/health/readiness} answers 200, the start time Boot itself logs ("Started
 * ... in"), and the CPU time the process used until ready, which shared cores disturb less than wall time. Each tool's database is prepared by one start of that app. Both run as {@code java -jar}, the JVM's
 * defaults, as a container would start them.
 */
final class SpringBootStart implements Scenario {
    private static final Pattern STARTED = Pattern.compile("Started Application in ([0-9.]+) seconds");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

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
                        + " 200, the start time Boot logs, and the process's CPU time until ready.", options, runs);
        List<List<String>> rows = new ArrayList<>();
        for (Target.Kind kind : options.databases()) {
            long lockstepReady = -1;
            long lockstepCpu = -1;
            for (String tool : List.of("lockstep", "flyway")) {
                Path dir = work.resolve(kind.label + "/" + tool);
                Workload.standard(size).writeTo(dir);
                Path jar = tool.equals("lockstep") ? jars.springLockstep() : jars.springFlyway();
                try (Target target = Target.create(kind, dir)) {
                    Start prepared = start(jar, tool, target, dir, "prepare");
                    if (prepared.readyMs() < 0) {
                        rows.add(List.of(kind.label, tool, "preparing failed: " + prepared.error(), "", "", "", ""));
                        continue;
                    }
                    List<Long> ready = new ArrayList<>();
                    List<Long> started = new ArrayList<>();
                    List<Long> cpu = new ArrayList<>();
                    for (int run = 1; run <= runs; run++) {
                        Start s = start(jar, tool, target, dir, "run" + run);
                        if (s.readyMs() >= 0) {
                            ready.add(s.readyMs());
                            started.add(s.bootMs());
                            cpu.add(s.cpuMs());
                        }
                    }
                    long readyMedian = Stats.median(ready);
                    long cpuMedian = Stats.median(cpu);
                    if (tool.equals("lockstep")) {
                        lockstepReady = readyMedian;
                        lockstepCpu = cpuMedian;
                    }
                    rows.add(List.of(kind.label, tool, Stats.ms(readyMedian), Stats.ms(Stats.median(started)),
                            Stats.ms(cpuMedian), ready.size() + " of " + runs, tool.equals("lockstep") ? ""
                                    : Stats.ratio(lockstepReady, readyMedian) + " / " + Stats.ratio(lockstepCpu, cpuMedian)));
                    System.err.println("S6 " + rows.get(rows.size() - 1) + " (prepared in " + prepared.readyMs() + " ms)");
                }
            }
        }
        report.table(List.of("database", "tool", "JVM start to ready, median (ms)", "Boot's \"Started in\", median (ms)",
                "CPU until ready, median (ms)", "runs ok", "lockstep / Flyway (ready / CPU)"), rows);
        report.paragraph("Notes: " + size + " migrations applied, nothing pending: the start lockstep makes when a release"
                + " has no new migration. lockstep's check is one row (the fingerprint beside the history) plus reading"
                + " and checksumming the files; Flyway reads its whole history. Both apps are the same jar but for the"
                + " migration tool (Spring Boot 3.5.7, Flyway as Boot manages it). Wall time includes the JVM's start and"
                + " everything else the app starts (Tomcat, actuator, Hikari).");
        return report;
    }

    /** One start: wall time until ready, Boot's own figure, or why it never got ready. */
    record Start(long readyMs, long bootMs, long cpuMs, String error) {
    }

    private static Start start(Path jar, String tool, Target target, Path dir, String name) throws Exception {
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
                    Matcher m = STARTED.matcher(Files.readString(log));
                    return new Start(ready, m.find() ? Math.round(Double.parseDouble(m.group(1)) * 1000) : -1, cpu, "");
                }
                Thread.sleep(20);
            }
            return new Start(-1, -1, -1, process.isAlive() ? "not ready within 10 minutes" : "exited " + process.exitValue());
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
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

package dev.lockstep.example;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.function.Predicate;

/**
 * The example app's executable jar ({@code target/spring-boot-app.jar}), started as a separate OS process the way a
 * replica is, configured only by its environment; its log is captured to a file. Probes are read with a real HTTP
 * client on its own port.
 */
final class AppProcess implements AutoCloseable {
    static final Path APP_JAR = Path.of(System.getProperty("app.jar", "target/spring-boot-app.jar"));
    static final Path CLI_JAR = Path.of(System.getProperty("cli.jar", "../../lockstep-cli/target/lockstep.jar"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A status code and body; status 0 when nothing listens. */
    record Answer(int status, String body) {
        boolean ok() {
            return status == 200;
        }
    }

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private AppProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the app in {@code folder} on a free port, with {@code environment} on top of a clean one (no
     * {@code LOCKSTEP_*} or {@code SPRING_*} from the test's own). The JVM options keep six of them cheap on two cores.
     */
    static AppProcess start(Path folder, String name, Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(APP_JAR)) {
            throw new IllegalStateException(APP_JAR + " is missing: these tests run the jar that 'package' builds");
        }
        int port = freePort();
        Path log = folder.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Xmx256m", "-jar", APP_JAR.toAbsolutePath().toString())
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("LOCKSTEP_") || k.startsWith("SPRING_"));
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("LOCKSTEP_REPLICA_ID", name);
        builder.environment().putAll(environment);
        return new AppProcess(name, port, builder.start(), log);
    }

    /** Runs the CLI jar, as a Kubernetes Job would, and waits for its exit code. */
    static int runCli(Path folder, String name, long seconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-jar",
                CLI_JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("LOCKSTEP_"));
        Process job = builder.start();
        if (!job.waitFor(seconds, TimeUnit.SECONDS)) {
            job.destroyForcibly();
            throw new AssertionError(name + " did not finish within " + seconds + "s:\n" + Files.readString(folder.resolve(name + ".log")));
        }
        return job.exitValue();
    }

    String name() {
        return name;
    }

    Process process() {
        return process;
    }

    /** GET {@code path} on the app's port; {@code Answer(0, ...)} while nothing listens. */
    Answer get(String path) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (ConnectException e) {
            return new Answer(0, "connection refused");
        } catch (IOException e) {
            return new Answer(0, e.toString());
        }
    }

    /** Polls {@code path} until the answer passes {@code test}; fails after {@code seconds} or when the app exits. */
    Answer await(String path, Predicate<Answer> test, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Answer last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (test.test(last)) {
                return last;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + ": " + path + " never gave the expected answer; last: " + last
                + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + "\nlog:\n" + log());
    }

    /** SIGTERM, as an orchestrator stops a pod. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the exit code; kills the process and fails after {@code seconds}. */
    int exitCode(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit within " + seconds + "s; log:\n" + log());
        }
        return process.exitValue();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it if it still runs, and waits, so no test leaves a process behind. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

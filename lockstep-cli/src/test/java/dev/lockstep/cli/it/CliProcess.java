package dev.lockstep.cli.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real {@code lockstep} jar, started as a separate OS process the way a replica would be. */
public final class CliProcess {
    private static final Path JAR = Path.of(System.getProperty("lockstep.jar", "target/lockstep.jar"));
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Path UNSHARE = Path.of("/usr/bin/unshare");
    /** Every process started since the last {@link #killLeftovers()}: what a test that failed half-way left. */
    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CliProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code java -jar lockstep.jar args...} in {@code folder}, output captured to files there. */
    public static CliProcess start(Path folder, String name, Map<String, String> environment, String... args) throws IOException {
        return start(List.of(), folder, name, environment, args);
    }

    /**
     * As {@link #start}, but as an unprivileged user (nobody, through {@code setpriv}) when the suite runs as root,
     * as CI does: the way a container runs lockstep. {@code folder} is opened to that user for reading.
     */
    public static CliProcess startUnprivileged(Path folder, String name, Map<String, String> environment, String... args)
            throws IOException {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(SETPRIV)) {
            return start(folder, name, environment, args);
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        return start(List.of(SETPRIV.toString(), "--reuid=65534", "--regid=65534", "--clear-groups"), folder, name,
                environment, args);
    }

    /**
     * As {@link #start}, but as pid 1 of a PID namespace of its own ({@code unshare --pid --fork}, as root): what each
     * container on a host network is, where every replica has the host's name and pid 1. Fails when it cannot.
     */
    public static CliProcess startAsPidOne(Path folder, String name, Map<String, String> environment, String... args)
            throws IOException {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(UNSHARE)) {
            throw new IllegalStateException("A PID namespace needs root and " + UNSHARE + "; this run has neither");
        }
        return start(List.of(UNSHARE.toString(), "--pid", "--fork", "--kill-child"), folder, name, environment, args);
    }

    private static CliProcess start(List<String> prefix, Path folder, String name, Map<String, String> environment,
                                    String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run the jar that 'package' builds");
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = folder.resolve(name + ".out");
        Path err = folder.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("LOCKSTEP_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        STARTED.add(process);
        return new CliProcess(process, out, err);
    }

    public static CliProcess start(Path folder, String name, String... args) throws IOException {
        return start(folder, name, Map.of(), args);
    }

    /** Waits for the exit code; kills the process and fails if it takes longer than {@code seconds}. */
    public int exitCode(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            kill(process);
            throw new AssertionError("lockstep did not finish within " + seconds + "s; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /**
     * Waits until stderr matches {@code pattern} and returns its first group; fails after {@code seconds}, or
     * when the process ends first.
     */
    public String awaitStderr(Pattern pattern, long seconds) throws InterruptedException {
        return await(stderr, pattern, seconds);
    }

    /** As {@link #awaitStderr}, on stdout (where {@code exec}'s app writes). */
    public String awaitStdout(Pattern pattern, long seconds) throws InterruptedException {
        return await(stdout, pattern, seconds);
    }

    private String await(Path file, Pattern pattern, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Matcher match = pattern.matcher(read(file));
            if (match.find()) {
                return match.groupCount() > 0 ? match.group(1) : match.group();
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never saw " + pattern + " in " + file.getFileName() + (process.isAlive() ? ""
                : " (exited " + process.exitValue() + ")") + "; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
    }

    public Process process() {
        return process;
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "<cannot read " + file + ": " + e + ">";
        }
    }

    /**
     * Kills what the tests started and left running, with everything those processes started (an {@code exec}'s
     * app): run after each test by {@link LeftoverProcesses}, so that a test that fails half-way leaves no replica
     * holding a lock or a port for the tests after it. Returns the pids it killed.
     */
    static List<Long> killLeftovers() {
        List<Long> killed = new ArrayList<>();
        for (Process process : List.copyOf(STARTED)) {
            STARTED.remove(process);
            if (process.isAlive()) {
                killed.add(process.pid());
                kill(process);
            }
        }
        return killed;
    }

    /** SIGKILL to the process and its descendants, found before it dies (they would be reparented after). */
    private static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

package dev.lockstep.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The physical floor beside S3's figures, each its own JVM with the launcher's JVM options and no application archive:
 * {@code jvm} starts and ends; {@code query URL} opens one connection and runs one query; {@code files DIR} reads every
 * file of the folder and takes its SHA-256, as lockstep must on every start to notice an edited file. Beside S4:
 * {@code apply URL DIR} is a JVM's own floor for applying the folder's migrations: one connection, and for each file in
 * version order its statements and a commit, through the driver lockstep uses, with no history, no journal, no lock
 * and no log: what any JVM tool pays before it does anything of its own. {@code apply-with-history URL DIR} adds what a
 * tool that records its migrations must: in each migration's transaction a history row inserted before its statements
 * and marked applied after them (two statements of their own; lockstep folds them into one where the database allows).
 */
public final class Floor {
    private Floor() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "jvm" -> {
            }
            case "query" -> {
                try (Connection c = DriverManager.getConnection(args[1]); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT 1")) {
                    r.next();
                }
            }
            case "files" -> {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                List<Path> files;
                try (Stream<Path> list = Files.list(Path.of(args[1]))) {
                    files = list.sorted().toList();
                }
                long bytes = 0;
                for (Path file : files) {
                    bytes += sha.digest(Files.readAllBytes(file)).length;
                }
                System.out.println(files.size() + " files, " + bytes + " digest bytes");
            }
            case "apply" -> apply(args[1], Path.of(args[2]), false);
            case "apply-with-history" -> apply(args[1], Path.of(args[2]), true);
            default -> throw new IllegalArgumentException(
                    "jvm, query URL, files DIR, apply URL DIR or apply-with-history URL DIR, not " + args[0]);
        }
    }

    /** The files of {@link Workload}: {@code V<n>__<description>.sql}, statements each ending a line with {@code ;}. */
    private static void apply(String url, Path folder, boolean history) throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.sorted(Comparator.comparingInt(Floor::version)).toList();
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            if (history) {
                s.execute("CREATE TABLE floor_history (installed_rank INTEGER NOT NULL PRIMARY KEY, version VARCHAR(128),"
                        + " script VARCHAR(1000) NOT NULL, checksum VARCHAR(100) NOT NULL, status VARCHAR(20) NOT NULL,"
                        + " started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP, execution_ms BIGINT)");
            }
            c.setAutoCommit(false);
            int rank = 0;
            for (Path file : files) {
                rank++;
                byte[] text = Files.readAllBytes(file);
                long started = System.currentTimeMillis();
                if (history) {
                    try (PreparedStatement running = c.prepareStatement("INSERT INTO floor_history (installed_rank, version,"
                            + " script, checksum, status, started_at) VALUES (?, ?, ?, ?, 'running', ?)")) {
                        running.setInt(1, rank);
                        running.setString(2, Integer.toString(version(file)));
                        running.setString(3, file.getFileName().toString());
                        running.setString(4, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text)));
                        running.setTimestamp(5, new Timestamp(started));
                        running.executeUpdate();
                    }
                }
                for (String statement : new String(text, StandardCharsets.UTF_8).split(";\n")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
                if (history) {
                    try (PreparedStatement applied = c.prepareStatement("UPDATE floor_history SET status = 'applied',"
                            + " finished_at = ?, execution_ms = ? WHERE installed_rank = ? AND status = 'running'")) {
                        long now = System.currentTimeMillis();
                        applied.setTimestamp(1, new Timestamp(now));
                        applied.setLong(2, now - started);
                        applied.setInt(3, rank);
                        applied.executeUpdate();
                    }
                }
                c.commit();
            }
        }
    }

    private static int version(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /**
     * The command that runs one floor: JVM options as lockstep's launcher gives them, without its archive but with the
     * SQLite driver's native library from the folder the lockstep build writes (the same driver version), as lockstep
     * loads it.
     */
    static List<String> command(Jars jars, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Jars.javaBinary(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xms8m", "-Dorg.sqlite.lib.path=" + jars.lockstep().resolveSibling("sqlite-native"),
                "-cp", jars.bench().toString(), Floor.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}

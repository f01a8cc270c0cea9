package dev.lockstep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * The physical floor beside S3's figures, each its own JVM with the launcher's JVM options and no application archive:
 * {@code jvm} starts and ends; {@code query URL} opens one connection and runs one query; {@code files DIR} reads every
 * file of the folder and takes its SHA-256, as lockstep must on every start to notice an edited file.
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
            default -> throw new IllegalArgumentException("jvm, query URL or files DIR, not " + args[0]);
        }
    }

    /** The command that runs one floor: JVM options as lockstep's launcher gives them, without its archive. */
    static List<String> command(Jars jars, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Jars.javaBinary(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xms8m", "-cp", jars.bench().toString(), Floor.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}

package dev.lockstep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The runs an AppCDS archive or a JDK 25 AOT cache is recorded from (decisions 0055, 0062), in one JVM so that one
 * archive holds them all: {@code --help} (which models every command), {@code migrate} twice (the second finds
 * nothing to do, from the fingerprint), {@code info},
 * {@code validate} and {@code wait} on a new SQLite file, then {@code info} on each server URL given, which loads
 * that driver's connection and query classes. Only {@code info} touches a server: it changes nothing there. A server that cannot be reached costs its connect timeout and leaves its driver's
 * classes partly out of the archive; nothing fails. Started by the build and by {@code ./lockstep}
 * ({@code -XX:AOTCacheOutput=lockstep.aot} in place of the first option on Java 25):
 *
 * <pre>java -XX:ArchiveClassesAtExit=lockstep.jsa -cp lockstep.jar dev.lockstep.cli.ArchiveTraining
 *     SCRATCH_DIR MIGRATIONS [SERVER_URL...]</pre>
 */
final class ArchiveTraining {
    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ArchiveTraining SCRATCH_DIR MIGRATIONS [SERVER_URL...]");
            System.exit(ExitCode.USAGE);
        }
        Path scratch = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        String sqlite = "jdbc:sqlite:" + scratch.resolve("training.db");
        String migrations = args[1];
        // A start models only the command it runs (Cli.model); the help models them all, so every command's classes
        // are archived, exec's and serve's among them.
        run("--help");
        for (String command : new String[] {"migrate", "migrate", "info", "validate", "wait"}) { // the second finds the fingerprint
            run(command, "--url", sqlite, "--locations", migrations, "--replica-id", "cds-training");
        }
        for (String server : Arrays.copyOfRange(args, 2, args.length)) {
            run("info", "--url", server, "--locations", migrations, "--connect-timeout", "2s");
        }
        System.exit(ExitCode.OK);
    }

    private static void run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        int exitCode = new Cli(System.getenv(), Path.of("").toAbsolutePath(), out, new PrintWriter(System.err, true))
                .run(args);
        out.println("lockstep " + args[0] + ": exit " + exitCode);
    }
}

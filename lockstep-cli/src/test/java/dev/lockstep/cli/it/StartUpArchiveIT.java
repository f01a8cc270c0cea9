package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;
import dev.lockstep.testing.TestDatabase.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AppCDS archive that {@code package} records beside the jar (decisions 0018, 0055) holds what a start loads:
 * picocli (compiled from its sources for Java 17, since the JVM will not archive its released Java 5 classes) and
 * the classes each bundled driver needs to connect and query. A class the archive misses is parsed and verified
 * from the jar on every start of every replica. Beside them {@code package} writes the SQLite driver's native
 * library (decision 0065), which a start named to it loads instead of unpacking it into the temporary folder.
 */
class StartUpArchiveIT {
    private static final Path JAR = Path.of(System.getProperty("lockstep.jar", "target/lockstep.jar"));
    private static final Path ARCHIVE = JAR.resolveSibling("lockstep.jsa");
    private static final Path SQLITE_NATIVE = JAR.resolveSibling("sqlite-native");

    @TempDir
    Path folder;

    @Test
    void theVersionLoadsPicocliFromTheArchive() throws Exception {
        List<String> loaded = classesLoaded("--version");

        assertThat(loaded).as("the class-loading log").anyMatch(l -> l.startsWith("picocli.CommandLine source: shared"));
        assertThat(fromTheJar(loaded, "picocli.")).isEmpty();
    }

    @Test
    void aCommandTheTrainingDoesNotRunStillComesFromTheArchive() throws Exception {
        // A start models only its own command; the training's --help models them all.
        List<String> loaded = classesLoaded("exec", "--help");

        assertThat(loaded).anyMatch(l -> l.startsWith("dev.lockstep.cli.ExecCommand source: shared"));
        assertThat(fromTheJar(loaded, "dev.lockstep.")).isEmpty();
    }

    @Test
    void aMigrateThatLogsTextLoadsNoJackson() throws Exception {
        List<String> loaded = classesLoaded("migrate", "--url", "jdbc:sqlite:" + folder.resolve("app.db"),
                "--locations", migrations().toString());

        assertThat(loaded).anyMatch(l -> l.startsWith("dev.lockstep.cli.log.LineWriter "));
        assertThat(loaded).noneMatch(l -> l.startsWith("com.fasterxml."));
    }

    @Test
    void sqliteOpensWithNoTemporaryFolderFromTheNativeLibraryBesideTheJar() throws Exception {
        // Without -Dorg.sqlite.lib.path the driver unpacks its library into java.io.tmpdir, and a missing one
        // fails the run: a read-only root file system in a container is the same.
        List<String> options = List.of("-Dorg.sqlite.lib.path=" + SQLITE_NATIVE.toAbsolutePath(),
                "-Djava.io.tmpdir=" + folder.resolve("no-temporary-folder"));

        List<String> loaded = classesLoaded(options, "migrate", "--url", "jdbc:sqlite:" + folder.resolve("app.db"),
                "--locations", migrations().toString());

        assertThat(loaded).anyMatch(l -> l.startsWith("org.sqlite.core.NativeDB "));
        assertThat(Files.readString(folder.resolve("run.out"))).contains("to version 1");
    }

    @Test
    void withoutTheFolderAMissingTemporaryFolderIsNamedAsWhySqliteDoesNotOpen() throws Exception {
        Path missing = folder.resolve("no-temporary-folder");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + missing, "-jar", JAR.toAbsolutePath().toString(),
                "migrate", "--url", "jdbc:sqlite:" + folder.resolve("app.db"), "--locations", migrations().toString())
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(folder.resolve("run.out").toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("lockstep finished within 60s").isTrue();

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(folder.resolve("run.out")))
                .contains("could not load its native library", "java.io.tmpdir, " + missing, "-Dorg.sqlite.lib.path")
                .doesNotContain("Check that its folder exists");
        assertThat(folder.resolve("app.db")).doesNotExist();
    }

    @Test
    void infoOnPostgresqlLoadsTheDriverFromTheArchive() throws Exception {
        try (TestDatabase db = TestDatabase.create(Kind.POSTGRESQL, folder, "lockstep_cds_")) {
            List<String> loaded = classesLoaded("info", "--url", db.url(), "--locations", migrations().toString());

            assertThat(loaded).anyMatch(l -> l.startsWith("org.postgresql.Driver source: shared"));
            assertThat(fromTheJar(loaded, "org.postgresql.")).isEmpty();
        }
    }

    @Test
    void infoOnMariadbLoadsTheDriverFromTheArchive() throws Exception {
        try (TestDatabase db = TestDatabase.create(Kind.MARIADB, folder, "lockstep_cds_")) {
            List<String> loaded = classesLoaded("info", "--url", db.url(), "--locations", migrations().toString());

            assertThat(loaded).anyMatch(l -> l.startsWith("org.mariadb.jdbc.Driver source: shared"));
            assertThat(fromTheJar(loaded, "org.mariadb.")).isEmpty();
        }
    }

    private Path migrations() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__archive.sql"), "CREATE TABLE archive_t (id int);\n");
        return migrations;
    }

    private static List<String> fromTheJar(List<String> loaded, String prefix) {
        return loaded.stream().filter(l -> l.startsWith(prefix) && l.contains("source: jar")).toList();
    }

    /** The classes a run loads, each as "name source: where", from the JVM's own log, with the launcher's options. */
    private List<String> classesLoaded(String... args) throws Exception {
        return classesLoaded(List.of(), args);
    }

    /** As above, with more JVM options after the launcher's. */
    private List<String> classesLoaded(List<String> jvmOptions, String... args) throws Exception {
        assertThat(ARCHIVE).as("the archive 'package' records").isRegularFile();
        Path log = folder.resolve("class-load.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + ARCHIVE.toAbsolutePath(),
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Xlog:class+load=info:file=" + log + ":none"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(folder.resolve("run.out").toFile()).redirectError(folder.resolve("run.err").toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("lockstep did not finish within 60s");
        }
        assertThat(process.exitValue()).as(Files.readString(folder.resolve("run.err"))).isZero();
        return Files.readAllLines(log);
    }
}

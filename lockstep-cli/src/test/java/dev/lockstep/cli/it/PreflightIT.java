package dev.lockstep.cli.it;

import dev.lockstep.preflight.ProcessIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real jar run as an application user (UID 1001, through {@code setpriv}) against directories
 * root prepared: the denials are the kernel's own, as in a container.
 */
class PreflightIT {
    private static final Path JAR = Path.of(System.getProperty("lockstep.jar", "target/lockstep.jar")).toAbsolutePath();
    private static final List<String> AS_APP = List.of("setpriv", "--reuid", "1001", "--regid", "1001", "--clear-groups");

    @TempDir
    Path temp;
    Path data;

    @BeforeEach
    void setUp() throws IOException, InterruptedException {
        assumeTrue(ProcessIdentity.current().isRoot(), "only root can run a check as another user");
        assumeTrue(new ProcessBuilder("setpriv", "--version").start().waitFor() == 0, "needs setpriv (util-linux)");
        Files.setAttribute(temp, "unix:mode", 0755);
        data = Files.createDirectories(temp.resolve("data/uploads"));
        data = temp.resolve("data");
        Files.writeString(data.resolve("uploads/a.txt"), "x");
        chownTree(1000);
    }

    private void chownTree(int id) throws IOException {
        try (Stream<Path> entries = Files.walk(data)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Files.setAttribute(entry, "unix:uid", id, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(entry, "unix:gid", id, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run lockstep(List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("preflight", ".out");
        Path err = Files.createTempFile("preflight", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("LOCKSTEP_"));
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("lockstep preflight did not finish within 60s: " + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theApplicationUserIsDeniedADirectoryOfTheHostUserAndToldHowToFixIt() throws Exception {
        Run run = lockstep(AS_APP, "preflight", "--writable", data.toString());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(8);
        assertThat(run.stdout()).contains(
                "As 1001:1001, this process cannot create a file in " + data + ": permission denied. Its owner is 1000:1000 and its mode 0755.",
                "fix: docker run --rm -v <volume>:" + data + " alpine chown -R 1001:1001 " + data,
                "fix: docker build --build-arg HOST_UID=$(id -u) --build-arg HOST_GID=$(id -g) .",
                "fix: user: \"${UID}:${GID}\"",
                data + " belongs to 1000:1000, not to this process's user 1001:1001.",
                "mode 0755.\n        fix: as above\n");
    }

    @Test
    void theEntrypointFixesOwnershipAsRootAndThenTheApplicationUserPasses() throws Exception {
        Run fix = lockstep(List.of(), "preflight", "--writable", data.toString(), "--owner", "1001:1001", "--fix-ownership");
        Run app = lockstep(AS_APP, "preflight", "--writable", data.toString(), "--json");

        assertThat(fix.exitCode()).as(fix.stdout()).isZero();
        assertThat(app.exitCode()).as(app.stdout()).isZero();
        assertThat(app.stdout()).contains("\"passed\" : true");
        try (Stream<Path> entries = Files.list(data)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("uploads", ".lockstep-ownership");
        }
    }

    @Test
    void aDirectoryItsOwnerMayNotWriteIsAModeProblem() throws Exception {
        chownTree(1001);
        Files.setAttribute(data, "unix:mode", 0555);

        Run run = lockstep(AS_APP, "preflight", "--writable", data.toString());

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.stdout()).contains("Its owner is 1001:1001 and its mode 0555.");
    }

    @Test
    void theFixNeedsRoot() throws Exception {
        Run run = lockstep(AS_APP, "preflight", "--writable", data.toString(), "--owner", "1001:1001", "--fix-ownership");

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.stdout()).contains("Changing owners needs root, and this process is 1001:1001.", "fix: USER root");
    }
}

package dev.lockstep.preflight;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real read-only bind mount; skipped where this process may not mount (not root, no CAP_SYS_ADMIN). */
class ReadOnlyMountTest {
    @TempDir
    Path temp;
    Path readOnly;
    boolean mounted;

    @BeforeEach
    void mount() throws IOException, InterruptedException {
        Path source = Files.createDirectory(temp.resolve("source"));
        Files.writeString(source.resolve("file"), "x");
        readOnly = Files.createDirectory(temp.resolve("read-only"));
        mounted = run("mount", "--bind", source.toString(), readOnly.toString());
        Trees.requireThat(mounted, "a bind mount is not possible here");
        Trees.requireThat(run("mount", "-o", "remount,ro,bind", readOnly.toString()), "a read-only remount is not possible here");
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (mounted) {
            run("umount", readOnly.toString());
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    @Test
    void reportsAReadOnlyMountAsSuchNotAsAPermissionProblem() {
        PreflightReport report = Preflight.check(PreflightConfig.of(List.of(readOnly)));

        Check write = report.failures().stream().filter(c -> c.kind() == CheckKind.WRITE).findFirst().orElseThrow();
        assertThat(write.message()).contains("read-only mount (" + readOnly + ")", "no change of owner or mode helps");
        assertThat(write.fixes()).noneSatisfy(f -> assertThat(f).contains("chown"));
        assertThat(report.directories().get(0).checks().get(0).message()).contains("read-only");
    }

    @Test
    void aFixOnAReadOnlyMountSaysSo() {
        PreflightConfig fix = PreflightConfig.of(List.of(readOnly)).withOwner(Owner.parse("1001:1001"))
                .withFixOwnership(true, false, false, Duration.ofSeconds(10));

        Check check = Preflight.check(fix).failures().get(0);

        assertThat(check.kind()).isEqualTo(CheckKind.OWNERSHIP_FIX);
        assertThat(check.message()).contains("read-only file system", "It is on a read-only mount.");
    }
}

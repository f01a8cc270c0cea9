package dev.lockstep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.preflight.ProcessIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** lockstep preflight end to end in this process, as root (CI runs so), with output captured. */
class PreflightCommandTest {
    @TempDir
    Path dir;
    Path data;
    final Map<String, String> environment = new HashMap<>();
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(ProcessIdentity.current().isRoot(), "the directories of these tests belong to other users");
        data = Files.createDirectories(dir.resolve("data/cache"));
        data = dir.resolve("data");
        chown(data, 1000);
        chown(data.resolve("cache"), 1000);
    }

    private static void chown(Path path, int id) throws IOException {
        Files.setAttribute(path, "unix:uid", id, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", id, LinkOption.NOFOLLOW_LINKS);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return new Cli(environment, dir, new PrintWriter(out), new PrintWriter(err)).run(args);
    }

    @Test
    void exitsEightAndPrintsTheFixCommandsWhenTheOwnerDiffers() {
        int code = run("preflight", "--writable", data.toString(), "--owner", "1001:1001");

        assertThat(code).isEqualTo(8);
        assertThat(out.toString()).contains("  FAIL  owner           " + data + " belongs to 1000:1000, not to --owner 1001:1001.",
                "        fix: docker run --rm -v <volume>:" + data + " alpine chown -R 1001:1001 " + data,
                "Preflight failed: 1 failure and 0 warnings in 1 directory.");
    }

    @Test
    void passesWithExitZeroWhenTheOwnerMatches() {
        assertThat(run("preflight", "--writable", data.toString(), "--owner", "1000:1000")).isZero();
        assertThat(out.toString()).endsWith("Preflight passed: 0 failures and 0 warnings in 1 directory.\n");
    }

    @Test
    void fixesOwnershipAndReportsItAsJson() throws IOException {
        int code = run("preflight", "--writable", data.toString(), "--owner", "1001:1001", "--fix-ownership", "--json");

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(code).isZero();
        assertThat(json.get("passed").asBoolean()).isTrue();
        JsonNode fix = json.get("directories").get(0).get("ownershipFix");
        assertThat(fix.get("changed").asLong()).isEqualTo(2);
        assertThat(fix.get("incremental").asBoolean()).isFalse();
        assertThat(fix.fieldNames()).toIterable().containsExactly("owner", "incremental", "complete", "visited", "changed",
                "directories", "listed", "elapsedMs");
        assertThat(fix.get("owner").asText()).isEqualTo("1001:1001");
        assertThat(json.get("directories").get(0).get("checks").get(1).get("check").asText()).isEqualTo("ownership-fix");
    }

    @Test
    void theEnvironmentCanSkipTheFix() {
        environment.put("LOCKSTEP_SKIP_PERMISSION_FIX", "true");

        int code = run("preflight", "--writable", data.toString(), "--owner", "1001:1001", "--fix-ownership");

        assertThat(code).isEqualTo(8);
        assertThat(out.toString()).contains("Skipped: LOCKSTEP_SKIP_PERMISSION_FIX=true.");
    }

    @Test
    void takesTheDirectoriesFromTheEnvironment() {
        environment.put("LOCKSTEP_WRITABLE", data + "," + data.resolve("cache"));
        environment.put("LOCKSTEP_OWNER", "1000:1000");

        assertThat(run("preflight")).isZero();
        assertThat(out.toString()).contains("in 2 directories");
    }

    @Test
    void warningsFailOnlyWhenStrict() {
        assertThat(run("preflight", "--writable", data.toString(), "--owner", "1000:1000", "--min-free", "1000000T")).isZero();
        assertThat(out.toString()).contains("  WARN  free-space");

        assertThat(run("preflight", "--writable", data.toString(), "--owner", "1000:1000", "--min-free", "1000000T", "--strict"))
                .isEqualTo(8);
        assertThat(out.toString()).contains("Preflight failed: 0 failures and 1 warning in 1 directory (--strict).");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("preflight")).isEqualTo(2);
        assertThat(err.toString()).contains("give the directories the application writes with --writable DIR");
        assertThat(run("preflight", "--writable", data.toString(), "--min-free", "lots")).isEqualTo(2);
        assertThat(run("preflight", "--writable", data.toString(), "--owner", "app")).isEqualTo(2);
        assertThat(err.toString()).contains("with numbers, not names");
        assertThat(run("preflight", "--writable", data.toString(), "--fix-ownership")).isEqualTo(2);
        assertThat(err.toString()).contains("--fix-ownership needs --owner UID:GID");
    }
}

package dev.lockstep.cli.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code lockstep exec} started as root, as an entrypoint that fixes volumes first: the app runs as
 * {@code --run-as}'s user through the image's setpriv, never as root by accident, with signals and exit codes
 * as without it. Needs root and {@code /usr/bin/setpriv}, as CI has.
 */
class RunAsIT {
    @TempDir
    Path folder;
    Path migrations;
    Path database;

    @BeforeEach
    void rootWithSetprivAndAMigration() throws Exception {
        assumeThat(System.getProperty("user.name")).as("these tests start lockstep as root").isEqualTo("root");
        assumeThat(Path.of("/usr/bin/setpriv")).as("util-linux setpriv").isExecutable();
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE customers (id int);\n");
        database = folder.resolve("app.db");
    }

    private CliProcess exec(String name, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("exec", "--url", "jdbc:sqlite:" + database,
                "--locations", migrations.toString()));
        command.addAll(List.of(args));
        return CliProcess.start(folder, name, environment, command.toArray(String[]::new));
    }

    @Test
    void runsTheAppAsTheGivenUidAndGidWhichCanWriteItsVolumeButNotRootsDirectories() throws Exception {
        Path volume = Files.createDirectory(folder.resolve("volume"));
        Files.setAttribute(volume, "unix:uid", 1001);
        Files.setAttribute(volume, "unix:gid", 1001);
        Path rootOnly = Files.createDirectory(folder.resolve("root-only"));
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwxr-xr-x"));

        CliProcess exec = exec("exec", Map.of(), "--run-as", "1001:1001", "--", "sh", "-c",
                "echo uid=$(id -u) gid=$(id -g) groups=$(id -G) home=$HOME;"
                        + " grep -E '^(Uid|Gid|CapEff):' /proc/self/status;"
                        + " touch volume/data && echo wrote the volume;"
                        + " touch root-only/data 2>/dev/null || echo denied root-only");

        assertThat(exec.exitCode(60)).as(exec.stderr()).isZero();
        assertThat(exec.stdout()).contains("uid=1001 gid=1001 groups=1001 home=/\n", "wrote the volume",
                "denied root-only").containsPattern("Uid:\\s+1001\\s+1001\\s+1001\\s+1001")
                .containsPattern("Gid:\\s+1001\\s+1001\\s+1001\\s+1001").containsPattern("CapEff:\\s+0+\n");
        assertThat(folder.resolve("volume/data")).exists();
        assertThat(folder.resolve("root-only/data")).doesNotExist();
        assertThat(exec.stderr()).contains("Applied V1__create.sql", "as 1001:1001 through setpriv");
    }

    @Test
    void fixesTheVolumesOwnershipForTheRunAsUserBeforeTheAppStarts() throws Exception {
        Path volume = Files.createDirectories(folder.resolve("volume/cache"));
        Files.writeString(volume.resolve("old.txt"), "left by an image that ran as root");

        CliProcess exec = exec("exec", Map.of(), "--run-as", "1001:1001", "--writable", folder.resolve("volume").toString(),
                "--fix-ownership", "--", "sh", "-c", "echo more >> volume/cache/old.txt && echo wrote the volume");

        assertThat(exec.exitCode(60)).as(exec.stderr()).isZero();
        assertThat(exec.stdout()).contains("wrote the volume");
        assertThat(Files.getAttribute(volume.resolve("old.txt"), "unix:uid")).isEqualTo(1001);
        assertThat(Files.getAttribute(folder.resolve("volume"), "unix:gid")).isEqualTo(1001);
    }

    @Test
    void aVolumeTheRunAsUserDoesNotOwnStopsTheStartWithExit8BeforeMigrating() throws Exception {
        Path volume = Files.createDirectory(folder.resolve("volume"));

        CliProcess exec = exec("exec", Map.of(), "--run-as", "1001:1001", "--writable", volume.toString(),
                "--", "sh", "-c", "echo started");

        assertThat(exec.exitCode(60)).as(exec.stderr()).isEqualTo(8);
        assertThat(exec.stdout()).doesNotContain("started");
        assertThat(exec.stderr()).contains("Preflight failed", "chown", "The app was not started and nothing was migrated");
        assertThat(database).doesNotExist();
    }

    @Test
    void resolvesAUserNameFromTheImagesPasswdWithItsHomeFromTheEnvironmentVariable() throws Exception {
        CliProcess exec = exec("exec", Map.of("LOCKSTEP_RUN_AS", "nobody", "HOME", "/root", "USER", "root"),
                "--", "sh", "-c", "echo $(id -un):$(id -gn) home=$HOME user=$USER logname=$LOGNAME");

        assertThat(exec.exitCode(60)).as(exec.stderr()).isZero();
        assertThat(exec.stdout()).contains("nobody:nogroup home=/nonexistent user=nobody logname=nobody");
    }

    @Test
    void asRootWithoutRunAsRefusesBeforeMigratingAndSaysHowToNameTheUser() throws Exception {
        CliProcess exec = exec("exec", Map.of(), "--", "sh", "-c", "echo the app ran");

        assertThat(exec.exitCode(60)).as(exec.stderr()).isEqualTo(2);
        assertThat(exec.stderr()).contains("runs as root", "--run-as 1001:1001", "--allow-root");
        assertThat(exec.stdout()).doesNotContain("the app ran");
        assertThat(database).doesNotExist();
    }

    @Test
    void allowRootRunsTheAppAsRoot() throws Exception {
        CliProcess exec = exec("exec", Map.of("LOCKSTEP_ALLOW_ROOT", "true"), "--", "sh", "-c", "echo uid=$(id -u)");

        assertThat(exec.exitCode(60)).as(exec.stderr()).isZero();
        assertThat(exec.stdout()).contains("uid=0");
    }

    @Test
    void withoutSetprivSuExecOrGosuOnThePathStopsBeforeMigratingAndNamesWhatToInstall() throws Exception {
        Path emptyBin = Files.createDirectory(folder.resolve("bin"));

        CliProcess exec = exec("exec", Map.of("PATH", emptyBin.toString()), "--run-as", "1001:1001", "--", "true");

        assertThat(exec.exitCode(60)).as(exec.stderr()).isEqualTo(2);
        assertThat(exec.stderr()).contains("none of setpriv, su-exec or gosu is on the PATH (" + emptyBin + ")",
                "apt-get", "apk add setpriv", "Nothing was migrated");
        assertThat(database).doesNotExist();
    }

    @Test
    void notRootMayNameOnlyItself() throws Exception {
        Path data = Files.createDirectory(folder.resolve("data"));
        Files.setAttribute(data, "unix:uid", 65534);
        database = data.resolve("app.db");
        String[] common = {"exec", "--url", "jdbc:sqlite:" + database, "--locations", migrations.toString()};

        CliProcess other = CliProcess.startUnprivileged(folder, "other", Map.of(),
                concat(common, "--run-as", "1001:1001", "--", "true"));
        assertThat(other.exitCode(60)).as(other.stderr()).isEqualTo(2);
        assertThat(other.stderr()).contains("lockstep runs as 65534:65534, not as root");
        assertThat(database).doesNotExist();

        CliProcess itself = CliProcess.startUnprivileged(folder, "itself", Map.of(),
                concat(common, "--run-as", "nobody", "--", "sh", "-c", "echo uid=$(id -u)"));
        assertThat(itself.exitCode(60)).as(itself.stderr()).isZero();
        assertThat(itself.stdout()).contains("uid=65534");
    }

    @Test
    void passesSignalsOnToTheAppItselfAndExitsWithItsCode() throws Exception {
        CliProcess exec = exec("exec", Map.of(), "--run-as", "1001:1001", "--", "sh", "-c",
                "trap 'echo got HUP' HUP; trap 'echo got INT' INT; trap 'echo got TERM as $(id -u); exit 7' TERM;"
                        + " echo started pid $$; while :; do sleep 0.1; done");
        long appPid = Long.parseLong(exec.awaitStdout(Pattern.compile("started pid (\\d+)"), 60));

        assertThat(exec.process().children().map(ProcessHandle::pid)).as("setpriv became the app in place")
                .containsExactly(appPid);
        ExecIT.signal(exec, "HUP");
        exec.awaitStdout(Pattern.compile("got HUP"), 10);
        ExecIT.signal(exec, "INT");
        exec.awaitStdout(Pattern.compile("got INT"), 10);
        exec.process().destroy();

        assertThat(exec.exitCode(30)).as(exec.stderr()).isEqualTo(7);
        assertThat(exec.stdout()).contains("got TERM as 1001");
    }

    @Test
    void anAppKilledBySignalGivesOneHundredTwentyEightPlusItsNumber() throws Exception {
        CliProcess exec = exec("exec", Map.of(), "--run-as", "1001:1001", "--", "sh", "-c", "kill -KILL $$");

        assertThat(exec.exitCode(60)).as(exec.stderr()).isEqualTo(128 + 9);
    }

    @Test
    void anAppThatIsNotThereExitsOneHundredTwentySevenAsWithoutRunAs() throws Exception {
        CliProcess exec = exec("exec", Map.of(), "--run-as", "1001:1001", "--", "no-such-app");

        assertThat(exec.exitCode(60)).as(exec.stderr()).isEqualTo(127);
        assertThat(exec.stderr()).contains("no-such-app");
    }

    private static String[] concat(String[] first, String... rest) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(rest))
                .toArray(String[]::new);
    }
}

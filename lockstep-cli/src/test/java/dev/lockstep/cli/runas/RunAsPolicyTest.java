package dev.lockstep.cli.runas;

import dev.lockstep.error.LockstepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who the app runs as, decided before anything migrates, and every refusal with exit 2 and the way out. */
class RunAsPolicyTest {
    static final EffectiveUser ROOT = new EffectiveUser(0, 0);
    static final EffectiveUser NOBODY = new EffectiveUser(65534, 65534);

    @TempDir
    Path folder;

    private AppLaunch decide(EffectiveUser self, String runAs, boolean allowRoot, String path) throws Exception {
        RunAsPolicy policy = new RunAsPolicy(self, Users.in(folder), () -> new SwitcherFinder(path));
        return policy.decide(runAs == null ? null : UserSpec.parse(runAs), allowRoot);
    }

    /** With a PATH that has only a su-exec. */
    private AppLaunch decide(EffectiveUser self, String runAs, boolean allowRoot) throws Exception {
        Path suExec = Files.createDirectories(folder.resolve("bin")).resolve("su-exec");
        Files.writeString(suExec, "#!/bin/sh\n");
        Files.setPosixFilePermissions(suExec, PosixFilePermissions.fromString("rwxr-xr-x"));
        return decide(self, runAs, allowRoot, suExec.getParent().toString());
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable decision, String... says) {
        assertThatThrownBy(decision).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.exitCode()).isEqualTo(2)).hasMessageContainingAll(says);
    }

    @Test
    void rootWithRunAsStartsTheAppThroughTheSwitcherAsThatUser() throws Exception {
        AppLaunch launch = decide(ROOT, "app", false);

        assertThat(launch.switcher()).isEqualTo(new Switcher.UserSpecSwitcher(folder.resolve("bin/su-exec")));
        assertThat(launch.runAs()).map(AppUser::owner).contains("1001:1001");
    }

    @Test
    void rootWithoutRunAsRefusesToRunTheAppAsRootAndSaysHowToNameTheUser() {
        refused(() -> decide(ROOT, null, false), "runs as root", "--run-as 1001:1001", "LOCKSTEP_RUN_AS", "--allow-root");
        refused(() -> decide(ROOT, "0:0", false), "--run-as 0:0 is root", "--allow-root");
        refused(() -> decide(NOBODY, "root", false), "is root");
    }

    @Test
    void allowRootRunsTheAppAsRootWithoutSwitching() throws Exception {
        assertThat(decide(ROOT, null, true)).isEqualTo(AppLaunch.asItself());
        assertThat(decide(ROOT, "root", true).switcher()).isNull();
    }

    @Test
    void aUserWhoIsNotRootRunsTheAppAsItselfAsBefore() throws Exception {
        assertThat(decide(NOBODY, null, false)).isEqualTo(AppLaunch.asItself());
    }

    @Test
    void aUserWhoIsNotRootMayNameItselfButNoOneElse() throws Exception {
        AppLaunch itself = decide(NOBODY, "nobody", false);
        assertThat(itself.switcher()).isNull();
        assertThat(itself.runAs()).map(AppUser::home).contains("/nonexistent");

        refused(() -> decide(NOBODY, "1001:1001", false), "lockstep runs as 65534:65534, not as root",
                "cannot start the app as app (1001:1001)", "docker run --user 1001:1001");
        refused(() -> decide(NOBODY, "65534:0", false), "cannot start the app as nobody (65534:0)");
    }

    @Test
    void rootWithoutAnySwitcherStopsBeforeMigratingAndNamesWhatToInstall() {
        refused(() -> decide(ROOT, "1001:1001", false, "/nonexistent:/proc"), "none of setpriv, su-exec or gosu is on"
                + " the PATH (/nonexistent:/proc)", "apk add su-exec", "Nothing was migrated");
    }

    @Test
    void aRunAsThatDoesNotResolveIsRefusedWhoeverRunsIt() {
        refused(() -> decide(NOBODY, "ghost", false), "no user 'ghost'");
        refused(() -> decide(ROOT, "ghost", true), "no user 'ghost'");
    }

    @Test
    void readsTheEffectiveIdsOfThisProcessAsTheSystemKnowsThem() throws Exception {
        assertThat(EffectiveUser.current()).hasToString(id("-u") + ":" + id("-g"));
    }

    /** What {@code id} says of the JVM's own user: a child process runs as its parent does. */
    private static String id(String flag) throws Exception {
        Process id = new ProcessBuilder("id", flag).redirectErrorStream(true).start();
        String out = new String(id.getInputStream().readAllBytes()).strip();
        assertThat(id.waitFor()).as("id %s: %s", flag, out).isZero();
        return out;
    }
}

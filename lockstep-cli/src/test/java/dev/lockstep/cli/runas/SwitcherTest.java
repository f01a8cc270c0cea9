package dev.lockstep.cli.runas;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line each switcher gets: the app's own arguments untouched, after the user. */
class SwitcherTest {
    static final AppUser APP = new AppUser(1001, 1001, List.of(1001, 50, 29), "app", "/home/app");
    static final AppUser NUMBERS = new AppUser(4242, 4343, List.of(), null, "/");
    static final List<String> APP_COMMAND = List.of("java", "-jar", "app.jar", "--user", "x");

    @Test
    void setprivSetsTheResolvedIdsAndGroupsAndEndsItsOptionsBeforeTheApp() {
        Switcher setpriv = new Switcher.Setpriv(Path.of("/usr/bin/setpriv"));

        assertThat(setpriv.command(APP, APP_COMMAND)).containsExactly("/usr/bin/setpriv", "--reuid=1001",
                "--regid=1001", "--groups=1001,50,29", "--inh-caps=-all", "--", "java", "-jar", "app.jar", "--user", "x");
        assertThat(setpriv.command(NUMBERS, List.of("app"))).containsExactly("/usr/bin/setpriv", "--reuid=4242",
                "--regid=4343", "--clear-groups", "--inh-caps=-all", "--", "app");
        assertThat(setpriv.name()).isEqualTo("setpriv");
    }

    @Test
    void suExecAndGosuGetTheNameWhenTheGroupsComeFromTheFilesAndTheNumbersOtherwise() {
        for (String tool : new String[] {"/sbin/su-exec", "/usr/local/bin/gosu"}) {
            Switcher switcher = new Switcher.UserSpecSwitcher(Path.of(tool));

            assertThat(switcher.command(APP, APP_COMMAND)).containsExactly(tool, "app", "java", "-jar", "app.jar",
                    "--user", "x");
            assertThat(switcher.command(NUMBERS, List.of("app"))).containsExactly(tool, "4242:4343", "app");
        }
    }

    @Test
    void theLaunchWrapsTheAppAndGivesItTheUsersHome() {
        AppLaunch launch = new AppLaunch(APP, new Switcher.Setpriv(Path.of("/usr/bin/setpriv")));

        ProcessBuilder builder = launch.builder(List.of("app"));

        assertThat(builder.command()).startsWith("/usr/bin/setpriv").endsWith("--", "app");
        assertThat(builder.environment()).containsEntry("HOME", "/home/app").containsEntry("USER", "app");
        assertThat(launch.describe()).isEqualTo(" as app (1001:1001) through setpriv");
        assertThat(launch.runAs()).contains(APP);
    }

    @Test
    void withoutRunAsTheAppStartsAsItIs() {
        ProcessBuilder builder = AppLaunch.asItself().builder(List.of("app", "--flag"));

        assertThat(builder.command()).containsExactly("app", "--flag");
        assertThat(builder.environment()).isEqualTo(new ProcessBuilder().environment());
        assertThat(AppLaunch.asItself().runAs()).isEmpty();
    }
}

package dev.lockstep.cli.runas;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Which program on the PATH switches users: setpriv, then su-exec, then gosu; never one that cannot. */
class SwitcherFinderTest {
    @TempDir
    Path folder;

    private Path program(String directory, String name, String script) throws Exception {
        Path file = Files.createDirectories(folder.resolve(directory)).resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private String path(String... directories) {
        StringBuilder path = new StringBuilder();
        for (String directory : directories) {
            path.append(path.isEmpty() ? "" : ":").append(folder.resolve(directory));
        }
        return path.toString();
    }

    @Test
    void prefersSetprivThatCanSetUsersAnywhereOnThePath() throws Exception {
        program("sbin", "su-exec", "exit 0");
        Path setpriv = program("bin", "setpriv", "echo ' --reuid <uid|user>  set real and effective uid'");

        assertThat(new SwitcherFinder(path("sbin", "bin")).find()).contains(new Switcher.Setpriv(setpriv));
    }

    @Test
    void passesOverABusyboxSetprivAndSaysWhy() throws Exception {
        Path setpriv = program("bin", "setpriv", "echo 'Usage: setpriv [OPTIONS] PROG ARGS'; echo '--nnp --inh-caps'");
        Path gosu = program("local", "gosu", "exit 0");
        SwitcherFinder finder = new SwitcherFinder(path("bin", "local"));

        assertThat(finder.find()).contains(new Switcher.UserSpecSwitcher(gosu));
        assertThat(finder.skipped()).singleElement().asString().startsWith(setpriv.toString()).contains("no --reuid");
    }

    @Test
    void takesSuExecBeforeGosu() throws Exception {
        program("a", "gosu", "exit 0");
        Path suExec = program("b", "su-exec", "exit 0");

        assertThat(new SwitcherFinder(path("a", "b")).find()).contains(new Switcher.UserSpecSwitcher(suExec));
    }

    @Test
    void findsNothingWhereNoneIsOrOnlyFilesThatCannotRun() throws Exception {
        Path notExecutable = program("bin", "gosu", "exit 0");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectories(folder.resolve("bin/su-exec"));

        assertThat(new SwitcherFinder(path("bin", "missing") + "::").find()).isEmpty();
        assertThat(new SwitcherFinder(null).find()).isEmpty();
    }
}

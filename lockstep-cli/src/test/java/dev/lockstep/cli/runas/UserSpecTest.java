package dev.lockstep.cli.runas;

import dev.lockstep.error.LockstepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --run-as} as written, and the numbers, groups and HOME it resolves to through the image's files. */
class UserSpecTest {
    @TempDir
    Path folder;

    private AppUser resolve(String runAs) throws Exception {
        return UserSpec.parse(runAs).resolve(Users.in(folder));
    }

    @Test
    void readsAUserAndAnOptionalGroup() {
        assertThat(UserSpec.parse("1001:1001")).isEqualTo(new UserSpec("1001", "1001"));
        assertThat(UserSpec.parse(" app ")).isEqualTo(new UserSpec("app", null));
        assertThat(UserSpec.parse("app:staff")).isEqualTo(new UserSpec("app", "staff"));
    }

    @Test
    void refusesWhatIsNotAUserWithExitTwoAndTheForms() {
        for (String bad : new String[] {"", ":1001", "1001:", "a:b:c", "my app"}) {
            assertThatThrownBy(() -> UserSpec.parse(bad)).as(bad).isInstanceOfSatisfying(LockstepException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(2)).hasMessageContaining("--run-as 1001:1001");
        }
    }

    @Test
    void aNameTakesItsUidPrimaryGroupSupplementaryGroupsAndHomeFromTheFiles() throws Exception {
        assertThat(resolve("app")).isEqualTo(new AppUser(1001, 1001, List.of(1001, 50, 29), "app", "/home/app"));
    }

    @Test
    void aUidWithAnEntryResolvesLikeItsFirstName() throws Exception {
        assertThat(resolve("1001")).isEqualTo(resolve("app"));
    }

    @Test
    void aGivenGroupReplacesThePrimaryGroupAndClearsTheSupplementaryOnes() throws Exception {
        assertThat(resolve("app:staff")).isEqualTo(new AppUser(1001, 50, List.of(), "app", "/home/app"));
        assertThat(resolve("app:7")).isEqualTo(new AppUser(1001, 7, List.of(), "app", "/home/app"));
    }

    @Test
    void numbersWithoutAnEntryNeedNoFilesAndGetSlashAsHome() throws Exception {
        AppUser user = resolve("4242:4343");

        assertThat(user).isEqualTo(new AppUser(4242, 4343, List.of(), null, "/"));
        assertThat(user.owner()).isEqualTo("4242:4343");
    }

    @Test
    void anEmptyHomeFieldMeansSlash() throws Exception {
        assertThat(resolve("homeless").home()).isEqualTo("/");
    }

    @Test
    void anUnknownNameOrGroupOrAUidWithoutGroupIsAConfigurationErrorSayingWhatToGive() {
        assertThatThrownBy(() -> resolve("ghost")).isInstanceOf(LockstepException.class)
                .hasMessageContaining("no user 'ghost' in " + folder.resolve("passwd")).hasMessageContaining("UID:GID");
        assertThatThrownBy(() -> resolve("app:ghosts")).isInstanceOf(LockstepException.class)
                .hasMessageContaining("no group 'ghosts' in " + folder.resolve("group")).hasMessageContaining("app:GID");
        assertThatThrownBy(() -> resolve("4242")).isInstanceOf(LockstepException.class)
                .hasMessageContaining("UID 4242 has no entry").hasMessageContaining("--run-as 4242:GID");
    }

    @Test
    void missingFilesReadAsAnImageWithoutUsers() {
        UserDatabase none = UserDatabase.read(folder.resolve("no-passwd"), folder.resolve("no-group"));

        assertThat(UserSpec.parse("10001:10001").resolve(none)).isEqualTo(new AppUser(10001, 10001, List.of(), null, "/"));
        assertThatThrownBy(() -> UserSpec.parse("app").resolve(none)).isInstanceOf(LockstepException.class);
    }

    @Test
    void givesTheAppHomeUserAndLognameOrRemovesTheNamesItDoesNotHave() throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("HOME", "/root", "USER", "root", "LOGNAME", "root", "PATH", "/bin"));
        resolve("app").applyTo(environment);
        assertThat(environment).containsExactlyInAnyOrderEntriesOf(
                Map.of("HOME", "/home/app", "USER", "app", "LOGNAME", "app", "PATH", "/bin"));

        resolve("4242:4242").applyTo(environment);
        assertThat(environment).containsExactlyInAnyOrderEntriesOf(Map.of("HOME", "/", "PATH", "/bin"));
    }
}

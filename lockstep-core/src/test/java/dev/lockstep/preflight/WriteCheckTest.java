package dev.lockstep.preflight;

import org.junit.jupiter.api.Test;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed write means, for a process running as 1001:1001, on each kind of host. */
class WriteCheckTest {
    private static final Path DATA = Path.of("/data");
    private static final ProcessIdentity APP = new ProcessIdentity(1001, 1001, Set.of());
    private static final SecurityModules NONE = new SecurityModules(SecurityModules.Selinux.ABSENT, false, Optional.empty());
    private static final AccessDeniedException DENIED = new AccessDeniedException("/data/.lockstep-probe-1");

    private static EntryAttributes directory(int uid, int gid, int mode) {
        return new EntryAttributes(uid, gid, mode, true, FileTime.fromMillis(0));
    }

    private static Check failure(SecurityModules modules, EntryAttributes attributes, Exception error, Optional<MountInfo.Mount> mount) {
        Host host = new Host(APP, modules, new MountInfo(List.of()));
        return new WriteCheck(host, APP.asOwner()).failure(DATA, attributes, mount, WriteProbe.Step.CREATE,
                (java.io.IOException) error);
    }

    @Test
    void aDenialTheModeExplainsGetsTheOwnershipFixes() {
        Check check = failure(NONE, directory(1000, 1000, 0755), DENIED, Optional.empty());

        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.message()).contains("As 1001:1001, this process cannot create a file in /data: permission denied",
                "Its owner is 1000:1000 and its mode 0755");
        assertThat(check.fixes()).anySatisfy(f -> assertThat(f).startsWith("docker run --rm -v <volume>:/data alpine chown -R 1001:1001 /data"))
                .anySatisfy(f -> assertThat(f).startsWith("docker build --build-arg HOST_UID=$(id -u) --build-arg HOST_GID=$(id -g)"))
                .anySatisfy(f -> assertThat(f).startsWith("user: \"${UID}:${GID}\""));
    }

    @Test
    void aDenialDespiteOwnerAndModeNamesSelinuxWhenItEnforces() {
        SecurityModules selinux = new SecurityModules(SecurityModules.Selinux.ENFORCING, false,
                Optional.of("system_u:system_r:container_t:s0:c1,c2"));

        Check check = failure(selinux, directory(1001, 1001, 0755), DENIED, Optional.empty());

        assertThat(check.message()).contains("owner (1001:1001) and mode (0755) allow it", "SELinux is enforcing",
                "container_t");
        assertThat(check.fixes()).anySatisfy(f -> assertThat(f).contains(":/data:Z")).anySatisfy(f -> assertThat(f).contains(":z"));
    }

    @Test
    void aDenialDespiteOwnerAndModeNamesTheAppArmorProfile() {
        SecurityModules apparmor = new SecurityModules(SecurityModules.Selinux.ABSENT, true, Optional.of("docker-default (enforce)"));

        Check check = failure(apparmor, directory(0, 1001, 0775), DENIED, Optional.empty());

        assertThat(check.message()).contains("AppArmor confines this process with profile docker-default (enforce)");
        assertThat(check.fixes()).anySatisfy(f -> assertThat(f).contains("--security-opt apparmor=unconfined"));
    }

    @Test
    void aDenialNoModuleExplainsPointsAtAclsAndNfs() {
        Check check = failure(NONE, directory(1001, 1001, 0700), DENIED, Optional.empty());

        assertThat(check.message()).contains("neither SELinux (absent) nor AppArmor (not enabled)");
        assertThat(check.fixes()).anySatisfy(f -> assertThat(f).startsWith("getfacl /data"));
    }

    @Test
    void aReadOnlyFileSystemIsReportedAsSuchNotAsPermissions() {
        Check check = failure(NONE, directory(1000, 1000, 0755),
                new FileSystemException("/data/.lockstep-probe-1", null, "Read-only file system"), Optional.empty());

        assertThat(check.message()).contains("read-only file system", "read-only mount", "no change of owner or mode helps");
        assertThat(check.fixes()).anySatisfy(f -> assertThat(f).contains("without :ro"))
                .noneSatisfy(f -> assertThat(f).contains("chown"));
    }

    @Test
    void aReadOnlyMountIsReadOnlyWhateverTheErrorSays() {
        MountInfo.Mount readOnly = new MountInfo.Mount("/data", "ext4", "/dev/sda1", true);

        Check check = failure(NONE, directory(1000, 1000, 0755), DENIED, Optional.of(readOnly));

        assertThat(check.message()).contains("read-only mount (/data)");
    }
}

package dev.lockstep.preflight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The kernel's own files, laid out under a fake root. */
class SecurityModulesTest {
    @TempDir
    Path root;

    private void write(String file, String text) throws IOException {
        Files.createDirectories(root.resolve(file).getParent());
        Files.writeString(root.resolve(file), text);
    }

    @Test
    void readsSelinuxEnforcingAndTheProcessLabel() throws IOException {
        write("sys/fs/selinux/enforce", "1");
        write("proc/self/attr/current", "system_u:system_r:container_t:s0:c1,c2\0");

        SecurityModules modules = SecurityModules.read(root);

        assertThat(modules.selinuxEnforcing()).isTrue();
        assertThat(modules.processLabel()).contains("system_u:system_r:container_t:s0:c1,c2");
        assertThat(modules.apparmorConfining()).isFalse();
    }

    @Test
    void permissiveSelinuxDeniesNothing() throws IOException {
        write("sys/fs/selinux/enforce", "0\n");

        assertThat(SecurityModules.read(root).selinux()).isEqualTo(SecurityModules.Selinux.PERMISSIVE);
        assertThat(SecurityModules.read(root).selinuxEnforcing()).isFalse();
    }

    @Test
    void apparmorConfinesOnlyAProcessWithAProfile() throws IOException {
        write("sys/module/apparmor/parameters/enabled", "Y\n");
        write("proc/self/attr/current", "unconfined\n");
        assertThat(SecurityModules.read(root).apparmorConfining()).isFalse();

        write("proc/self/attr/current", "docker-default (enforce)\n");
        assertThat(SecurityModules.read(root).apparmorConfining()).isTrue();
    }

    @Test
    void noModuleWhereTheKernelHasNone() {
        SecurityModules modules = SecurityModules.read(root);

        assertThat(modules.selinux()).isEqualTo(SecurityModules.Selinux.ABSENT);
        assertThat(modules.apparmor()).isFalse();
        assertThat(modules.processLabel()).isEmpty();
    }
}

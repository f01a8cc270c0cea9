package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Linux security modules that can deny access although owner and mode allow it, as the kernel
 * itself reports them: {@code /sys/fs/selinux/enforce}, {@code /sys/module/apparmor/parameters/enabled}
 * and this process's label in {@code /proc/self/attr/current}.
 *
 * @param selinux      SELinux's mode
 * @param apparmor     whether AppArmor is enabled in the kernel
 * @param processLabel this process's security label ({@code system_u:system_r:container_t:s0:c1,c2},
 *                     {@code docker-default (enforce)}), empty when the kernel gives none
 */
public record SecurityModules(Selinux selinux, boolean apparmor, Optional<String> processLabel) {

    /** SELinux's mode. */
    public enum Selinux { ABSENT, PERMISSIVE, ENFORCING }

    /** This machine's, read under {@code /}. */
    public static SecurityModules current() {
        return read(Path.of("/"));
    }

    /** Read under another root: a test's fake {@code /sys} and {@code /proc}. */
    static SecurityModules read(Path root) {
        Selinux selinux = text(root.resolve("sys/fs/selinux/enforce"))
                .map(mode -> mode.equals("1") ? Selinux.ENFORCING : Selinux.PERMISSIVE).orElse(Selinux.ABSENT);
        boolean apparmor = text(root.resolve("sys/module/apparmor/parameters/enabled")).map("Y"::equals).orElse(false);
        Optional<String> label = text(root.resolve("proc/self/attr/current"))
                .or(() -> text(root.resolve("proc/self/attr/apparmor/current")));
        return new SecurityModules(selinux, apparmor, label);
    }

    /** Whether SELinux denies what its policy does not allow (permissive mode only logs). */
    public boolean selinuxEnforcing() {
        return selinux == Selinux.ENFORCING;
    }

    /** Whether AppArmor confines this process with a profile. */
    public boolean apparmorConfining() {
        return apparmor && processLabel.filter(label -> !label.equals("unconfined") && !label.contains("(unconfined)")).isPresent();
    }

    private static Optional<String> text(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).replace("\0", "").strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // absent, or EINVAL where no module gives a label
        }
    }
}

package dev.lockstep.preflight;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The commands that fix each problem, filled in with this case's directory, owners and modes. Each
 * line is one way out, for one way of deploying (plain Docker, an image build, Compose, Kubernetes);
 * {@code <volume>} stands for the volume or host directory mounted at the directory.
 */
final class Advice {
    private Advice() {
    }

    static List<String> missing(Path directory, Owner owner) {
        return List.of(
                "docker run -v <volume>:" + directory + " ...   (mount the volume the application expects there)",
                "RUN mkdir -p " + directory + " && chown " + owner + " " + directory
                        + "   (Dockerfile, before USER: a directory the image itself provides)",
                "volumeMounts: [{name: <volume>, mountPath: " + directory + "}]   (Kubernetes)");
    }

    static List<String> notDirectory(Path directory) {
        return List.of("docker run -v <volume>:" + directory + " ...   (" + directory
                + " is not a directory: mount a directory there, or give --writable the directory the application writes)");
    }

    /** The directory belongs to {@code actual}; the application runs as, or expects, {@code wanted}. */
    static List<String> owner(Path directory, String actual, Owner wanted) {
        List<String> fixes = new ArrayList<>();
        fixes.add("docker run --rm -v <volume>:" + directory + " alpine chown -R " + wanted + " " + directory
                + "   (a named volume created by root, or by an image whose user had another UID)");
        fixes.add("docker build --build-arg HOST_UID=$(id -u) --build-arg HOST_GID=$(id -g) .   (a bind mount of a host"
                + " directory owned by " + actual + ": create the image's user with those IDs: ARG HOST_UID, ARG HOST_GID,"
                + " useradd -u $HOST_UID)");
        fixes.add("user: \"${UID}:${GID}\"   (Compose: run the service as the host user, started with"
                + " UID=$(id -u) GID=$(id -g) docker compose up)");
        if (wanted.gid() != Owner.ANY) {
            fixes.add("securityContext: {fsGroup: " + wanted.gid() + "}   (Kubernetes: the volume is given group "
                    + wanted.gid() + " when it is mounted)");
        }
        fixes.add("lockstep preflight --writable " + directory + " --owner " + wanted + " --fix-ownership   (in the"
                + " entrypoint, as root, before the application starts as " + wanted + ")");
        return fixes;
    }

    static List<String> readOnly(Path directory, String mountPoint) {
        return List.of(
                "docker run -v <volume>:" + directory + " ...   (without :ro; Compose: drop :ro or read_only: true from the"
                        + " volume of " + mountPoint + ")",
                "readOnly: false   (Kubernetes: on the volumeMount at " + mountPoint + ")",
                "docker run --read-only --tmpfs " + directory + " ...   (scratch space in a read-only container;"
                        + " Kubernetes: an emptyDir volume at " + directory + ")");
    }

    static List<String> securityModule(Path directory, SecurityModules modules) {
        List<String> fixes = new ArrayList<>();
        if (modules.selinuxEnforcing()) {
            fixes.add("docker run -v <host-dir>:" + directory + ":Z ...   (SELinux: relabel the volume for this container"
                    + " alone; :z shares it between containers; Compose: - ./data:" + directory + ":z)");
            fixes.add("chcon -Rt container_file_t <host-dir>   (on the host, once)");
        }
        if (modules.apparmorConfining()) {
            fixes.add("docker run --security-opt apparmor=unconfined ...   (to confirm AppArmor profile "
                    + modules.processLabel().orElse("?") + " is the cause; then allow " + directory + " in the profile)");
        }
        if (fixes.isEmpty()) {
            fixes.add("getfacl " + directory + "   (neither SELinux nor AppArmor is enforcing: look for an ACL that denies"
                    + " access, an NFS export with root_squash, or a rootless user-namespace mapping: podman unshare ls -ln)");
        }
        return fixes;
    }

    static List<String> worldWritable(List<DirectoryAudit.Finding> directories, boolean allowed) {
        String paths = directories.stream().map(f -> f.directory().toString()).collect(Collectors.joining(" "));
        List<String> fixes = new ArrayList<>(List.of(
                "chmod o-w " + paths + "   (nobody else needs to write there)",
                "chmod +t " + paths + "   (shared scratch space: like /tmp, only an entry's owner may delete it)"));
        if (!allowed) {
            fixes.add("--allow-world-writable   (accept it: reported as a warning)");
        }
        return fixes;
    }

    static List<String> space(Path directory) {
        return List.of(
                "df -h " + directory + "   (see what fills the volume; free space or grow it)",
                "docker system df && docker volume prune   (Docker: volumes no container uses)");
    }

    static List<String> fixTimedOut(Path directory, Owner owner, Duration timeout) {
        return List.of(
                "docker run --rm -v <volume>:" + directory + " alpine chown -R " + owner + " " + directory
                        + "   (once, outside the start-up; the next fix then only checks the directories)",
                "--fix-timeout " + Math.max(timeout.toMinutes() * 4, 10) + "m   (and a health check start_period longer than it)");
    }

    static List<String> fixNeedsRoot(ProcessIdentity identity, Owner owner) {
        return List.of("USER root   (Dockerfile; Compose user: \"0:0\"; Kubernetes runAsUser: 0: run the entrypoint as"
                + " root, not as " + identity + ", and start the application as " + owner
                + " after the fix: lockstep exec, setpriv, gosu or su-exec)");
    }

    static List<String> remove(List<Path> files) {
        return List.of("rm -f " + files.stream().map(Path::toString).collect(Collectors.joining(" ")));
    }

    static List<String> inspect(Path directory) {
        return List.of("ls -ld " + directory + " && dmesg | tail   (the kernel's error above is unusual: look at the mount"
                + " and the kernel log)");
    }
}

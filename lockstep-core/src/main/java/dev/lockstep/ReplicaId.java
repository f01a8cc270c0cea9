package dev.lockstep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default replica id, {@code <host>:<pid>}: in Kubernetes the host name is the pod name, in
 * Compose the container id. Read from the environment and the kernel, never from DNS, which can
 * hang in a container whose network is not up yet.
 */
final class ReplicaId {
    private ReplicaId() {
    }

    static String ofThisProcess() {
        return hostName() + ":" + ProcessHandle.current().pid();
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no /proc: fall through to a neutral name.
        }
        return "localhost";
    }
}

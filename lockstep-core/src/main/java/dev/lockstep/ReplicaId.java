package dev.lockstep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The default replica id, {@code <host>:<pid>:<6 hex digits>}: in Kubernetes the host name is the pod name, in
 * Compose the container id. Host and pid keep it readable; the random part, drawn once per process, tells apart
 * processes that share both, such as containers on the host network, each pid 1 of its own namespace (decision
 * 0033). The host is read from the environment and the kernel, never from DNS, which can hang in a container whose
 * network is not up yet.
 */
final class ReplicaId {
    private static final int RANDOM_BYTES = 3;
    private static final String OF_THIS_PROCESS = of(hostName(), ProcessHandle.current().pid());

    private ReplicaId() {
    }

    /** The same for every call in one process, so all of its runs and log lines name it alike. */
    static String ofThisProcess() {
        return OF_THIS_PROCESS;
    }

    /** A fresh id for a process on {@code host} with {@code pid}: two calls differ even for the same host and pid. */
    static String of(String host, long pid) {
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        return host + ":" + pid + ":" + HexFormat.of().formatHex(random);
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

package dev.lockstep.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the web server will listen, read from the environment as Boot reads it: {@code server.port} (8080 unless
 * set) and {@code server.address}, and {@code management.server.port} when the actuator has a port of its own. A
 * random port (0), a disabled one (-1) and a TLS port are left alone: nothing could probe the first two, and the
 * listener speaks plain HTTP.
 */
final class ProbePorts {
    private static final Logger log = LoggerFactory.getLogger(ProbePorts.class);

    private ProbePorts() {
    }

    static List<StartupProbes.Port> of(Environment environment) {
        List<StartupProbes.Port> ports = new ArrayList<>();
        int server = environment.getProperty("server.port", Integer.class, 8080);
        add(ports, "server", environment.getProperty("server.address"), server, tls(environment, "server.ssl"));
        Integer management = environment.getProperty("management.server.port", Integer.class);
        if (management != null && management != server) {
            String address = environment.getProperty("management.server.address", environment.getProperty("server.address"));
            add(ports, "management.server", address, management, tls(environment, "management.server.ssl"));
        }
        return ports;
    }

    /** As Boot decides: TLS when a bundle, key store or certificate is configured, unless {@code enabled=false}. */
    private static boolean tls(Environment environment, String prefix) {
        boolean configured = environment.getProperty(prefix + ".bundle") != null
                || environment.getProperty(prefix + ".key-store") != null
                || environment.getProperty(prefix + ".certificate") != null;
        return configured && environment.getProperty(prefix + ".enabled", Boolean.class, true);
    }

    private static void add(List<StartupProbes.Port> ports, String prefix, String address, int port, boolean tls) {
        if (port <= 0) {
            return;
        }
        if (tls) {
            log.info("lockstep: {}.port {} uses TLS; probes get no answer there until the web server starts", prefix, port);
            return;
        }
        ports.add(new StartupProbes.Port(address, port));
    }
}

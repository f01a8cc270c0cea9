package dev.lockstep.spring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Answers the orchestrator's probes on the application's own port while the start-up migration or wait blocks the
 * start, before the web server exists: liveness 200, readiness 503 with the reason, and 503 for everything else.
 * Spring Boot creates its web server early but binds the port only when the context's lifecycle starts it, after every
 * bean, the migration included, is ready; until then nothing listens, and a liveness probe would kill a pod that is
 * migrating. This listener takes the port from the migration's start until just before the web server starts
 * ({@link #PHASE}), then frees it.
 *
 * <p>Plain HTTP on the JDK's server, one thread: probes are rare and small. It reads only {@link StartupProgress},
 * never the database.
 */
final class StartupProbes implements SmartLifecycle, DisposableBean {
    /**
     * Boot starts its web server in the lifecycle phase {@code SmartLifecycle.DEFAULT_PHASE - 2048} (Boot 3.5 and 4.0
     * alike); this closes in the phase just before, so the port is free when the server binds it, and unanswered for
     * as short a time as possible.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048 - 1;

    private static final Logger log = LoggerFactory.getLogger(StartupProbes.class);

    /** Where to listen: the server's address (null for every address) and port. */
    record Port(String address, int port) {
        @Override
        public String toString() {
            return (address == null ? "" : address) + ":" + port;
        }
    }

    private final List<Port> ports;
    private final Supplier<String> reason;
    private final List<HttpServer> servers = new ArrayList<>();
    private ExecutorService executor;
    private volatile boolean running;

    StartupProbes(List<Port> ports, Supplier<String> reason) {
        this.ports = List.copyOf(ports);
        this.reason = reason;
    }

    /** Starts answering; a port that cannot be bound is logged and left to the web server to report. */
    synchronized void open() {
        if (!servers.isEmpty() || ports.isEmpty()) {
            return;
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "lockstep-startup-probes");
            thread.setDaemon(true);
            return thread;
        });
        for (Port port : ports) {
            try {
                InetSocketAddress address = port.address() == null ? new InetSocketAddress(port.port())
                        : new InetSocketAddress(port.address(), port.port());
                HttpServer server = HttpServer.create(address, 16);
                server.createContext("/", this::answer);
                server.setExecutor(executor);
                server.start();
                servers.add(server);
            } catch (IOException | RuntimeException e) {
                log.warn("lockstep: cannot answer probes on {} while migrating ({}); probes get no answer until the web"
                        + " server starts", port, e.toString());
            }
        }
        if (!servers.isEmpty()) {
            log.info("lockstep: answering liveness (200) and readiness (503) on {} until the web server starts", ports);
        }
    }

    /** Frees the ports. Idempotent. */
    synchronized void close() {
        for (HttpServer server : servers) {
            server.stop(0);
        }
        servers.clear();
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
            String why = reason.get();
            if (path.endsWith("/liveness") || path.endsWith("/livez")) {
                send(exchange, 200, "{\"status\":\"UP\"}");
            } else if (path.endsWith("/readiness") || path.endsWith("/readyz") || path.endsWith("/health")) {
                send(exchange, 503, "{\"status\":\"OUT_OF_SERVICE\",\"reason\":\"" + json(why) + "\"}");
            } else {
                exchange.getResponseHeaders().set("Retry-After", "5");
                send(exchange, 503, "{\"status\":\"STARTING\",\"reason\":\"" + json(why) + "\"}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (exchange.getRequestMethod().equalsIgnoreCase("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The web server is about to start: give it the port. */
    @Override
    public void start() {
        close();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** A start that failed (or was stopped) before the lifecycle ran frees the port here. */
    @Override
    public void destroy() {
        close();
    }
}

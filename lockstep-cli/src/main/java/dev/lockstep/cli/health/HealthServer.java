package dev.lockstep.cli.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The status server on the JDK's built-in HTTP server: {@code /health/live}, {@code /health/ready},
 * {@code /health/migrations} (JSON) and {@code /metrics} (Prometheus text format). Every answer renders the
 * {@link HealthState}'s current snapshot ({@link Readiness}, {@link HealthJson}, {@link MetricsText}), from memory,
 * so probes cost nothing and never take the migration lock.
 * Up to {@link #WORKERS} daemon threads serve requests: the server never keeps the process alive on its own.
 *
 * <p>The JDK's server reads a request's line and headers on a worker thread, with no time limit of its own:
 * a client that sends part of a request and waits holds that worker. So a request must arrive whole within
 * {@link #MAX_REQUEST_SECONDS} (and its answer be taken within as long), or the connection is closed; its
 * headers are bounded in number and size; and there are enough workers that a few slow or hostile clients
 * cannot take them all while probes keep coming. These are the JDK server's own settings
 * ({@code sun.net.httpserver.*}, {@code jdk.http.maxHeaderSize}), set unless the JVM was started with them.
 */
public final class HealthServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("dev.lockstep");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    /** Threads that answer requests: each slow client holds one for at most {@link #MAX_REQUEST_SECONDS}. */
    static final int WORKERS = 16;
    /** How long a client has to send its whole request, and to take the answer, before it is cut off. */
    static final int MAX_REQUEST_SECONDS = 5;
    private static final Map<String, String> SERVER_SETTINGS = Map.of(
            "sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS),
            "sun.net.httpserver.maxRspTime", Integer.toString(MAX_REQUEST_SECONDS),
            "sun.net.httpserver.timerMillis", "500",
            "sun.net.httpserver.maxReqHeaders", "64",
            "jdk.http.maxHeaderSize", Integer.toString(16 * 1024));

    private final HttpServer server;
    private final ExecutorService threads;
    private final HealthState state;

    private HealthServer(HttpServer server, ExecutorService threads, HealthState state) {
        this.server = server;
        this.threads = threads;
        this.state = state;
    }

    /**
     * Listens on {@code address:port} (port 0: any free port, see {@link #port()}).
     *
     * @throws LockstepException {@link Reason#CONFIGURATION} when the address cannot be bound
     */
    public static HealthServer start(String address, int port, HealthState state) {
        SERVER_SETTINGS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value); // read once, when the JDK's server class first loads
            }
        });
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 16);
        } catch (IOException e) {
            throw new LockstepException(Reason.CONFIGURATION, "Cannot start the health server on " + address + ":" + port
                    + ": " + e.getMessage() + ". Choose a free --health-port, or an address of this host with"
                    + " --health-address.", e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "lockstep-health");
            thread.setDaemon(true);
            return thread;
        });
        HealthServer health = new HealthServer(server, threads, state);
        server.createContext("/", health::handle);
        server.setExecutor(threads);
        server.start();
        log.info("Health server listening on http://{}:{} (/health/live, /health/ready, /health/migrations, /metrics)",
                address, health.port());
        return health;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, JSON_TYPE, json(Map.of("error", "method not allowed; use GET")));
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/health/live" -> verdict(exchange, state.liveness(), "live");
                case "/health/ready" -> verdict(exchange, Readiness.of(state.snapshot()), "ready");
                case "/health/migrations" -> send(exchange, 200, JSON_TYPE, json(HealthJson.migrations(state.snapshot())));
                case "/metrics" -> send(exchange, 200, MetricsText.contentType(), metrics());
                default -> send(exchange, 404, JSON_TYPE, json(Map.of("error",
                        "not found; try /health/live, /health/ready, /health/migrations or /metrics")));
            }
        } catch (RuntimeException e) {
            log.warn("Health server: answering {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
        }
    }

    private static void verdict(HttpExchange exchange, Verdict verdict, String okWord) throws IOException {
        send(exchange, verdict.ok() ? 200 : 503, JSON_TYPE, json(HealthJson.verdict(verdict, okWord)));
    }

    private byte[] metrics() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetricsText.write(state.snapshot(), state.clock().instant(), out);
        return out.toByteArray();
    }

    private static byte[] json(Object document) throws IOException {
        return (JSON.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops listening at once; requests in flight are dropped, as the process is ending. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

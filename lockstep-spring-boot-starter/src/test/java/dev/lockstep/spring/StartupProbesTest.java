package dev.lockstep.spring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe listener that holds the server's port while the start-up migration blocks the start. */
class StartupProbesTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersLiveAndNotReadyWithTheReasonThenFreesThePortForTheWebServer() throws Exception {
        int port = freePort();
        AtomicReference<String> reason = new AtomicReference<>("migrating V7 statement 2/3");
        StartupProbes probes = new StartupProbes(List.of(new StartupProbes.Port("127.0.0.1", port)), reason::get);
        probes.open();
        try {
            assertThat(get(port, "/actuator/health/liveness")).isEqualTo("200 {\"status\":\"UP\"}");
            assertThat(get(port, "/livez")).startsWith("200 ");
            assertThat(get(port, "/actuator/health/readiness"))
                    .isEqualTo("503 {\"status\":\"OUT_OF_SERVICE\",\"reason\":\"migrating V7 statement 2/3\"}");
            reason.set("waiting for lock held by \"api-2\"");
            assertThat(get(port, "/readyz")).contains("waiting for lock held by \\\"api-2\\\"");
            assertThat(get(port, "/greetings")).as("the app's own paths are not served yet").startsWith("503 ");
        } finally {
            probes.start();
        }
        assertThat(probes.isRunning()).isTrue();
        try (ServerSocket webServer = new ServerSocket(port)) {
            assertThat(webServer.isBound()).as("the port is free for the web server").isTrue();
        }
    }

    @Test
    void freesThePortInTheLifecyclePhaseJustBeforeBootStartsItsWebServer() {
        // Boot 3.5 starts the web server in the phase below its graceful-shutdown lifecycle's (WebServerStartStopLifecycle)
        int webServerStart = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024;
        assertThat(new StartupProbes(List.of(), () -> "").getPhase()).isEqualTo(webServerStart - 1);
    }

    private String get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

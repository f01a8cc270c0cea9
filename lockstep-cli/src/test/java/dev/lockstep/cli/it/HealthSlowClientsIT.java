package dev.lockstep.cli.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health server of a real process keeps answering probes while clients that send part of a request and
 * never finish it hold connections open (slow or hostile clients, a port reachable from outside the pod), and
 * it cuts those clients off. Raw sockets against {@code lockstep serve}.
 */
class HealthSlowClientsIT {
    private static final Pattern PORT = Pattern.compile("Health server listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int STALLED = 6;

    @TempDir
    Path folder;
    final List<Socket> sockets = new ArrayList<>();
    CliProcess serve;

    @AfterEach
    void tearDown() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (serve != null) {
            serve.process().destroy();
            serve.exitCode(30);
        }
    }

    @Test
    void probesAnswerWhileClientsHoldUnfinishedRequestsAndThoseClientsAreCutOff() throws Exception {
        int port = startServe();
        for (int i = 0; i < STALLED; i++) {
            sockets.add(stalled(port, "GET /health/live HTTP/1.1\r\nHost: adversarial\r\nX-Slow: yes\r\n"));
        }

        for (int i = 0; i < 20; i++) {
            assertThat(probe(port, "/health/live")).as("probe %d", i).isEqualTo(200);
            assertThat(probe(port, "/metrics")).as("probe %d", i).isEqualTo(200);
        }
        for (Socket socket : sockets) {
            assertThat(readUntilClosed(socket)).as("a stalled request is cut off").isTrue();
        }
    }

    @Test
    void aRequestWithEndlessHeadersIsRefusedAndProbesGoOn() throws Exception {
        int port = startServe();
        Socket socket = stalled(port, "GET /health/live HTTP/1.1\r\nHost: adversarial\r\nX-Big: ");
        sockets.add(socket);
        byte[] chunk = "a".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        boolean refused = false;
        try {
            for (int i = 0; i < 1024; i++) { // 4 MB of one header
                socket.getOutputStream().write(chunk);
            }
        } catch (SocketException e) {
            refused = true;
        }

        assertThat(refused || readUntilClosed(socket)).as("an oversized request is refused").isTrue();
        assertThat(probe(port, "/health/ready")).isIn(200, 503);
    }

    private int startServe() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE adversarial_t (id INTEGER);\n");
        serve = CliProcess.start(folder, "adversarial-serve", "serve", "--url", "jdbc:sqlite:" + folder.resolve("adversarial.db"),
                "--locations", migrations.toString(), "--health-address", "127.0.0.1", "--health-port", "0");
        return Integer.parseInt(serve.awaitStderr(PORT, 60));
    }

    /** A connection that sent {@code partial} and nothing more. */
    private static Socket stalled(int port, String partial) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static int probe(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Whether the server closed the connection (within a minute: the test's bound, not the server's). */
    private static boolean readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(60_000);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // an error answer (431) may come first
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
    }
}

package dev.lockstep.boot4;

import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.MigrationRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter, compiled against Boot 3.5, in a Boot 4 web application on Tomcat: it migrates before JdbcTemplate
 * exists, its probe listener answers on the server's port during the migration (asked from inside the migration, by
 * a listener), Tomcat gets the port afterwards, and the health contributor and {@code /actuator/lockstep} answer.
 */
class Boot4StarterTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        @Bean
        ProbesDuringMigration probesDuringMigration(org.springframework.core.env.Environment environment) {
            return new ProbesDuringMigration(environment.getProperty("server.port", Integer.class));
        }
    }

    /** Asks the app's own port for its probes while the start-up migration runs. */
    static final class ProbesDuringMigration implements MigrationListener {
        private final int port;
        final List<String> answers = new ArrayList<>();

        ProbesDuringMigration(int port) {
            this.port = port;
        }

        @Override
        public void migrationStarted(MigrationRef migration, int statements) {
            if (answers.isEmpty()) {
                answers.add(get(port, "/actuator/health/liveness"));
                answers.add(get(port, "/actuator/health/readiness"));
            }
        }
    }

    @Test
    void migratesBeforeTheSchemaIsUsedAnswersProbesMeanwhileAndShowsItsStateInTheActuator() throws Exception {
        int port = freePort();
        SpringApplication app = new SpringApplicationBuilder(App.class).properties(
                "server.port=" + port, "spring.datasource.url=jdbc:sqlite:" + folder.resolve("app.db"),
                "management.endpoint.health.probes.enabled=true", "management.endpoint.health.show-details=always",
                "management.endpoints.web.exposure.include=health,lockstep", "lockstep.replica-id=boot4",
                "spring.main.banner-mode=off").build();
        try (ConfigurableApplicationContext context = app.run()) {
            assertThat(context.getBean(ProbesDuringMigration.class).answers)
                    .containsExactly("200 {\"status\":\"UP\"}",
                            "503 {\"status\":\"OUT_OF_SERVICE\",\"reason\":\"migrating V1 statement 1/1\"}");
            assertThat(((WebServerApplicationContext) context).getWebServer().getPort()).isEqualTo(port);
            assertThat(context.getBeanFactory().getBeanDefinition("jdbcTemplate").getDependsOn()).contains("lockstepInitializer");
            assertThat(context.getBean(JdbcTemplate.class).queryForList("SELECT text FROM notes", String.class))
                    .containsExactly("migrated");

            assertThat(get(port, "/actuator/health/readiness")).startsWith("200 ");
            assertThat(get(port, "/actuator/health")).contains("\"lockstep\":{", "\"currentVersion\":\"2\"");
            assertThat(get(port, "/actuator/lockstep")).startsWith("200 ")
                    .contains("\"lockstepBeans\"", "\"script\":\"V1__create_notes.sql\"", "\"state\":\"APPLIED\"",
                            "\"replica\":\"boot4\"");
        }
    }

    static String get(int port, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "0 " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "0 interrupted";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

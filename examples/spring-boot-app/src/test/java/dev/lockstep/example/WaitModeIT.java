package dev.lockstep.example;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The init-job pattern: the app's replicas run with {@code lockstep.mode=wait} and never migrate; one
 * {@code lockstep migrate} (the CLI jar, as a Kubernetes Job) brings the schema to the release's version. Until it
 * has, the replicas are live and not ready, saying they wait for the schema; then they start and serve.
 */
class WaitModeIT {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration").toAbsolutePath();

    @TempDir
    Path folder;

    @Test
    void waitModeReplicasStartOnceTheMigrateJobHasRunAndNeverMigrateThemselves() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            List<AppProcess> replicas = List.of(start("replica-1", database), start("replica-2", database));
            try {
                for (AppProcess replica : replicas) {
                    replica.await("/actuator/health/liveness", AppProcess.Answer::ok, 180);
                    replica.await("/actuator/health/readiness",
                            a -> a.status() == 503 && a.body().contains("waiting for the schema"), 120);
                }

                int job = AppProcess.runCli(folder, "job", 120, "migrate", "--url", database.url(),
                        "--locations", MIGRATIONS.toString(), "--replica-id", "job", "--lock-timeout", "1m");
                assertThat(job).as("the Job's exit code").isZero();

                for (AppProcess replica : replicas) {
                    replica.await("/actuator/health/readiness", AppProcess.Answer::ok, 120);
                    assertThat(replica.get("/greetings").body()).contains("Hello from a schema lockstep migrated");
                    assertThat(replica.log()).contains("wait mode");
                }
                assertThat(database.query("SELECT DISTINCT replica FROM lockstep_history"))
                        .as("only the Job migrated").containsExactly("job");
            } finally {
                for (AppProcess replica : replicas) {
                    replica.close();
                }
            }
        }
    }

    private AppProcess start(String name, TestDatabase database) throws Exception {
        return AppProcess.start(folder, name, Map.of(
                "SPRING_DATASOURCE_URL", database.url(),
                "LOCKSTEP_MODE", "wait",
                "LOCKSTEP_LOCK_TIMEOUT", "3m"));
    }
}

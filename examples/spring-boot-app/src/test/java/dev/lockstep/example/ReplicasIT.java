package dev.lockstep.example;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's promise, with six real app processes started at once on a fresh database: while one migrates, every app
 * is live (200) and not ready (503, saying why); SIGTERM to the migrating one stops it safely (exit 143, its place in
 * the journal recorded, the lock released) and another one resumes the migration; then every app is ready, every
 * migration was applied once, and none is left running.
 */
class ReplicasIT {
    private static final int APPS = 6;

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void sixAppsStartedAtOnceAreLiveButNotReadyWhileOneMigratesAndASigtermedMigratorStopsSafely(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path slow = GatedMigration.write(folder, kind);
            List<AppProcess> apps = new ArrayList<>();
            try {
                for (int i = 1; i <= APPS; i++) {
                    apps.add(AppProcess.start(folder, "app-" + i, Map.of(
                            "SPRING_DATASOURCE_URL", database.url(),
                            "LOCKSTEP_LOCATIONS", "classpath:db/migration,filesystem:" + slow,
                            "LOCKSTEP_LOCK_TIMEOUT", "4m",
                            "LOCKSTEP_CONNECT_TIMEOUT", "60s",
                            "LOCKSTEP_STOP_GRACE", "5s")));
                }

                AppProcess migrator = null;
                for (AppProcess app : apps) {
                    app.await("/actuator/health/liveness", AppProcess.Answer::ok, 180);
                    AppProcess.Answer ready = app.await("/actuator/health/readiness",
                            a -> a.status() == 503 && a.body().matches(".*(migrating V4 statement|waiting for lock held by .*app-\\d).*"),
                            120);
                    if (ready.body().contains("migrating V4")) {
                        migrator = app;
                    }
                }
                assertThat(migrator).as("one app says it migrates").isNotNull();
                assertThat(database.query("SELECT replica FROM lockstep_history WHERE status = 'running'"))
                        .as("the gate holds V4 while every app was asked").containsExactly(migrator.name());
                for (AppProcess app : apps) {
                    assertThat(app.get("/actuator/health/liveness").status()).as(app.name() + " live").isEqualTo(200);
                    assertThat(app.get("/greetings").status()).as(app.name() + " serves nothing yet").isEqualTo(503);
                    if (app != migrator) {
                        assertThat(app.get("/actuator/health/readiness").body())
                                .matches(".*waiting for lock held by .*" + migrator.name() + "\\b.*");
                    }
                }

                migrator.terminate();
                assertThat(migrator.exitCode(60)).as("safe stop; log:%n%s", migrator.log()).isEqualTo(143);
                assertThat(migrator.log()).contains("SIGTERM", "Stopped (SIGTERM)");
                GatedMigration.open(database);

                for (AppProcess app : apps) {
                    if (app == migrator) {
                        continue;
                    }
                    app.await("/actuator/health/readiness", AppProcess.Answer::ok, 180);
                    assertThat(app.get("/greetings").body()).contains("Hello from a schema lockstep migrated");
                }
                assertThat(database.query("SELECT version FROM lockstep_history WHERE status = 'applied' ORDER BY installed_rank"))
                        .as("every migration applied once").containsExactly("1", "2", "3", "4");
                assertThat(database.query("SELECT COUNT(*) FROM lockstep_history WHERE status = 'running'")).containsExactly("0");
                assertThat(database.query("SELECT replica FROM lockstep_history WHERE status = 'failed'"))
                        .as("the stopped attempt is on record").containsExactly(migrator.name());
                assertThat(database.query("SELECT COUNT(*) FROM greetings")).as("V2's insert ran once").containsExactly("1");
            } finally {
                for (AppProcess app : apps) {
                    app.close();
                }
            }
            for (AppProcess app : apps) {
                assertThat(app.process().isAlive()).as(app.name() + " left running").isFalse();
            }
        }
    }
}

package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Seams;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.SchemaStatus;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code lockstep wait} and {@link Lockstep#status}: reading where the schema stands, never taking the lock. */
class SchemaWaitTest {
    @TempDir
    Path dir;
    Path migrations;
    String url;
    final FakeTime time = new FakeTime();
    final List<String> progress = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        migrations = Files.createDirectories(dir.resolve("db/migration"));
        url = TestDatabase.create(TestDatabase.Kind.SQLITE, dir).url();
        write("V1__create.sql", "CREATE TABLE t (id INTEGER);");
        write("V2__add.sql", "ALTER TABLE t ADD COLUMN name TEXT;");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }

    private Lockstep waiter() {
        return Seams.load(configure(), time.clock(), time);
    }

    private LockstepConfig.Builder configure() {
        return Lockstep.configure().url(url).locations(migrations.toString()).replicaId("waiter")
                .listener(new MigrationListener() {
                    @Override
                    public void waitingForSchema(SchemaStatus status, Duration waited) {
                        progress.add(status.describe());
                    }
                });
    }

    @Test
    void returnsAtOnceWhenEveryMigrationIsApplied() {
        Lockstep.configure().url(url).locations(migrations.toString()).load().migrate();

        SchemaStatus status = waiter().awaitSchema("latest", Duration.ofSeconds(5));

        assertThat(status.isReady()).isTrue();
        assertThat(status.currentVersion()).isEqualTo("2");
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void statusListsWhatIsPendingWithoutCreatingTheHistory() throws Exception {
        SchemaStatus status = waiter().status(null);

        assertThat(status.isReady()).isFalse();
        assertThat(status.pending()).extracting(MigrationRef::script).containsExactly("V1__create.sql", "V2__add.sql");
        assertThat(status.describe()).isEqualTo("2 pending: V1__create.sql, V2__add.sql");
        assertThat(Files.exists(Path.of(url.substring("jdbc:sqlite:".length()) + ".lockstep-lock")))
                .as("no lock taken").isFalse();
    }

    @Test
    void endsWhenAnotherReplicaHasMigrated() {
        Sleeper otherReplicaMigratesMeanwhile = duration -> {
            time.sleep(duration);
            if (time.sleeps().size() == 2) {
                Lockstep.configure().url(url).locations(migrations.toString()).load().migrate();
            }
        };

        SchemaStatus status = Seams.load(configure(), time.clock(), otherReplicaMigratesMeanwhile)
                .awaitSchema(null, Duration.ofMinutes(1));

        assertThat(status.currentVersion()).isEqualTo("2");
        assertThat(time.sleeps()).hasSize(2);
        assertThat(progress).containsExactly("2 pending: V1__create.sql, V2__add.sql");
    }

    @Test
    void aTargetIsReachedBeforeLaterMigrations() {
        Lockstep.configure().url(url).locations(migrations.toString()).load().migrate();
        write3();

        assertThat(waiter().awaitSchema("2", Duration.ZERO).currentVersion()).isEqualTo("2");
        assertThatThrownBy(() -> waiter().awaitSchema("latest", Duration.ZERO))
                .isInstanceOf(LockstepException.class);
    }

    @Test
    void givesUpAfterTheTimeoutWithExitFourNamingWhatIsMissing() {
        assertThatThrownBy(() -> waiter().awaitSchema(null, Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.LOCK_TIMEOUT);
                    assertThat(e.exitCode()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("after 30s", "2 pending: V1__create.sql, V2__add.sql");
                });
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(30));
        assertThat(progress).as("a progress line every 5s").hasSizeBetween(6, 7);
    }

    @Test
    void failsAtOnceWhenWaitingCannotHelp() throws IOException {
        Lockstep.configure().url(url).locations(migrations.toString()).load().migrate();
        write("V1__create.sql", "CREATE TABLE t (id INTEGER, changed INTEGER);");

        assertThatThrownBy(() -> waiter().awaitSchema(null, Duration.ofMinutes(10)))
                .isInstanceOfSatisfying(LockstepException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_MIGRATIONS));
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void refusesATargetThatIsNoVersion() {
        assertThatThrownBy(() -> waiter().awaitSchema("newest", Duration.ZERO))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("'newest'", "latest");
                });
    }

    private void write3() {
        try {
            write("V3__more.sql", "CREATE TABLE u (id INTEGER);");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.lockstep.engine;

import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.MigrationType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports of a statement that runs longer than the progress interval, from the timer thread. */
class StatementProgressTest {
    private static final MigrationRef V1 = new MigrationRef("1", "slow", "V1__slow.sql", MigrationType.SQL);
    private static final MigrationRef V2 = new MigrationRef("2", "slower", "V2__slower.sql", MigrationType.SQL);

    /** Every report heard, and a latch that opens after {@code expected} of them. */
    private static final class Heard implements MigrationListener {
        final List<String> reports = new CopyOnWriteArrayList<>();
        final CountDownLatch enough;

        Heard(int expected) {
            enough = new CountDownLatch(expected);
        }

        @Override
        public void statementRunning(MigrationRef migration, int number, int total, Duration running) {
            reports.add(migration.script() + " " + number + "/" + total + " " + (running.toNanos() > 0 ? "running" : "not yet"));
            enough.countDown();
        }
    }

    @Test
    void aStatementStillRunningIsReportedAgainEveryIntervalWithItsNumberAndHowLongItRan() throws InterruptedException {
        Heard heard = new Heard(3);
        StatementProgress progress = new StatementProgress(Duration.ofMillis(20), heard);

        try (StatementProgress.Watch watch = progress.start(V1, 2, 3)) {
            assertThat(heard.enough.await(30, TimeUnit.SECONDS)).as("three reports while it runs").isTrue();
        }

        assertThat(heard.reports.subList(0, 3)).containsOnly("V1__slow.sql 2/3 running");
    }

    @Test
    void manyShortStatementsInARowLeaveTheReportsToTheOneThatRunsLong() throws InterruptedException {
        Heard heard = new Heard(2);
        StatementProgress progress = new StatementProgress(Duration.ofMillis(20), heard);
        for (int number = 1; number <= 10_000; number++) {
            progress.start(V1, number, 10_000).close();
        }

        try (StatementProgress.Watch watch = progress.start(V2, 1, 1)) {
            assertThat(heard.enough.await(30, TimeUnit.SECONDS)).as("the long statement is reported").isTrue();
        }

        assertThat(heard.reports).endsWith("V2__slower.sql 1/1 running", "V2__slower.sql 1/1 running");
    }

    @Test
    void aZeroIntervalReportsNothing() {
        Heard heard = new Heard(1);
        StatementProgress progress = new StatementProgress(Duration.ZERO, heard);

        progress.start(V1, 1, 1).close();

        assertThat(heard.reports).isEmpty();
    }
}

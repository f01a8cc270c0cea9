package dev.lockstep.spring;

import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.MigrationType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up readiness reason follows a backfill's batches as the CLI's does. */
class ProgressListenerTest {
    final StartupProgress progress = new StartupProgress();
    final ProgressListener listener = new ProgressListener(progress);
    final MigrationRef v7 = new MigrationRef("7", "email lower", "V7__email_lower.sql", MigrationType.SQL);

    @Test
    void aBackfillShowsItsBatchesRowsAndRateUntilItIsDone() {
        listener.migrationStarted(v7, 2);
        listener.statementDone(v7, 1, 2);
        listener.batchProgress(v7, new BatchProgress(2, 4, 12, 60_000, 50_000, Duration.ofSeconds(5), false));

        assertThat(progress.reason()).isEqualTo("migrating V7 statement 2/2, a backfill: 12 batches, 60000 rows, 10000 rows/s");

        listener.batchProgress(v7, new BatchProgress(2, 4, 40, 200_000, 190_000, Duration.ofSeconds(19), true));

        assertThat(progress.reason()).isEqualTo("migrating V7 statement 2/2");
    }

    @Test
    void aBackfillThatKnowsItsRowsLeftShowsThem() {
        listener.migrationStarted(v7, 2);
        listener.batchProgress(v7, new BatchProgress(2, 4, 12, 60_000, 50_000, Duration.ofSeconds(5), false, 140_000));

        assertThat(progress.reason()).isEqualTo("migrating V7 statement 2/2, a backfill: 12 batches, 60000 rows,"
                + " 10000 rows/s, about 140000 rows left");
    }
}

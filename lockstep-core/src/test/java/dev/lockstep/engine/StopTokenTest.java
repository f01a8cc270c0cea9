package dev.lockstep.engine;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stopping without a grace, as a holder that lost its lease must, and checks that run before every step. */
class StopTokenTest {

    @Test
    void anAbortCancelsAtOnceWithItsOwnReasonAndCause() {
        StopToken stop = new StopToken();

        stop.abort(Reason.MIGRATION_FAILED, "the migration lease was lost");

        assertThat(stop.isCancelled()).as("no grace period").isTrue();
        assertThat(stop.cancelledBecause()).isEqualTo("the run was stopped at once");
        assertThatThrownBy(() -> stop.throwIfRequested("before V2__b.sql."))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(6);
                    assertThat(e.getMessage()).isEqualTo("Stopped (the migration lease was lost): before V2__b.sql.");
                });
    }

    @Test
    void anAbortAfterSigtermKeepsTheSignalsExitCode() {
        StopToken stop = new StopToken();
        stop.request(Reason.TERMINATED);

        stop.abort(Reason.MIGRATION_FAILED, "the migration lease was lost");

        assertThat(stop.isCancelled()).isTrue();
        assertThat(stop.stopped("x").exitCode()).isEqualTo(143);
    }

    @Test
    void aWatchedCheckRunsWheneverTheEngineAsksAndCanAbort() {
        StopToken stop = new StopToken();
        boolean[] expired = {false};
        Runnable check = () -> {
            if (expired[0]) {
                stop.abort(Reason.MIGRATION_FAILED, "the lease term ended");
            }
        };
        stop.watch(check);
        assertThat(stop.isRequested()).isFalse();

        expired[0] = true;

        assertThat(stop.isCancelled()).isTrue();
        assertThat(stop.isRequested()).isTrue();
    }

    @Test
    void anUnwatchedCheckNoLongerRuns() {
        StopToken stop = new StopToken();
        Runnable check = () -> stop.abort(Reason.MIGRATION_FAILED, "should not run");
        stop.watch(check);
        stop.unwatch(check);

        assertThat(stop.isRequested()).isFalse();
    }
}

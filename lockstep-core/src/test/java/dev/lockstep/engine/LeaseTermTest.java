package dev.lockstep.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The holder's own view of its lease: when it must stop, by its clock, before anyone else may take over. */
class LeaseTermTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final FakeTime time = new FakeTime();
    private final Instant start = time.clock().instant();

    @Test
    void endsASixthOfTheLeaseBeforeTheDatabaseCouldExpireIt() {
        LeaseTerm term = new LeaseTerm(LEASE, time.clock(), start);

        assertThat(term.end()).isEqualTo(start.plusSeconds(25));
        time.sleep(Duration.ofSeconds(24));
        assertThat(term.isOver()).isFalse();
        time.sleep(Duration.ofSeconds(1));
        assertThat(term.isOver()).as("at the end, not after it").isTrue();
    }

    @Test
    void countsFromWhenTheRenewalWasSentNotWhenItWasConfirmed() {
        LeaseTerm term = new LeaseTerm(LEASE, time.clock(), start);
        time.sleep(Duration.ofSeconds(10));
        Instant sent = time.clock().instant();
        time.sleep(Duration.ofSeconds(4)); // a slow round trip

        term.renewed(sent);

        assertThat(term.end()).isEqualTo(sent.plusSeconds(25));
    }

    @Test
    void aLateConfirmationOfAnOlderRenewalNeverShortensTheTerm() {
        LeaseTerm term = new LeaseTerm(LEASE, time.clock(), start);
        term.renewed(start.plusSeconds(20));

        term.renewed(start.plusSeconds(10));

        assertThat(term.end()).isEqualTo(start.plusSeconds(45));
    }

    @Test
    void survivesOneMissedRenewalButNotTwo() {
        LeaseTerm term = new LeaseTerm(Duration.ofSeconds(3), time.clock(), start);
        assertThat(term.beatEvery()).isEqualTo(Duration.ofSeconds(1));

        time.sleep(Duration.ofSeconds(2)); // the beats at 1s and 2s failed
        assertThat(term.isOver()).isFalse();
        time.sleep(Duration.ofMillis(500));
        assertThat(term.isOver()).as("stopped half a second before the database lets anyone take over").isTrue();
    }
}

package dev.lockstep;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TenantQueueTest {
    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();

    private static Tenant tenant(String name) {
        return new Tenant(name, name, null, null);
    }

    @Test
    void handsOutTheTenantsInTheOrderOfTheSelectionThenNothing() throws Exception {
        TenantQueue queue = new TenantQueue(clock, List.of(tenant("a"), tenant("b")));

        assertThat(queue.take().tenant().name()).isEqualTo("a");
        assertThat(queue.take().tenant().name()).isEqualTo("b");
        assertThat(queue.take()).isNull();
    }

    @Test
    void aTenantFoundLockedComesBackBeforeTheFreshOnesOnceItsBackOffHasPassed() throws Exception {
        TenantQueue queue = new TenantQueue(clock, List.of(tenant("a"), tenant("b"), tenant("c")));
        TenantQueue.Entry a = queue.take();
        Instant foundLocked = clock.now;
        queue.defer(a, foundLocked, Duration.ofMillis(5));

        assertThat(queue.take().tenant().name()).as("a is not due yet: go on with the next").isEqualTo("b");
        clock.now = clock.now.plusMillis(100);
        TenantQueue.Entry again = queue.take();

        assertThat(again.tenant().name()).isEqualTo("a");
        assertThat(again.lockedSince()).as("since the first time it was found locked").isEqualTo(foundLocked);
        assertThat(again.spent()).isEqualTo(Duration.ofMillis(5));
        assertThat(queue.take().tenant().name()).isEqualTo("c");
    }

    @Test
    void theBackOffDoublesUpToTwoSeconds() throws Exception {
        TenantQueue queue = new TenantQueue(clock, List.of(tenant("a")));
        TenantQueue.Entry entry = queue.take();
        for (int i = 0; i < 10; i++) {
            queue.defer(entry, clock.now, Duration.ZERO);
            clock.now = clock.now.plusSeconds(2);
            entry = queue.take();
        }
        assertThat(entry.delay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aClosedQueueHandsOutNothingMore() throws Exception {
        TenantQueue queue = new TenantQueue(clock, List.of(tenant("a"), tenant("b")));
        queue.close();

        assertThat(queue.take()).isNull();
    }
}

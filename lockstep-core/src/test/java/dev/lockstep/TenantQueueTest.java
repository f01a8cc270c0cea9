package dev.lockstep;

import dev.lockstep.engine.FakeTime;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TenantQueueTest {
    private final FakeTime time = new FakeTime();
    private final Clock clock = time.clock();

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
        Instant foundLocked = clock.instant();
        queue.defer(a, foundLocked, Duration.ofMillis(5));

        assertThat(queue.take().tenant().name()).as("a is not due yet: go on with the next").isEqualTo("b");
        time.sleep(Duration.ofMillis(100));
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
            queue.defer(entry, clock.instant(), Duration.ZERO);
            time.sleep(Duration.ofSeconds(2));
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

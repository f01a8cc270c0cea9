package dev.lockstep;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaIdTest {

    @Test
    void twoProcessesWithTheSameHostAndPidAreToldApart() {
        String one = ReplicaId.of("vm", 1);
        String other = ReplicaId.of("vm", 1);

        assertThat(one).matches("vm:1:[0-9a-f]{6}");
        assertThat(other).matches("vm:1:[0-9a-f]{6}").isNotEqualTo(one);
    }

    @Test
    void oneProcessKeepsOneIdForAllItsRuns() {
        assertThat(ReplicaId.ofThisProcess()).isEqualTo(ReplicaId.ofThisProcess());
        assertThat(Lockstep.configure().url("jdbc:sqlite::memory:").load().config().replicaId())
                .isEqualTo(ReplicaId.ofThisProcess());
    }
}

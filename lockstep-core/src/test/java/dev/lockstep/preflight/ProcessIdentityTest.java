package dev.lockstep.preflight;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessIdentityTest {
    @Test
    void takesTheEffectiveIdsAndTheSupplementaryGroupsFromProcStatus() {
        ProcessIdentity identity = ProcessIdentity.parse(List.of(
                "Name:\tjava", "Uid:\t0\t1001\t1001\t1001", "Gid:\t0\t1002\t1002\t1002", "Groups:\t10 20 "));

        assertThat(identity).isEqualTo(new ProcessIdentity(1001, 1002, Set.of(10, 20)));
        assertThat(identity.inGroup(1002)).isTrue();
        assertThat(identity.inGroup(20)).isTrue();
        assertThat(identity.inGroup(0)).isFalse();
        assertThat(identity.isRoot()).isFalse();
    }

    @Test
    void readsThisProcess() {
        assertThat(ProcessIdentity.current().uid()).isNotNegative();
    }
}

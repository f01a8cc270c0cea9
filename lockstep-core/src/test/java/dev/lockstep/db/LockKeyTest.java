package dev.lockstep.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LockKeyTest {

    @Test
    void everyReplicaDerivesTheSameKeyForOneScope() {
        assertThat(LockKey.of("app", "public", "lockstep_history").asLong())
                .isEqualTo(LockKey.of("app", "public", "lockstep_history").asLong());
    }

    @Test
    void tenantsInOtherSchemasGetOtherLocks() {
        assertThat(LockKey.of("app", "tenant_a", "lockstep_history").asLong())
                .isNotEqualTo(LockKey.of("app", "tenant_b", "lockstep_history").asLong());
        assertThat(LockKey.of("app", "tenant_a", "lockstep_history").asName())
                .isNotEqualTo(LockKey.of("app", "tenant_b", "lockstep_history").asName());
    }

    @Test
    void mysqlLockNamesFitTheServersLimit() {
        assertThat(LockKey.of("a".repeat(64), "b".repeat(64), "c".repeat(64)).asName()).hasSizeLessThanOrEqualTo(64);
    }
}

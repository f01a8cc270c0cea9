package dev.lockstep.preflight;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnerTest {
    @Test
    void readsUserAndGroupUserAloneOrGroupAlone() {
        assertThat(Owner.parse("1001:1002")).isEqualTo(new Owner(1001, 1002));
        assertThat(Owner.parse("1001")).isEqualTo(new Owner(1001, Owner.ANY));
        assertThat(Owner.parse(":0")).isEqualTo(new Owner(Owner.ANY, 0));
    }

    @Test
    void writesTheFormChownTakes() {
        assertThat(Owner.parse("1001:1002")).hasToString("1001:1002");
        assertThat(Owner.parse("1001")).hasToString("1001");
        assertThat(Owner.parse(":0")).hasToString(":0");
    }

    @Test
    void aPartNotGivenMatchesAnything() {
        assertThat(Owner.parse(":0").matches(1000650000, 0)).isTrue();
        assertThat(Owner.parse(":0").matches(1000650000, 1)).isFalse();
        assertThat(Owner.parse("1001").matches(1001, 42)).isTrue();
        assertThat(Owner.parse("1001:1001").matches(1001, 42)).isFalse();
    }

    @Test
    void refusesNamesAndEmptyOwnersWithTheFormToUse() {
        assertThatThrownBy(() -> Owner.parse("app:app")).hasMessageContaining("UID:GID (1001:1001)");
        assertThatThrownBy(() -> Owner.parse(":")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Owner.parse("-1:5")).isInstanceOf(IllegalArgumentException.class);
    }
}

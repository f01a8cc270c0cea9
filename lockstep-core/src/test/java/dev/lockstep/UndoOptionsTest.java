package dev.lockstep;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UndoOptionsTest {

    @Test
    void aCountBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> UndoOptions.count(0))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("at least 1, was 0");
                });
    }

    @Test
    void aTargetThatIsNoVersionIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> UndoOptions.to("v3"))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("'v3' is not a version");
                });
    }

    @Test
    void keepsTheTargetAsWritten() {
        assertThat(UndoOptions.to("1.10").to()).isEqualTo("1.10");
    }
}

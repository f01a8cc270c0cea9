package dev.lockstep.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsEveryUnitAndTakesABareNumberAsSeconds() {
        assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("45")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void explainsTheFormWhenTheValueIsNotADuration() {
        assertThatThrownBy(() -> converter.convert("ten minutes"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("250ms, 30s, 10m or 1h");
        assertThatThrownBy(() -> converter.convert("-5s")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}

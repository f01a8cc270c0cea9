package dev.lockstep.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SizeConverterTest {
    private final SizeConverter sizes = new SizeConverter();

    @Test
    void readsBytesAndPowersOf1024() {
        assertThat(sizes.convert("4096")).isEqualTo(4096L);
        assertThat(sizes.convert("512K")).isEqualTo(512L * 1024);
        assertThat(sizes.convert("500M")).isEqualTo(500L * 1024 * 1024);
        assertThat(sizes.convert("2G")).isEqualTo(2L << 30);
        assertThat(sizes.convert("2GiB")).isEqualTo(2L << 30);
        assertThat(sizes.convert("2gb")).isEqualTo(2L << 30);
        assertThat(sizes.convert("1T")).isEqualTo(1L << 40);
    }

    @Test
    void refusesWhatIsNotASize() {
        assertThatThrownBy(() -> sizes.convert("lots")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("500M, 2G");
        assertThatThrownBy(() -> sizes.convert("1.5G")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> sizes.convert("99999999999T")).hasMessageContaining("too large");
    }
}

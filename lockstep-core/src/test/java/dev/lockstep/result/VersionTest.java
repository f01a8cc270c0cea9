package dev.lockstep.result;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionTest {

    @Test
    void comparesPartsAsNumbersNotText() {
        assertThat(v("1.10")).isGreaterThan(v("1.9"));
        assertThat(v("10")).isGreaterThan(v("9"));
        assertThat(v("1.2.10")).isGreaterThan(v("1.2.9"));
    }

    @Test
    void ignoresTrailingZeroParts() {
        assertThat(v("2")).isEqualTo(v("2.0")).isEqualTo(v("2.0.0")).isEqualTo(v("2_0"));
        assertThat(v("2")).hasSameHashCodeAs(v("2.0.0"));
        assertThat(v("2").compareTo(v("2.0"))).isZero();
        assertThat(v("0")).isEqualTo(v("0.0"));
    }

    @Test
    void ordersAPrefixBeforeALongerVersion() {
        assertThat(v("1")).isLessThan(v("1.0.1"));
        assertThat(v("1.0")).isLessThan(v("1.0.0.1"));
        assertThat(v("0")).isLessThan(v("0.1"));
    }

    @Test
    void treatsDotsAndUnderscoresAlike() {
        assertThat(v("1_1")).isEqualTo(v("1.1"));
        assertThat(v("1_2.3")).isEqualTo(v("1.2_3"));
    }

    @Test
    void ignoresLeadingZerosInAPart() {
        assertThat(v("007")).isEqualTo(v("7"));
        assertThat(v("1.01")).isEqualTo(v("1.1"));
    }

    @Test
    void comparesPartsOfTwentyFiveDigitsAndMore() {
        assertThat(v("1234567890123456789012346")).isGreaterThan(v("1234567890123456789012345"));
        assertThat(v("1.99999999999999999999999999")).isGreaterThan(v("1.99999999999999999999999998"));
        assertThat(v("10000000000000000000000000")).isGreaterThan(v("9999999999999999999999999"));
    }

    @Test
    void comparesAPartOfManyDigitsWithOneOfFewByValue() {
        // Nineteen digits and more are read as a big integer, fewer as a long: the value decides, not the form.
        assertThat(v("0000000000000000000007")).isEqualTo(v("7")).hasSameHashCodeAs(v("7"));
        assertThat(v("1.0000000000000000000000")).isEqualTo(v("1")).hasSameHashCodeAs(v("1"));
        assertThat(v("3.00000000000000000000002")).isLessThan(v("3.3")).isGreaterThan(v("3.1"));
        assertThat(v("9223372036854775807")).isLessThan(v("9223372036854775808"));
        assertThat(v("999999999999999999")).isLessThan(v("1000000000000000000"));
    }

    @Test
    void ordersTimestampVersions() {
        List<Version> sorted = Stream.of("20240101120001", "20231231235959", "20240101120000").map(Version::parse).sorted().toList();

        assertThat(sorted).extracting(Version::toString).containsExactly("20231231235959", "20240101120000", "20240101120001");
    }

    @Test
    void keepsTheTextAsWritten() {
        assertThat(v("1_0")).hasToString("1_0");
        assertThat(v("007.1.0")).hasToString("007.1.0");
    }

    @Test
    void partsOfEighteenNineteenAndTwentyDigitsCompareAsNumbers() {
        assertThat(v("999999999999999999")).isLessThan(v("1000000000000000000"));
        assertThat(v("9223372036854775807")).isLessThan(v("9223372036854775808"));
        assertThat(v("99999999999999999999")).isGreaterThan(v("9223372036854775808"));
        assertThat(v("0009223372036854775808")).isEqualTo(v("9223372036854775808"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a", "1.", ".1", "1..2", "1__2", "-1", "+1", "1 2", " 1", "1.2a", "v1", "1-2", "١", "_1", "1_", "1._2", "1.2_", "１"})
    void refusesTextThatIsNotAVersion(String text) {
        assertThat(Version.isValid(text)).isFalse();
        assertThatThrownBy(() -> Version.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a version");
    }

    private static Version v(String text) {
        return Version.parse(text);
    }
}

package dev.lockstep.result;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.bigIntegers;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Version order is a total order consistent with equals, and it is exactly the order of the parts
 * as big integers with trailing zero parts removed.
 */
class VersionPropertiesTest {

    /** A version's text together with the numbers it was made from, so the model never parses text. */
    record Sample(String text, List<BigInteger> parts) {
        Version version() {
            return Version.parse(text);
        }

        /** The model: the parts without trailing zeros (but at least one part). */
        List<BigInteger> value() {
            List<BigInteger> value = new ArrayList<>(parts);
            while (value.size() > 1 && value.get(value.size() - 1).signum() == 0) {
                value.remove(value.size() - 1);
            }
            return value;
        }
    }

    private record Part(BigInteger value, int leadingZeros, char separator) {
    }

    @Test
    void compareMatchesComparingBigIntegerListsWithoutTrailingZeros() {
        qt().forAll(samples(), samples()).checkAssert((a, b) ->
                assertThat(Integer.signum(a.version().compareTo(b.version())))
                        .isEqualTo(Integer.signum(compareLists(a.value(), b.value()))));
    }

    @Test
    void isReflexive() {
        qt().forAll(samples()).checkAssert(a -> {
            assertThat(a.version().compareTo(Version.parse(a.text()))).isZero();
            assertThat(a.version()).isEqualTo(Version.parse(a.text()));
        });
    }

    @Test
    void isAntisymmetric() {
        qt().forAll(samples(), samples()).checkAssert((a, b) ->
                assertThat(Integer.signum(a.version().compareTo(b.version())))
                        .isEqualTo(-Integer.signum(b.version().compareTo(a.version()))));
    }

    @Test
    void isTransitive() {
        qt().forAll(samples(), samples(), samples()).checkAssert((a, b, c) -> {
            List<Version> sorted = new ArrayList<>(List.of(a.version(), b.version(), c.version()));
            sorted.sort(null);

            assertThat(sorted.get(0)).isLessThanOrEqualTo(sorted.get(2));
            if (sorted.get(0).compareTo(sorted.get(1)) == 0 && sorted.get(1).compareTo(sorted.get(2)) == 0) {
                assertThat(sorted.get(0)).isEqualTo(sorted.get(2));
            }
        });
    }

    @Test
    void isConsistentWithEqualsAndHashCode() {
        qt().forAll(samples(), samples()).checkAssert((a, b) -> {
            boolean same = a.version().compareTo(b.version()) == 0;

            assertThat(a.version().equals(b.version())).isEqualTo(same);
            if (same) {
                assertThat(a.version()).hasSameHashCodeAs(b.version());
            }
        });
    }

    @Test
    void ignoresTrailingZeroPartsAndSeparatorChoice() {
        qt().forAll(samples()).checkAssert(a -> {
            assertThat(Version.parse(a.text() + ".0_0")).isEqualTo(a.version());
            assertThat(Version.parse(a.text().replace('_', '.'))).isEqualTo(a.version());
        });
    }

    @Test
    void keepsTheTextAsWritten() {
        qt().forAll(samples()).checkAssert(a -> assertThat(a.version()).hasToString(a.text()));
    }

    private static Gen<Sample> samples() {
        // Mostly small parts, so that equal and prefix-related versions are common; some beyond 25 digits.
        Gen<BigInteger> values = integers().between(0, 3).map(BigInteger::valueOf)
                .mix(longs().between(0, Long.MAX_VALUE).map(BigInteger::valueOf), 20)
                .mix(bigIntegers().ofBytes(13).map(BigInteger::abs), 20);
        Gen<Part> parts = values.zip(integers().between(0, 2), arbitrary().pick('.', '_'), Part::new);
        return lists().of(parts).ofSizeBetween(1, 5).map(VersionPropertiesTest::sample);
    }

    private static Sample sample(List<Part> parts) {
        StringBuilder text = new StringBuilder();
        List<BigInteger> values = new ArrayList<>();
        for (Part part : parts) {
            if (!values.isEmpty()) {
                text.append(part.separator());
            }
            text.append("0".repeat(part.leadingZeros())).append(part.value());
            values.add(part.value());
        }
        return new Sample(text.toString(), values);
    }

    private static int compareLists(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}

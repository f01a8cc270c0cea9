package dev.lockstep.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Version order is a total order consistent with equals, and it is exactly the order of the parts
 * as big integers with trailing zero parts removed.
 */
class VersionProperties {

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

    @Property
    void compareMatchesComparingBigIntegerListsWithoutTrailingZeros(@ForAll("samples") Sample a, @ForAll("samples") Sample b) {
        assertThat(Integer.signum(a.version().compareTo(b.version()))).isEqualTo(Integer.signum(compareLists(a.value(), b.value())));
    }

    @Property
    void isReflexive(@ForAll("samples") Sample a) {
        assertThat(a.version().compareTo(Version.parse(a.text()))).isZero();
        assertThat(a.version()).isEqualTo(Version.parse(a.text()));
    }

    @Property
    void isAntisymmetric(@ForAll("samples") Sample a, @ForAll("samples") Sample b) {
        assertThat(Integer.signum(a.version().compareTo(b.version())))
                .isEqualTo(-Integer.signum(b.version().compareTo(a.version())));
    }

    @Property
    void isTransitive(@ForAll("samples") Sample a, @ForAll("samples") Sample b, @ForAll("samples") Sample c) {
        List<Version> sorted = new ArrayList<>(List.of(a.version(), b.version(), c.version()));
        sorted.sort(null);

        assertThat(sorted.get(0)).isLessThanOrEqualTo(sorted.get(2));
        if (sorted.get(0).compareTo(sorted.get(1)) == 0 && sorted.get(1).compareTo(sorted.get(2)) == 0) {
            assertThat(sorted.get(0)).isEqualTo(sorted.get(2));
        }
    }

    @Property
    void isConsistentWithEqualsAndHashCode(@ForAll("samples") Sample a, @ForAll("samples") Sample b) {
        boolean same = a.version().compareTo(b.version()) == 0;

        assertThat(a.version().equals(b.version())).isEqualTo(same);
        if (same) {
            assertThat(a.version()).hasSameHashCodeAs(b.version());
        }
    }

    @Property
    void ignoresTrailingZeroPartsAndSeparatorChoice(@ForAll("samples") Sample a) {
        assertThat(Version.parse(a.text() + ".0_0")).isEqualTo(a.version());
        assertThat(Version.parse(a.text().replace('_', '.'))).isEqualTo(a.version());
    }

    @Property
    void keepsTheTextAsWritten(@ForAll("samples") Sample a) {
        assertThat(a.version()).hasToString(a.text());
    }

    @Provide
    Arbitrary<Sample> samples() {
        // Mostly small parts, so that equal and prefix-related versions are common; some beyond 25 digits.
        Arbitrary<BigInteger> values = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(3))),
                Tuple.of(2, Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(Long.MAX_VALUE))),
                Tuple.of(2, Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(30))));
        Arbitrary<Part> parts = Combinators.combine(values, Arbitraries.integers().between(0, 2), Arbitraries.of('.', '_'))
                .as(Part::new);
        return parts.list().ofMinSize(1).ofMaxSize(5).map(VersionProperties::sample);
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

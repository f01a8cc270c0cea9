package dev.lockstep.result;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A migration version: numeric parts compared one by one as big integers, so {@code 1.10 > 1.9},
 * {@code 2 = 2.0} and 20-digit timestamps compare correctly. The text is kept as written in the
 * file name and is what the history table stores.
 */
public final class Version implements Comparable<Version> {
    private final String text;
    /**
     * The numeric parts without trailing zero parts, each in a {@code long} when every part has fewer than 19 digits
     * (every version seen in practice); otherwise {@link #big} holds them and this is {@code null}. A start parses
     * the name of every file and sorts them: a list of big integers per version was half of its live data at 20,000
     * files, and its comparison the most of a sort.
     */
    private final long[] small;
    private final BigInteger[] big;

    private Version(String text, long[] small, BigInteger[] big) {
        this.text = text;
        this.small = small;
        this.big = big;
    }

    /** Whether {@code text} is a version: digits, parts separated by {@code .} or {@code _}. */
    public static boolean isValid(String text) {
        // The form \d+([._]\d+)*, checked by hand rather than by a regex: every start parses the name
        // of every file, and the matcher (and split's pattern) was a tenth of reading 20,000 files.
        if (text == null || text.isEmpty()) {
            return false;
        }
        boolean digitBefore = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digitBefore = true;
            } else if ((c == '.' || c == '_') && digitBefore) {
                digitBefore = false;
            } else {
                return false;
            }
        }
        return digitBefore;
    }

    /**
     * Parses a version such as {@code 1}, {@code 1.2.10}, {@code 1_2} or {@code 20240101120000}.
     *
     * @throws IllegalArgumentException when the text is not a version
     */
    public static Version parse(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not a version: '" + text + "' (digits, parts separated by '.' or '_')");
        }
        int count = 1;
        boolean fitsLong = true;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.' || text.charAt(i) == '_') {
                fitsLong &= i - start < 19;
                count += i < text.length() ? 1 : 0;
                start = i + 1;
            }
        }
        long[] small = fitsLong ? new long[count] : null;
        BigInteger[] big = fitsLong ? null : new BigInteger[count];
        int part = 0;
        start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.' || text.charAt(i) == '_') {
                if (fitsLong) {
                    small[part] = Long.parseLong(text, start, i, 10);
                } else {
                    big[part] = new BigInteger(text.substring(start, i));
                }
                part++;
                start = i + 1;
            }
        }
        // Trailing zero parts do not change the value: 2 = 2.0 = 2.0.0.
        int size = count;
        while (size > 1 && (fitsLong ? small[size - 1] == 0 : big[size - 1].signum() == 0)) {
            size--;
        }
        if (size < count) {
            small = fitsLong ? Arrays.copyOf(small, size) : null;
            big = fitsLong ? null : Arrays.copyOf(big, size);
        }
        return new Version(text, small, big);
    }

    @Override
    public int compareTo(Version other) {
        if (small != null && other.small != null) {
            // Parts are never negative, so the signed comparison of longs is the numeric one.
            int c = Arrays.compare(small, other.small);
            return c == 0 ? 0 : (c < 0 ? -1 : 1);
        }
        int size = size();
        int otherSize = other.size();
        int common = Math.min(size, otherSize);
        for (int i = 0; i < common; i++) {
            int c = part(i).compareTo(other.part(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(size, otherSize);
    }

    private int size() {
        return small != null ? small.length : big.length;
    }

    private BigInteger part(int i) {
        return small != null ? BigInteger.valueOf(small[i]) : big[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        // Equal versions have equal parts; a part that fits a long hashes as that long however it is held.
        int hash = 1;
        for (int i = 0; i < size(); i++) {
            hash = 31 * hash + (small != null ? Long.hashCode(small[i]) : hashOf(big[i]));
        }
        return hash;
    }

    private static int hashOf(BigInteger part) {
        return part.bitLength() < 64 ? Long.hashCode(part.longValue()) : part.hashCode();
    }

    /** The version as written in the file name. */
    @Override
    public String toString() {
        return text;
    }
}

package dev.lockstep.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and ratios as the results print them. */
final class Stats {
    private Stats() {
    }

    static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** {@code 0.42×}: lockstep's figure over the peer's; below 1 means lockstep needs less. */
    static String ratio(long lockstep, long peer) {
        if (lockstep < 0 || peer <= 0) {
            return "n/a";
        }
        return String.format(java.util.Locale.ROOT, "%.2f×", (double) lockstep / peer);
    }

    static String ms(long ms) {
        return ms < 0 ? "n/a" : String.valueOf(ms);
    }

    static String mb(long kb) {
        return kb < 0 ? "n/a" : String.valueOf(Math.round(kb / 1024.0));
    }
}

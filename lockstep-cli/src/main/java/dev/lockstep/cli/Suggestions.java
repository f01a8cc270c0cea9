package dev.lockstep.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The options a misspelt one was probably meant to be: those within two edits (a swap of two neighbours counts as
 * one), nearest first. picocli suggests options only by their first two letters, which misses {@code --lcoations}.
 */
final class Suggestions {
    private static final int MAX_EDITS = 2;

    private Suggestions() {
    }

    static List<String> near(String typed, Collection<String> names) {
        String word = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        List<String> near = new ArrayList<>();
        for (int edits = 1; edits <= MAX_EDITS && near.isEmpty(); edits++) {
            for (String name : names) {
                if (name.startsWith("--") && distance(word, name) == edits) {
                    near.add(name);
                }
            }
        }
        near.sort(null);
        return near;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

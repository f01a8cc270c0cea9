package dev.lockstep.sql;

import java.util.List;

/**
 * One statement's code tokens (from {@link SqlTokenizer}) with the reads every analyzer of it makes: the statement
 * model's reader and the lint rules. An index outside the list reads as nothing, so a reader can look ahead and
 * behind without checking bounds.
 *
 * @param list the tokens, in order
 */
public record Tokens(List<SqlToken> list) {

    public Tokens {
        list = List.copyOf(list);
    }

    public int size() {
        return list.size();
    }

    /** The i-th token upper-cased if it is a word, as written otherwise; "" outside the list. */
    public String upper(int i) {
        return i >= 0 && i < list.size() ? list.get(i).upper() : "";
    }

    /** Whether the i-th token is the word {@code keyword} (upper-case), in any case. */
    public boolean is(int i, String keyword) {
        return i >= 0 && i < list.size() && list.get(i).is(keyword);
    }

    /** Whether the i-th token is the symbol {@code symbol}. */
    public boolean isSymbol(int i, String symbol) {
        return i >= 0 && i < list.size() && list.get(i).isSymbol(symbol);
    }

    /** Whether the words starting at {@code i} are {@code keywords}, in order. */
    public boolean isSequence(int i, String... keywords) {
        for (int k = 0; k < keywords.length; k++) {
            if (!is(i + k, keywords[k])) {
                return false;
            }
        }
        return true;
    }

    /** The first index in [from, to) where the words {@code keywords} start, outside parentheses; -1 if none. */
    public int find(int from, int to, String... keywords) {
        int depth = 0;
        for (int i = Math.max(from, 0); i < Math.min(to, list.size()); i++) {
            if (isSymbol(i, "(")) {
                depth++;
            } else if (isSymbol(i, ")")) {
                depth--;
            } else if (depth == 0 && isSequence(i, keywords)) {
                return i;
            }
        }
        return -1;
    }
}

package dev.lockstep.sql;

import java.util.Locale;
import java.util.Objects;

/**
 * One code token of a statement, for analyzers that read past the leading keywords (the linter).
 *
 * @param type   a word (keyword or bare identifier), quoted text (string, quoted identifier,
 *               dollar-quoted body) or anything else (a symbol or a number)
 * @param text   the token as written
 * @param offset where it starts in the text it was read from (0-based)
 */
public record SqlToken(Type type, String text, int offset) {

    public enum Type { WORD, QUOTED, SYMBOL }

    public SqlToken {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
    }

    /** Whether this is the word {@code keyword}, in any case; {@code keyword} is upper-case. */
    public boolean is(String keyword) {
        return type == Type.WORD && text.equalsIgnoreCase(keyword);
    }

    /** Whether this is the symbol {@code symbol}. */
    public boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }

    /** The word upper-cased; other tokens as written. */
    public String upper() {
        return type == Type.WORD ? text.toUpperCase(Locale.ROOT) : text;
    }
}

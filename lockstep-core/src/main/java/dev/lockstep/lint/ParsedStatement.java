package dev.lockstep.lint;

import dev.lockstep.sql.Change;
import dev.lockstep.sql.SqlDialect;
import dev.lockstep.sql.SqlName;
import dev.lockstep.sql.SqlToken;
import dev.lockstep.sql.Statement;
import dev.lockstep.sql.Tokens;
import java.util.List;

/**
 * One statement of a linted file with its code tokens, and the helpers rules read it with. Token
 * indexes past the end read as nothing, so a rule can look ahead without checking bounds.
 *
 * @param index     its position in the file, from 0
 * @param statement the statement as the splitter gave it
 * @param offset    where its first token stands in the file text
 * @param code      its code tokens, with the reads the rules make of them
 * @param change    what it changes, read once from those tokens: the statement model the in-flight judge reads too
 * @param grammar   the grammar it was read with, which resolves its names
 */
record ParsedStatement(int index, Statement statement, int offset, Tokens code, Change change, SqlDialect grammar) {

    ParsedStatement(int index, Statement statement, int offset, List<SqlToken> tokens, SqlDialect grammar) {
        this(index, statement, offset, new Tokens(tokens), Change.of(tokens, grammar), grammar);
    }

    /** Its code tokens; their offsets are relative to the statement text. */
    List<SqlToken> tokens() {
        return code.list();
    }

    /** The name starting at token {@code i}, or null when no name starts there. */
    SqlName name(int i) {
        return SqlName.at(tokens(), i, grammar);
    }

    int size() {
        return code.size();
    }

    /** The i-th token upper-cased if a word, as written otherwise; "" past the end. */
    String word(int i) {
        return code.upper(i);
    }

    boolean is(int i, String keyword) {
        return code.is(i, keyword);
    }

    boolean isSymbol(int i, String symbol) {
        return code.isSymbol(i, symbol);
    }

    /** Whether the words starting at {@code i} are {@code keywords}, in order. */
    boolean isSequence(int i, String... keywords) {
        return code.isSequence(i, keywords);
    }

    /** The first index in [from, to) where the words {@code keywords} start, outside parentheses; -1 if none. */
    int find(int from, int to, String... keywords) {
        return code.find(from, to, keywords);
    }

    int find(String... keywords) {
        return code.find(0, code.size(), keywords);
    }

    /** Offset in the file of token {@code i}, or of the statement when there is no such token. */
    int fileOffset(int i) {
        return i >= 0 && i < code.size() ? offset + code.list().get(i).offset() : offset;
    }
}

package dev.lockstep.sql;

import java.util.Locale;

/**
 * What the classifier needs to know about one statement, gathered from its code tokens as the
 * splitter streams them by, so that classifying never scans the statement a second time: its
 * leading tokens (words upper-cased), and a few facts found further in.
 *
 * <p>Comments and quoted text never count, except PostgreSQL dollar-quoted bodies, which are
 * searched for calls that drop the session's locks: a function or {@code DO} body is code too.
 */
final class StatementFacts {

    /** Marks a quoted token among the leading tokens: a string or quoted identifier, never a keyword. */
    static final String QUOTED = "\"\"";
    private static final int LEADING = 24;

    private final SqlDialect dialect;
    private final String[] leading = new String[LEADING];
    private int count;
    private int parentheses;
    private Keyword previous;
    private boolean selectsInto;
    private Keyword verbAfterFirst;
    private boolean copiesFromStdin;
    private boolean callsLockDropper;

    StatementFacts(SqlDialect dialect) {
        this.dialect = dialect;
    }

    void reset() {
        count = 0;
        parentheses = 0;
        previous = null;
        selectsInto = false;
        verbAfterFirst = null;
        copiesFromStdin = false;
        callsLockDropper = false;
    }

    /** The current token of {@code lexer}, which must be a code token of this statement. */
    void token(SqlLexer.Token token, String text, SqlLexer lexer, Keyword keyword) {
        switch (token) {
            case WORD -> word(text, lexer, keyword);
            case QUOTED -> other(QUOTED);
            case DOLLAR_QUOTED -> {
                other(QUOTED);
                if (dialect.has(SqlDialect.Feature.DOLLAR_QUOTES) && dialect.lockDropper() != null
                        && bodyCallsLockDropper(text, lexer.bodyStart(), lexer.bodyEnd(), lexer.line())) {
                    callsLockDropper = true;
                }
            }
            case EXECUTABLE_COMMENT_OPEN, EXECUTABLE_COMMENT_CLOSE -> {
                // transparent: the words inside a MySQL /*! ... */ comment are the statement's words
            }
            default -> {
                char c = text.charAt(lexer.start());
                if (c == '(') {
                    parentheses++;
                } else if (c == ')' && parentheses > 0) {
                    parentheses--;
                }
                other(count < LEADING ? text.substring(lexer.start(), lexer.end()) : null);
            }
        }
    }

    private void word(String text, SqlLexer lexer, Keyword keyword) {
        if (count < LEADING) {
            leading[count] = text.substring(lexer.start(), lexer.end()).toUpperCase(Locale.ROOT);
        }
        if (keyword != null) {
            noteKeyword(keyword, lexer);
        }
        count++;
        previous = keyword;
    }

    private void noteKeyword(Keyword keyword, SqlLexer lexer) {
        if (parentheses == 0 && count > 0) {
            switch (keyword) {
                case INTO -> selectsInto = true;
                case SELECT, INSERT, UPDATE, DELETE, MERGE -> {
                    if (verbAfterFirst == null) {
                        verbAfterFirst = keyword;
                    }
                }
                case STDIN -> copiesFromStdin |= previous == Keyword.FROM;
                default -> {
                }
            }
        }
        if (isLockDropper(keyword) && lexer.followedBy('(')) {
            callsLockDropper = true;
        }
    }

    private boolean isLockDropper(Keyword keyword) {
        return keyword != null && keyword == dialect.lockDropper();
    }

    private void other(String tokenText) {
        if (count < LEADING) {
            leading[count] = tokenText;
        }
        count++;
        previous = null;
    }

    /**
     * Looks for {@code pg_advisory_unlock_all(} in a dollar-quoted body. Most bodies do not
     * mention it, so a plain text search rules them out before the body is read as code.
     */
    private static boolean bodyCallsLockDropper(String text, int from, int to, int line) {
        if (!mentionsUnlockAll(text, from, to)) {
            return false;
        }
        SqlLexer body = new SqlLexer(text, from, to, line, SqlDialect.POSTGRESQL, true);
        for (SqlLexer.Token token = body.next(); token != SqlLexer.Token.EOF; token = body.next()) {
            if (token == SqlLexer.Token.WORD
                    && Keyword.of(text, body.start(), body.end()) == Keyword.PG_ADVISORY_UNLOCK_ALL
                    && body.followedBy('(')) {
                return true;
            }
            if (token == SqlLexer.Token.DOLLAR_QUOTED
                    && bodyCallsLockDropper(text, body.bodyStart(), body.bodyEnd(), body.line())) {
                return true;
            }
        }
        return false;
    }

    /** Jumps from underscore to underscore ({@code indexOf} is vectorised), comparing only there. */
    private static boolean mentionsUnlockAll(String text, int from, int to) {
        String needle = "_unlock_all";
        int last = to - needle.length();
        for (int i = text.indexOf('_', from); i >= 0 && i <= last; i = text.indexOf('_', i + 1)) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    /** The i-th code token, upper-cased if a word, {@link #QUOTED} if quoted; "" past the end or past the leading tokens kept. */
    String token(int i) {
        return i < Math.min(count, LEADING) ? leading[i] : "";
    }

    /** The index of the first leading token equal to {@code word} at or after {@code from}, or -1. */
    int indexOf(String word, int from) {
        for (int i = from; i < Math.min(count, LEADING); i++) {
            if (word.equals(leading[i])) {
                return i;
            }
        }
        return -1;
    }

    int tokenCount() {
        return count;
    }

    /** A top-level {@code INTO} after the first word: {@code SELECT ... INTO} writes rows or variables. */
    boolean selectsInto() {
        return selectsInto;
    }

    /** The first top-level SELECT, INSERT, UPDATE, DELETE or MERGE after the first word: what a WITH does. */
    Keyword verbAfterFirst() {
        return verbAfterFirst;
    }

    boolean copiesFromStdin() {
        return copiesFromStdin;
    }

    /** Calls {@code pg_advisory_unlock_all()} (PostgreSQL) or {@code RELEASE_ALL_LOCKS()} (MySQL) anywhere in its code. */
    boolean callsLockDropper() {
        return callsLockDropper;
    }
}

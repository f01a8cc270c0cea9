package dev.lockstep.sql;

/**
 * Cuts a region of SQL text into tokens, one call at a time, in one pass with an index: no regex,
 * no substring per token. Only what decides statement boundaries is told apart (words, quoted
 * text, comments, the delimiter); everything else is a symbol. The current token is described by
 * {@link #start()}, {@link #end()} and {@link #line()} until the next call.
 *
 * <p>A strict lexer throws {@link SqlSyntaxException} for an unterminated string, identifier,
 * comment or dollar quote; a lenient one (used to look inside dollar-quoted bodies, which need
 * not be code) ends such a token at the end of its region instead.
 */
final class SqlLexer {

    enum Token { WORD, QUOTED, DOLLAR_QUOTED, COMMENT, EXECUTABLE_COMMENT_OPEN, EXECUTABLE_COMMENT_CLOSE, SYMBOL, DELIMITER, EOF }

    private final String text;
    private final int limit;
    private final boolean lenient;
    private final boolean dollarQuotes;
    private final boolean escapeStrings;
    private final boolean nestedComments;
    private final boolean backticks;
    private final boolean brackets;
    private final boolean backslashEscapes;
    private final boolean doubleQuotedStrings;
    private final boolean hashComments;
    private final boolean dashCommentsNeedASpace;
    private final boolean executableComments;
    private final boolean digitLeadsIdentifiers;

    private int pos;
    private int currentLine;
    private int tokenStart;
    private int tokenEnd;
    private int tokenLine;
    private int bodyStart;
    private int bodyEnd;

    private String delimiter = ";";
    private char delimiterHead = ';';
    private boolean delimiterGluesToWords;
    private int executableCommentLine;

    SqlLexer(String text, int from, int to, int firstLine, SqlDialect dialect, boolean lenient) {
        this.text = text;
        this.pos = from;
        this.limit = to;
        this.currentLine = firstLine;
        this.lenient = lenient;
        this.dollarQuotes = dialect.has(SqlDialect.Feature.DOLLAR_QUOTES);
        this.escapeStrings = dialect.has(SqlDialect.Feature.ESCAPE_STRINGS);
        this.nestedComments = dialect.has(SqlDialect.Feature.NESTED_BLOCK_COMMENTS);
        this.backticks = dialect.has(SqlDialect.Feature.BACKTICK_IDENTIFIERS);
        this.brackets = dialect.has(SqlDialect.Feature.BRACKET_IDENTIFIERS);
        this.backslashEscapes = dialect.has(SqlDialect.Feature.BACKSLASH_ESCAPES);
        this.doubleQuotedStrings = dialect.has(SqlDialect.Feature.DOUBLE_QUOTED_STRINGS);
        this.hashComments = dialect.has(SqlDialect.Feature.HASH_COMMENTS);
        this.dashCommentsNeedASpace = dialect.has(SqlDialect.Feature.DASH_COMMENTS_NEED_A_SPACE);
        this.executableComments = dialect.has(SqlDialect.Feature.EXECUTABLE_COMMENTS);
        this.digitLeadsIdentifiers = dialect.has(SqlDialect.Feature.IDENTIFIERS_MAY_START_WITH_DIGITS);
    }

    int start() {
        return tokenStart;
    }

    int end() {
        return tokenEnd;
    }

    /** 1-based line of the current token's first character. */
    int line() {
        return tokenLine;
    }

    /** The text between the tags of the current {@link Token#DOLLAR_QUOTED} token. */
    int bodyStart() {
        return bodyStart;
    }

    int bodyEnd() {
        return bodyEnd;
    }

    boolean customDelimiter() {
        return !";".equals(delimiter);
    }

    /**
     * Switches to a MySQL client delimiter. Like the mysql client, the delimiter is then found
     * anywhere outside quotes and comments, even glued to a word ({@code END$$}).
     */
    void delimiter(String newDelimiter) {
        delimiter = newDelimiter;
        delimiterHead = newDelimiter.charAt(0);
        delimiterGluesToWords = isIdentifierPart(delimiterHead);
    }

    /**
     * Reads the argument of a {@code DELIMITER} command that the current word started, and skips
     * the rest of its line, as the mysql client does. Returns "" when the line has no argument.
     */
    String delimiterArgument() {
        while (pos < limit && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        int argumentStart = pos;
        while (pos < limit && text.charAt(pos) > ' ') {
            pos++;
        }
        String argument = text.substring(argumentStart, pos);
        while (pos < limit && text.charAt(pos) != '\n') {
            pos++;
        }
        return argument;
    }

    /** Whether the next character after the current token, past spaces and tabs, is {@code c}. */
    boolean followedBy(char c) {
        int i = tokenEnd;
        while (i < limit && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\n')) {
            i++;
        }
        return i < limit && text.charAt(i) == c;
    }

    Token next() {
        skipWhitespace();
        tokenStart = pos;
        tokenLine = currentLine;
        if (pos >= limit) {
            tokenEnd = pos;
            if (executableCommentLine > 0 && !lenient) {
                throw new SqlSyntaxException(executableCommentLine,
                        "the executable comment /*! opened here is never closed: add */");
            }
            return Token.EOF;
        }
        char c = text.charAt(pos);
        if (c == delimiterHead && text.startsWith(delimiter, pos)) {
            return finish(pos + delimiter.length(), Token.DELIMITER);
        }
        char next = pos + 1 < limit ? text.charAt(pos + 1) : 0;
        switch (c) {
            case '\'':
                return quoted('\'', backslashEscapes, "string literal");
            case '"':
                return quoted('"', backslashEscapes, doubleQuotedStrings ? "string literal" : "quoted identifier");
            case '`':
                if (backticks) {
                    return quoted('`', false, "quoted identifier");
                }
                break;
            case '[':
                if (brackets) {
                    return bracketed();
                }
                break;
            case '-':
                if (next == '-' && (!dashCommentsNeedASpace || pos + 2 >= limit || text.charAt(pos + 2) <= ' ')) {
                    return lineComment();
                }
                break;
            case '#':
                if (hashComments) {
                    return lineComment();
                }
                break;
            case '/':
                if (next == '*') {
                    return blockComment();
                }
                break;
            case '*':
                if (executableCommentLine > 0 && next == '/') {
                    executableCommentLine = 0;
                    return finish(pos + 2, Token.EXECUTABLE_COMMENT_CLOSE);
                }
                break;
            case '$':
                if (dollarQuotes) {
                    return dollar();
                }
                break;
            case 'E':
            case 'e':
                if (escapeStrings && next == '\'') {
                    pos++;
                    return quoted('\'', true, "escape string literal");
                }
                break;
            default:
                break;
        }
        if (isIdentifierPart(c) && (c < '0' || c > '9' || digitLeadsIdentifiers)) {
            return word();
        }
        if (c >= '0' && c <= '9') {
            return number();
        }
        return finish(pos + 1, Token.SYMBOL);
    }

    private Token finish(int end, Token token) {
        pos = end;
        tokenEnd = end;
        return token;
    }

    private void skipWhitespace() {
        while (pos < limit) {
            char c = text.charAt(pos);
            if (c == '\n') {
                currentLine++;
            } else if (c > ' ') {
                return;
            }
            pos++;
        }
    }

    private Token word() {
        int i = pos + 1;
        while (i < limit) {
            char c = text.charAt(i);
            if (!isIdentifierPart(c) || delimiterGluesToWords && c == delimiterHead && text.startsWith(delimiter, i)) {
                break;
            }
            i++;
        }
        return finish(i, Token.WORD);
    }

    /** Digits and what may follow them in a number ({@code 1e10}, {@code 0x1F}), as one symbol. */
    private Token number() {
        int i = pos + 1;
        while (i < limit && isIdentifierPart(text.charAt(i))
                && !(delimiterGluesToWords && text.charAt(i) == delimiterHead && text.startsWith(delimiter, i))) {
            i++;
        }
        return finish(i, Token.SYMBOL);
    }

    /** A quote-delimited token where a doubled quote stands for itself and, if asked, a backslash escapes. */
    private Token quoted(char quote, boolean backslashEscapes, String what) {
        int i = pos + 1;
        while (i < limit) {
            char c = text.charAt(i);
            if (c == quote) {
                if (i + 1 < limit && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return finish(i + 1, Token.QUOTED);
            }
            if (c == '\n') {
                currentLine++;
            } else if (c == '\\' && backslashEscapes && i + 1 < limit) {
                i++;
                if (text.charAt(i) == '\n') {
                    currentLine++;
                }
            }
            i++;
        }
        return unterminated(Token.QUOTED, "the " + what + " opened here is never closed: add the closing " + quote);
    }

    private Token bracketed() {
        int i = pos + 1;
        while (i < limit && text.charAt(i) != ']') {
            if (text.charAt(i) == '\n') {
                currentLine++;
            }
            i++;
        }
        if (i < limit) {
            return finish(i + 1, Token.QUOTED);
        }
        return unterminated(Token.QUOTED, "the [bracketed identifier] opened here is never closed: add ]");
    }

    private Token lineComment() {
        int end = text.indexOf('\n', pos);
        return finish(end < 0 || end > limit ? limit : end, Token.COMMENT);
    }

    private Token blockComment() {
        if (executableComments && executableCommentLine == 0 && pos + 2 < limit
                && (text.charAt(pos + 2) == '!' || text.startsWith("M!", pos + 2))) {
            executableCommentLine = currentLine;
            int i = pos + (text.charAt(pos + 2) == '!' ? 3 : 4);
            while (i < limit && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            return finish(i, Token.EXECUTABLE_COMMENT_OPEN);
        }
        int depth = 1;
        int i = pos + 2;
        while (i < limit) {
            char c = text.charAt(i);
            if (c == '*' && i + 1 < limit && text.charAt(i + 1) == '/') {
                i += 2;
                if (--depth == 0) {
                    return finish(i, Token.COMMENT);
                }
                continue;
            }
            if (c == '/' && nestedComments && i + 1 < limit && text.charAt(i + 1) == '*') {
                depth++;
                i += 2;
                continue;
            }
            if (c == '\n') {
                currentLine++;
            }
            i++;
        }
        return unterminated(Token.COMMENT, "the block comment opened here is never closed: add */");
    }

    /** {@code $tag$...$tag$}, {@code $$...$$}, or else a positional parameter such as {@code $1}. */
    private Token dollar() {
        int i = pos + 1;
        if (i < limit && isIdentifierStart(text.charAt(i))) {
            i++;
            while (i < limit && isIdentifierPart(text.charAt(i)) && text.charAt(i) != '$') {
                i++;
            }
        }
        if (i >= limit || text.charAt(i) != '$') {
            int end = pos + 1;
            while (end < limit && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            return finish(end, Token.SYMBOL);
        }
        String tag = text.substring(pos, i + 1);
        bodyStart = i + 1;
        int close = text.indexOf(tag, bodyStart);
        if (close < 0 || close + tag.length() > limit) {
            bodyEnd = limit;
            return unterminated(Token.DOLLAR_QUOTED,
                    "the dollar-quoted text " + tag + " opened here is never closed: add " + tag);
        }
        bodyEnd = close;
        for (int j = bodyStart; j < close; j++) {
            if (text.charAt(j) == '\n') {
                currentLine++;
            }
        }
        return finish(close + tag.length(), Token.DOLLAR_QUOTED);
    }

    private Token unterminated(Token token, String problem) {
        if (!lenient) {
            throw new SqlSyntaxException(tokenLine, problem);
        }
        return finish(limit, token);
    }

    private static boolean isIdentifierStart(char c) {
        char upper = (char) (c & ~0x20);
        return upper >= 'A' && upper <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9' || c == '$';
    }
}

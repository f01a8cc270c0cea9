package dev.lockstep.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a migration file into the statements the database will receive, in one pass.
 *
 * <p>Contract: the text has LF line endings and no BOM (the source reader normalises both). Each
 * statement's text runs from its first token to its last token before the delimiter: comments
 * before the first token belong to no statement, comments inside are kept, and a trailing comment
 * is dropped (so nothing appended later can end up inside a {@code --} comment). Statements made
 * only of comments or delimiters are dropped; a last statement needs no delimiter.
 *
 * <p>Per dialect: PostgreSQL splits as psql does (dollar quotes, {@code E''} strings, nested block
 * comments, {@code ;} inside parentheses or a {@code BEGIN ATOMIC} body kept); MySQL as the mysql
 * client does ({@code DELIMITER} lines, backslash escapes, {@code #} and {@code -- } comments,
 * {@code /*! ... *}{@code /} kept as code) and also keeps a routine's {@code BEGIN ... END} body
 * whole without a {@code DELIMITER}; SQLite keeps {@code CREATE TRIGGER ... BEGIN ... END} whole.
 * See {@link BlockTracker} for how bodies are recognised.
 *
 * <p>A {@code -- lockstep:batch} comment before a statement's first token marks that statement as a backfill
 * ({@link Statement#batch()}); it must be followed by a row change ({@code UPDATE}, {@code DELETE}, {@code INSERT}).
 */
public final class SqlSplitter {

    private final String text;
    private final SqlDialect dialect;
    private final SqlLexer lexer;
    private final BlockTracker blocks;
    private final StatementFacts facts;
    private final List<Statement> statements = new ArrayList<>();

    private int statementStart = -1;
    private int statementLine;
    private int lastCodeEnd;
    private BatchDirective batch;
    private int batchLine;

    private SqlSplitter(String text, SqlDialect dialect) {
        this.text = text;
        this.dialect = dialect;
        this.lexer = new SqlLexer(text, 0, text.length(), 1, dialect, false);
        this.blocks = new BlockTracker(dialect);
        this.facts = new StatementFacts(dialect);
    }

    /**
     * The statements of {@code text}, classified, in file order.
     *
     * @throws SqlSyntaxException for an unterminated string, quoted identifier, comment or dollar
     *                            quote, a {@code DELIMITER} without its argument, or {@code COPY ... FROM stdin}
     */
    public static List<Statement> split(String text, SqlDialect dialect) {
        return new SqlSplitter(text, dialect).run();
    }

    private List<Statement> run() {
        for (SqlLexer.Token token = lexer.next(); token != SqlLexer.Token.EOF; token = lexer.next()) {
            switch (token) {
                case COMMENT -> {
                    // kept by the statement's span when inside it, dropped when before its first token
                    directive();
                }
                case DELIMITER -> {
                    if (lexer.customDelimiter() || !blocks.holdsSemicolon()) {
                        finishStatement();
                    } else {
                        code(token, null);
                    }
                }
                case WORD -> {
                    Keyword keyword = Keyword.of(text, lexer.start(), lexer.end());
                    if (keyword == Keyword.DELIMITER && statementStart < 0 && dialect.has(SqlDialect.Feature.DELIMITER_COMMAND)) {
                        changeDelimiter();
                    } else {
                        code(token, keyword);
                    }
                }
                default -> code(token, null);
            }
        }
        finishStatement();
        if (batch != null) {
            throw new SqlSyntaxException(batchLine, BatchDirective.PREFIX + " is followed by no statement: put it on"
                    + " the line before the UPDATE or DELETE it batches, or remove it");
        }
        return List.copyOf(statements);
    }

    /** A {@code -- lockstep:batch} comment: for the next statement when it stands before one, refused inside one. */
    private void directive() {
        String comment = text.substring(lexer.start(), lexer.end());
        if (!comment.startsWith("--") || !BatchDirective.matches(comment)) {
            return;
        }
        if (statementStart >= 0) {
            throw new SqlSyntaxException(lexer.line(), BatchDirective.PREFIX + " stands inside a statement: put it on"
                    + " its own line before the statement it batches");
        }
        if (batch != null) {
            throw new SqlSyntaxException(lexer.line(), BatchDirective.PREFIX + " is written twice before one"
                    + " statement (line " + batchLine + " too): keep one");
        }
        batchLine = lexer.line();
        batch = BatchDirective.parse(comment, batchLine);
    }

    private void code(SqlLexer.Token token, Keyword keyword) {
        if (statementStart < 0) {
            statementStart = lexer.start();
            statementLine = lexer.line();
        }
        lastCodeEnd = lexer.end();
        if (token == SqlLexer.Token.WORD) {
            blocks.word(keyword);
        } else {
            blocks.other(text.charAt(lexer.start()));
        }
        facts.token(token, text, lexer, keyword);
    }

    /** The mysql client's {@code DELIMITER x} line: not sent to the server, it changes what ends a statement. */
    private void changeDelimiter() {
        int line = lexer.line();
        String delimiter = lexer.delimiterArgument();
        if (delimiter.isEmpty()) {
            throw new SqlSyntaxException(line, "DELIMITER needs the new delimiter on the same line, such as DELIMITER $$"
                    + " (and DELIMITER ; to go back)");
        }
        lexer.delimiter(delimiter);
    }

    private void finishStatement() {
        if (statementStart >= 0) {
            String sql = text.substring(statementStart, lastCodeEnd);
            Statement statement = StatementClassifier.classify(sql, statementLine, dialect, facts);
            if (batch != null) {
                if (!StatementClassifier.changesRowsInBatches(facts)) {
                    throw new SqlSyntaxException(batchLine, BatchDirective.PREFIX + " batches a row change, but"
                            + " line " + statementLine + " starts " + (facts.token(0).isEmpty() ? "something else"
                            : facts.token(0)) + ": put it before an UPDATE, DELETE or INSERT that bounds itself"
                            + " (a LIMIT, or a sub-select of a few thousand keys), or remove it");
                }
                statement = statement.withBatch(batch);
                batch = null;
                if (statement.batch().keyed()) {
                    KeyRange.of(statement, dialect); // refuses, at the statement's line, what key ranges cannot bound
                }
            }
            statements.add(statement);
        }
        statementStart = -1;
        blocks.reset();
        facts.reset();
    }
}

package dev.lockstep.sql;

import java.util.Arrays;

/**
 * Decides whether a {@code ;} ends the statement or belongs to a compound body inside it, from
 * the words of one statement as they stream by. Bodies are tracked only in statements that can
 * have them, recognised by their leading words:
 * <ul>
 *   <li>PostgreSQL, as psql does: {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} with a
 *       {@code BEGIN ATOMIC ... END} body ({@code CASE ... END} nests inside it); any {@code ;}
 *       inside parentheses also stays in the statement.</li>
 *   <li>MySQL/MariaDB: {@code CREATE ... PROCEDURE|FUNCTION|TRIGGER|EVENT} (past {@code DEFINER=...}
 *       and the like) and MariaDB's {@code BEGIN NOT ATOMIC}. {@code BEGIN} and {@code CASE} open
 *       blocks that a bare {@code END} closes; {@code IF}, {@code LOOP}, {@code WHILE} and
 *       {@code REPEAT} open blocks that only their own {@code END IF} ... closes. Those four words
 *       are also functions ({@code IF(a, b, c)}) or clauses ({@code IF EXISTS}), so a block they
 *       open by mistake is dropped when its enclosing {@code BEGIN} ends; at the top of a body
 *       they count only right after {@code FOR EACH ROW} or {@code DO}.</li>
 *   <li>SQLite: {@code CREATE [TEMP] TRIGGER ... BEGIN ... END}, with {@code CASE ... END} inside.</li>
 * </ul>
 * A {@code BEGIN} that starts a statement (a transaction) is never a block.
 */
final class BlockTracker {

    private static final int UNDECIDED = 0;
    private static final int ROUTINE = 1;
    private static final int PLAIN = 2;
    /** How far into a MySQL statement the routine keyword may stand (past DEFINER = user@host). */
    private static final int MYSQL_HEADER_WORDS = 8;

    private final SqlDialect dialect;
    private int words;
    private int routine;
    private Keyword first;
    private Keyword previous;
    private Keyword[] blocks = new Keyword[8];
    private int depth;
    private int parentheses;
    private boolean endPending;

    BlockTracker(SqlDialect dialect) {
        this.dialect = dialect;
    }

    void reset() {
        words = 0;
        routine = UNDECIDED;
        first = null;
        previous = null;
        depth = 0;
        parentheses = 0;
        endPending = false;
    }

    /** Whether a {@code ;} met now is part of a body rather than the end of the statement. */
    boolean holdsSemicolon() {
        settlePendingEnd();
        return depth > 0 || parentheses > 0;
    }

    /** A word of the statement; {@code keyword} is null for any word that is not a {@link Keyword}. */
    void word(Keyword keyword) {
        if (endPending) {
            endPending = false;
            if (keyword == Keyword.IF || keyword == Keyword.LOOP || keyword == Keyword.WHILE
                    || keyword == Keyword.REPEAT || keyword == Keyword.CASE) {
                closeNamed(keyword);
                words++;
                previous = keyword;
                return;
            }
            closeBare();
        }
        int index = words++;
        if (routine == UNDECIDED) {
            decide(keyword, index);
        } else if (routine == ROUTINE && keyword != null) {
            track(keyword);
        }
        previous = keyword;
    }

    /** Any other token of the statement: quoted text, a symbol, a {@code ;} held in a body. */
    void other(char firstChar) {
        settlePendingEnd();
        if (dialect.bodies() == SqlDialect.Bodies.DOLLAR_QUOTED) {
            if (firstChar == '(') {
                parentheses++;
            } else if (firstChar == ')' && parentheses > 0) {
                parentheses--;
            }
        }
        previous = null;
    }

    private void decide(Keyword keyword, int index) {
        if (index == 0) {
            first = keyword;
            boolean mayBeRoutine = keyword == Keyword.CREATE
                    || keyword == Keyword.BEGIN && dialect.bodies() == SqlDialect.Bodies.COMPOUND_STATEMENTS;
            routine = mayBeRoutine ? UNDECIDED : PLAIN;
            return;
        }
        if (first == Keyword.BEGIN) {
            decideAnonymousBlock(keyword, index);
            return;
        }
        switch (dialect.bodies()) {
            case DOLLAR_QUOTED -> decideStrict(keyword, Keyword.OR, Keyword.REPLACE,
                    keyword == Keyword.FUNCTION || keyword == Keyword.PROCEDURE);
            case TRIGGER_BLOCKS -> decideStrict(keyword, Keyword.TEMP, Keyword.TEMPORARY, keyword == Keyword.TRIGGER);
            case COMPOUND_STATEMENTS -> decideMysql(keyword, index);
        }
    }

    /** MariaDB's {@code BEGIN NOT ATOMIC ... END} runs a body outside any routine. */
    private void decideAnonymousBlock(Keyword keyword, int index) {
        if (index == 1 && keyword == Keyword.NOT) {
            return;
        }
        if (index == 2 && keyword == Keyword.ATOMIC) {
            routine = ROUTINE;
            push(Keyword.BEGIN);
            return;
        }
        routine = PLAIN;
    }

    private void decideStrict(Keyword keyword, Keyword modifier, Keyword otherModifier, boolean isRoutine) {
        if (keyword != null && (keyword == modifier || keyword == otherModifier)) {
            return;
        }
        routine = isRoutine ? ROUTINE : PLAIN;
    }

    private void decideMysql(Keyword keyword, int index) {
        if (keyword == null) {
            routine = index >= MYSQL_HEADER_WORDS ? PLAIN : UNDECIDED;
            return;
        }
        switch (keyword) {
            case PROCEDURE, FUNCTION, TRIGGER, EVENT, PACKAGE -> routine = ROUTINE;
            case TABLE, VIEW, INDEX, UNIQUE, FULLTEXT, SPATIAL, DATABASE, SCHEMA, USER, ROLE, SERVER,
                    TABLESPACE, SEQUENCE, LOGFILE, ALGORITHM, SQL, TEMPORARY -> routine = PLAIN;
            default -> routine = index >= MYSQL_HEADER_WORDS ? PLAIN : UNDECIDED;
        }
    }

    private void track(Keyword keyword) {
        switch (dialect.bodies()) {
            case DOLLAR_QUOTED -> trackPostgres(keyword);
            case COMPOUND_STATEMENTS -> trackMysql(keyword);
            case TRIGGER_BLOCKS -> trackSqlite(keyword);
        }
    }

    private void trackPostgres(Keyword keyword) {
        if (parentheses > 0) {
            return;
        }
        if (keyword == Keyword.BEGIN || keyword == Keyword.CASE && depth > 0) {
            push(keyword);
        } else if (keyword == Keyword.END && depth > 0) {
            depth--;
        }
    }

    private void trackSqlite(Keyword keyword) {
        if (keyword == Keyword.BEGIN || keyword == Keyword.CASE) {
            push(keyword);
        } else if (keyword == Keyword.END && depth > 0) {
            depth--;
        }
    }

    private void trackMysql(Keyword keyword) {
        switch (keyword) {
            case BEGIN, CASE -> push(keyword);
            case IF, LOOP, WHILE, REPEAT -> {
                if (depth > 0 || previous == Keyword.ROW || previous == Keyword.DO) {
                    push(keyword);
                }
            }
            case END -> endPending = true;
            default -> {
            }
        }
    }

    private void settlePendingEnd() {
        if (endPending) {
            endPending = false;
            closeBare();
        }
    }

    /** A bare {@code END} closes the nearest BEGIN or CASE, with any mistaken IF/LOOP/... above it. */
    private void closeBare() {
        while (depth > 0) {
            Keyword closed = blocks[--depth];
            if (closed == Keyword.BEGIN || closed == Keyword.CASE) {
                return;
            }
        }
    }

    /** {@code END IF} and its kin close their own block only, never past an enclosing BEGIN. */
    private void closeNamed(Keyword kind) {
        for (int i = depth - 1; i >= 0; i--) {
            if (blocks[i] == kind) {
                depth = i;
                return;
            }
            if (blocks[i] == Keyword.BEGIN || blocks[i] == Keyword.CASE) {
                return;
            }
        }
    }

    private void push(Keyword kind) {
        if (depth == blocks.length) {
            blocks = Arrays.copyOf(blocks, depth * 2);
        }
        blocks[depth++] = kind;
    }
}

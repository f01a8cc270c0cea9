package dev.lockstep.sql;

/**
 * Tells what a statement does from its own leading keywords (past comments, in any case), never
 * from a word found anywhere in it: a function whose body mentions {@code CONCURRENTLY} is still
 * an ordinary transactional {@code CREATE FUNCTION}. The one search over the whole statement is
 * for calls that drop the session's locks, because such a call drops them wherever it stands.
 */
public final class StatementClassifier {

    private StatementClassifier() {
    }

    /**
     * Classifies one statement as {@link SqlSplitter} would have.
     *
     * @param sql  a single statement without its delimiter
     * @param line the line it starts on, for the statement and for errors
     * @throws SqlSyntaxException for an unterminated string or comment, or {@code COPY ... FROM stdin}
     */
    public static Statement classify(String sql, int line, SqlDialect dialect) {
        StatementFacts facts = new StatementFacts(dialect);
        SqlLexer lexer = new SqlLexer(sql, 0, sql.length(), line, dialect, false);
        for (SqlLexer.Token token = lexer.next(); token != SqlLexer.Token.EOF; token = lexer.next()) {
            if (token != SqlLexer.Token.COMMENT) {
                Keyword keyword = token == SqlLexer.Token.WORD ? Keyword.of(sql, lexer.start(), lexer.end()) : null;
                facts.token(token, sql, lexer, keyword);
            }
        }
        return classify(sql, line, dialect, facts);
    }

    static Statement classify(String sql, int line, SqlDialect dialect, StatementFacts facts) {
        if (dialect.has(SqlDialect.Feature.COPY_FROM_CLIENT) && facts.token(0).equals("COPY") && facts.copiesFromStdin()) {
            throw new SqlSyntaxException(line, "COPY ... FROM stdin reads its rows from the client, and lockstep cannot"
                    + " feed COPY data from a migration file: load the rows with INSERT, or use"
                    + " COPY ... FROM '/server/path' for a file on the database server");
        }
        return new Statement(sql, line, kind(facts, dialect), NonTransactionalRules.matches(facts, dialect),
                dropsSessionState(facts, dialect));
    }

    private static StatementKind kind(StatementFacts facts, SqlDialect dialect) {
        String second = facts.token(1);
        switch (facts.token(0)) {
            case "CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "COMMENT", "GRANT", "REVOKE", "REINDEX",
                    "SECURITY", "IMPORT":
                return StatementKind.DDL;
            case "INSERT", "UPDATE", "DELETE", "MERGE", "REPLACE", "COPY", "CALL", "DO", "UPSERT":
                return StatementKind.DML;
            case "SELECT":
                return facts.selectsInto() ? StatementKind.DML : StatementKind.QUERY;
            case "WITH":
                return withKind(facts);
            case "SHOW", "EXPLAIN", "VALUES", "TABLE", "DESCRIBE", "DESC", "FETCH":
                return StatementKind.QUERY;
            case "SET", "RESET", "USE", "DISCARD", "PRAGMA":
                return StatementKind.SESSION;
            case "LOAD":
                // MySQL's LOAD DATA writes rows; PostgreSQL's LOAD loads a library into the session
                return dialect.has(SqlDialect.Feature.LOAD_DATA) ? StatementKind.DML : StatementKind.SESSION;
            case "ATTACH", "DETACH":
                return dialect.has(SqlDialect.Feature.ATTACH_DATABASE) ? StatementKind.SESSION : StatementKind.OTHER;
            case "BEGIN":
                boolean anonymousBlock = second.equals("NOT") && facts.token(2).equals("ATOMIC");
                return anonymousBlock ? StatementKind.OTHER : StatementKind.TRANSACTION_CONTROL;
            case "START":
                return second.equals("TRANSACTION") ? StatementKind.TRANSACTION_CONTROL : StatementKind.OTHER;
            case "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "ABORT", "XA":
                return StatementKind.TRANSACTION_CONTROL;
            case "END":
                return dialect.has(SqlDialect.Feature.END_COMMITS) ? StatementKind.TRANSACTION_CONTROL : StatementKind.OTHER;
            case "PREPARE":
                return second.equals("TRANSACTION") ? StatementKind.TRANSACTION_CONTROL : StatementKind.OTHER;
            default:
                return StatementKind.OTHER;
        }
    }

    /** Whether the statement changes rows and tells how many: what a backfill's batches count. */
    static boolean changesRowsInBatches(StatementFacts facts) {
        return switch (facts.token(0)) {
            case "UPDATE", "DELETE", "INSERT", "REPLACE", "MERGE" -> true;
            case "WITH" -> withKind(facts) == StatementKind.DML;
            default -> false;
        };
    }

    private static StatementKind withKind(StatementFacts facts) {
        Keyword verb = facts.verbAfterFirst();
        if (verb == null) {
            return StatementKind.QUERY;
        }
        return switch (verb) {
            case INSERT, UPDATE, DELETE, MERGE -> StatementKind.DML;
            default -> facts.selectsInto() ? StatementKind.DML : StatementKind.QUERY;
        };
    }

    private static boolean dropsSessionState(StatementFacts facts, SqlDialect dialect) {
        if (facts.callsLockDropper()) {
            return true;
        }
        String first = facts.token(0);
        return dialect.has(SqlDialect.Feature.DISCARD_ALL)
                && (first.equals("DISCARD") || first.equals("RESET")) && facts.token(1).equals("ALL");
    }
}

package dev.lockstep.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one statement into its code tokens with the splitter's own lexer, so an analyzer sees
 * strings, quoted identifiers and comments exactly as the splitter did: comments are dropped, the
 * words inside a MySQL {@code /*! ... *}{@code /} comment count as code, and a {@code ;} inside a
 * routine body is a symbol.
 */
public final class SqlTokenizer {

    private SqlTokenizer() {
    }

    /**
     * The code tokens of {@code sql}, in order.
     *
     * @throws SqlSyntaxException for an unterminated string, quoted identifier or comment
     */
    public static List<SqlToken> tokenize(String sql, SqlDialect dialect) {
        List<SqlToken> tokens = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(sql, 0, sql.length(), 1, dialect, false);
        for (SqlLexer.Token token = lexer.next(); token != SqlLexer.Token.EOF; token = lexer.next()) {
            SqlToken.Type type = switch (token) {
                case WORD -> SqlToken.Type.WORD;
                case QUOTED, DOLLAR_QUOTED -> SqlToken.Type.QUOTED;
                case SYMBOL, DELIMITER -> SqlToken.Type.SYMBOL;
                default -> null;
            };
            if (type != null) {
                tokens.add(new SqlToken(type, sql.substring(lexer.start(), lexer.end()), lexer.start()));
            }
        }
        return List.copyOf(tokens);
    }
}

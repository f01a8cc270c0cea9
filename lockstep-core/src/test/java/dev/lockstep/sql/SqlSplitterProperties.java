package dev.lockstep.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the splitter over generated scripts: statements made of string literals, quoted
 * identifiers, comments and dollar quotes full of {@code ;}, quotes and comment markers.
 */
class SqlSplitterProperties {

    /** A generated script: the statements it was built from and where each one's first token stands. */
    record Script(SqlDialect dialect, String text, List<String> statements, List<Integer> lines) {
    }

    /** A fragment soup: balanced literals, words (some of them block keywords) and semicolons. */
    record Soup(SqlDialect dialect, String text) {
    }

    @Property(tries = 500)
    void returnsExactlyTheStatementsTheScriptWasBuiltFrom(@ForAll("scripts") Script script) {
        List<Statement> statements = SqlSplitter.split(script.text(), script.dialect());

        assertThat(statements).extracting(Statement::sql).containsExactlyElementsOf(script.statements());
        assertThat(statements).extracting(Statement::line).containsExactlyElementsOf(script.lines());
    }

    @Property(tries = 300)
    void ignoresTrailingWhitespaceAndAFinalDelimiter(@ForAll("scripts") Script script) {
        List<Statement> plain = SqlSplitter.split(script.text(), script.dialect());

        assertThat(SqlSplitter.split(script.text() + "\n \t\n", script.dialect())).isEqualTo(plain);
        assertThat(SqlSplitter.split(script.text() + ";\n", script.dialect())).isEqualTo(plain);
    }

    @Property(tries = 300)
    void numbersStatementsOnIncreasingLinesAndTrimsThem(@ForAll("soups") Soup soup) {
        List<Statement> statements = SqlSplitter.split(soup.text(), soup.dialect());

        for (int i = 1; i < statements.size(); i++) {
            assertThat(statements.get(i).line()).isGreaterThanOrEqualTo(statements.get(i - 1).line());
        }
        assertThat(statements).allSatisfy(s -> assertThat(s.sql()).isNotBlank().isEqualTo(s.sql().strip()));
    }

    @Property(tries = 500)
    void neverLosesNorDuplicatesACodeToken(@ForAll("soups") Soup soup) {
        List<String> expected = codeTokens(soup.text(), soup.dialect());

        List<String> actual = new ArrayList<>();
        for (Statement statement : SqlSplitter.split(soup.text(), soup.dialect())) {
            actual.addAll(codeTokens(statement.sql(), soup.dialect()));
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** The non-comment tokens of {@code text}, without the semicolons that may or may not split it. */
    static List<String> codeTokens(String text, SqlDialect dialect) {
        List<String> tokens = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(text, 0, text.length(), 1, dialect, false);
        for (SqlLexer.Token token = lexer.next(); token != SqlLexer.Token.EOF; token = lexer.next()) {
            if (token != SqlLexer.Token.COMMENT && token != SqlLexer.Token.DELIMITER) {
                tokens.add(text.substring(lexer.start(), lexer.end()));
            }
        }
        return tokens;
    }

    @Provide
    Arbitrary<Script> scripts() {
        return Arbitraries.of(SqlDialect.values()).flatMap(dialect -> Combinators.combine(
                statement(dialect).list().ofMaxSize(6),
                leadingComment(dialect).list().ofSize(6),
                Arbitraries.of(";\n", ";", "; ", ";\n\n", ";;\n")).as((statements, comments, separator) -> {
                    StringBuilder text = new StringBuilder();
                    List<Integer> lines = new ArrayList<>();
                    for (int i = 0; i < statements.size(); i++) {
                        if (i > 0) {
                            text.append(separator);
                        }
                        text.append(comments.get(i));
                        lines.add(1 + (int) text.chars().filter(c -> c == '\n').count());
                        text.append(statements.get(i));
                    }
                    return new Script(dialect, text.toString(), statements, lines);
                }));
    }

    @Provide
    Arbitrary<Soup> soups() {
        return Arbitraries.of(SqlDialect.values()).flatMap(dialect -> Arbitraries.oneOf(
                        literal(dialect), word(), Arbitraries.of(";", ";", "\n", "(", ")", "BEGIN", "END", "CASE", "IF",
                                "CREATE", "FUNCTION", "PROCEDURE", "TRIGGER", "ATOMIC", "/* c; */", "-- c;\n"))
                .list().ofMaxSize(40)
                .map(fragments -> new Soup(dialect, String.join(" ", fragments))));
    }

    private static Arbitrary<String> statement(SqlDialect dialect) {
        Arbitrary<String> gap = Arbitraries.of(" ", ", ", "\n  ", " /* in; 'side' */ ", " -- in; \"side\"\n ");
        return Combinators.combine(literal(dialect).list().ofMinSize(1).ofMaxSize(5), gap.list().ofSize(5))
                .as((parts, gaps) -> {
                    StringBuilder sql = new StringBuilder("SELECT ");
                    for (int i = 0; i < parts.size(); i++) {
                        if (i > 0) {
                            sql.append(gaps.get(i));
                        }
                        sql.append(parts.get(i));
                    }
                    return sql.toString();
                });
    }

    private static Arbitrary<String> leadingComment(SqlDialect dialect) {
        Arbitrary<String> content = Arbitraries.strings().withChars("ab ;'\"$`").ofMaxLength(10);
        String lineComment = dialect == SqlDialect.MYSQL ? "# " : "-- ";
        return Arbitraries.oneOf(
                Arbitraries.just(""),
                content.map(c -> lineComment + c + "\n"),
                content.map(c -> "/* " + c + " */\n\n"));
    }

    /** Words that are never keywords of the splitter. */
    private static Arbitrary<String> word() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6).map(w -> "c_" + w);
    }

    /** A string literal, quoted identifier, number or dollar quote of the dialect, escaped as it requires. */
    private static Arbitrary<String> literal(SqlDialect dialect) {
        Arbitrary<String> content = Arbitraries.strings().withChars("ab ;'\"`$\\-/*#[]\n").ofMaxLength(12);
        Arbitrary<String> number = Arbitraries.integers().between(0, 9999).map(String::valueOf);
        return switch (dialect) {
            case POSTGRESQL -> Arbitraries.oneOf(number, word(),
                    content.map(c -> "'" + c.replace("'", "''") + "'"),
                    content.map(c -> "E'" + c.replace("\\", "\\\\").replace("'", "\\'") + "'"),
                    content.map(c -> "\"" + c.replace("\"", "\"\"") + "\""),
                    Combinators.combine(Arbitraries.of("", "x", "body", "_1"), content)
                            .as((tag, c) -> "$" + tag + "$" + c.replace("$", "") + "$" + tag + "$"),
                    Arbitraries.integers().between(1, 9).map(n -> "$" + n));
            case MYSQL -> Arbitraries.oneOf(number, word(),
                    content.map(c -> "'" + c.replace("\\", "\\\\").replace("'", "\\'") + "'"),
                    content.map(c -> "'" + c.replace("\\", "\\\\").replace("'", "''") + "'"),
                    content.map(c -> "\"" + c.replace("\\", "\\\\").replace("\"", "\"\"") + "\""),
                    content.map(c -> "`" + c.replace("`", "``") + "`"));
            case SQLITE -> Arbitraries.oneOf(number, word(),
                    content.map(c -> "'" + c.replace("'", "''") + "'"),
                    content.map(c -> "\"" + c.replace("\"", "\"\"") + "\""),
                    content.map(c -> "`" + c.replace("`", "``") + "`"),
                    content.map(c -> "[" + c.replace("]", "") + "]"));
        };
    }
}

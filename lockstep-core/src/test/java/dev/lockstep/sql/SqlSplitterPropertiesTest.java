package dev.lockstep.sql;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Properties of the splitter over generated scripts: statements made of string literals, quoted
 * identifiers, comments and dollar quotes full of {@code ;}, quotes and comment markers.
 */
class SqlSplitterPropertiesTest {

    /** A generated script: the statements it was built from and where each one's first token stands. */
    record Script(SqlDialect dialect, String text, List<String> statements, List<Integer> lines) {
    }

    /** A fragment soup: balanced literals, words (some of them block keywords) and semicolons. */
    record Soup(SqlDialect dialect, String text) {
    }

    @Test
    void returnsExactlyTheStatementsTheScriptWasBuiltFrom() {
        qt().withExamples(500).forAll(scripts()).checkAssert(script -> {
            List<Statement> statements = SqlSplitter.split(script.text(), script.dialect());

            assertThat(statements).extracting(Statement::sql).containsExactlyElementsOf(script.statements());
            assertThat(statements).extracting(Statement::line).containsExactlyElementsOf(script.lines());
        });
    }

    @Test
    void ignoresTrailingWhitespaceAndAFinalDelimiter() {
        qt().withExamples(300).forAll(scripts()).checkAssert(script -> {
            List<Statement> plain = SqlSplitter.split(script.text(), script.dialect());

            assertThat(SqlSplitter.split(script.text() + "\n \t\n", script.dialect())).isEqualTo(plain);
            assertThat(SqlSplitter.split(script.text() + ";\n", script.dialect())).isEqualTo(plain);
        });
    }

    @Test
    void numbersStatementsOnIncreasingLinesAndTrimsThem() {
        qt().withExamples(300).forAll(soups()).checkAssert(soup -> {
            List<Statement> statements = SqlSplitter.split(soup.text(), soup.dialect());

            for (int i = 1; i < statements.size(); i++) {
                assertThat(statements.get(i).line()).isGreaterThanOrEqualTo(statements.get(i - 1).line());
            }
            assertThat(statements).allSatisfy(s -> assertThat(s.sql()).isNotBlank().isEqualTo(s.sql().strip()));
        });
    }

    @Test
    void neverLosesNorDuplicatesACodeToken() {
        qt().withExamples(500).forAll(soups()).checkAssert(soup -> {
            List<String> expected = codeTokens(soup.text(), soup.dialect());

            List<String> actual = new ArrayList<>();
            for (Statement statement : SqlSplitter.split(soup.text(), soup.dialect())) {
                actual.addAll(codeTokens(statement.sql(), soup.dialect()));
            }
            assertThat(actual).isEqualTo(expected);
        });
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

    private static Gen<Script> scripts() {
        return arbitrary().enumValues(SqlDialect.class).flatMap(dialect -> lists().of(statement(dialect)).ofSizeBetween(0, 6)
                .zip(lists().of(leadingComment(dialect)).ofSize(6), arbitrary().pick(";\n", ";", "; ", ";\n\n", ";;\n"),
                        (statements, comments, separator) -> script(dialect, statements, comments, separator)));
    }

    private static Script script(SqlDialect dialect, List<String> statements, List<String> comments, String separator) {
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
    }

    private static Gen<Soup> soups() {
        return arbitrary().enumValues(SqlDialect.class).flatMap(dialect -> lists().of(Generate.oneOf(
                        literal(dialect), word(), arbitrary().pick(";", ";", "\n", "(", ")", "BEGIN", "END", "CASE", "IF",
                                "CREATE", "FUNCTION", "PROCEDURE", "TRIGGER", "ATOMIC", "/* c; */", "-- c;\n")))
                .ofSizeBetween(0, 40)
                .map(fragments -> new Soup(dialect, String.join(" ", fragments))));
    }

    private static Gen<String> statement(SqlDialect dialect) {
        Gen<String> gap = arbitrary().pick(" ", ", ", "\n  ", " /* in; 'side' */ ", " -- in; \"side\"\n ");
        return lists().of(literal(dialect)).ofSizeBetween(1, 5).zip(lists().of(gap).ofSize(5), (parts, gaps) -> {
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

    private static Gen<String> leadingComment(SqlDialect dialect) {
        Gen<String> content = text("ab ;'\"$`", 10);
        String lineComment = dialect == SqlDialect.MYSQL ? "# " : "-- ";
        return Generate.oneOf(arbitrary().constant(""),
                content.map(c -> lineComment + c + "\n"),
                content.map(c -> "/* " + c + " */\n\n"));
    }

    /** Words that are never keywords of the splitter. */
    private static Gen<String> word() {
        return text("abcdefghijklmnopqrstuvwxyz", 6).map(w -> "c_" + (w.isEmpty() ? "w" : w));
    }

    /** Up to {@code max} characters drawn from {@code chars}. */
    private static Gen<String> text(String chars, int max) {
        List<Character> alphabet = chars.chars().mapToObj(c -> (char) c).toList();
        return lists().of(arbitrary().pick(alphabet)).ofSizeBetween(0, max)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** A string literal, quoted identifier, number or dollar quote of the dialect, escaped as it requires. */
    @SuppressWarnings("unchecked")
    private static Gen<String> literal(SqlDialect dialect) {
        Gen<String> content = text("ab ;'\"`$\\-/*#[]\n", 12);
        Gen<String> number = integers().between(0, 9999).map((Integer n) -> Integer.toString(n));
        return switch (dialect) {
            case POSTGRESQL -> Generate.oneOf(number, word(),
                    content.map(c -> "'" + c.replace("'", "''") + "'"),
                    content.map(c -> "E'" + c.replace("\\", "\\\\").replace("'", "\\'") + "'"),
                    content.map(c -> "\"" + c.replace("\"", "\"\"") + "\""),
                    arbitrary().pick("", "x", "body", "_1").zip(content,
                            (tag, c) -> "$" + tag + "$" + c.replace("$", "") + "$" + tag + "$"),
                    integers().between(1, 9).map((Integer n) -> "$" + n));
            case MYSQL -> Generate.oneOf(number, word(),
                    content.map(c -> "'" + c.replace("\\", "\\\\").replace("'", "\\'") + "'"),
                    content.map(c -> "'" + c.replace("\\", "\\\\").replace("'", "''") + "'"),
                    content.map(c -> "\"" + c.replace("\\", "\\\\").replace("\"", "\"\"") + "\""),
                    content.map(c -> "`" + c.replace("`", "``") + "`"));
            case SQLITE -> Generate.oneOf(number, word(),
                    content.map(c -> "'" + c.replace("'", "''") + "'"),
                    content.map(c -> "\"" + c.replace("\"", "\"\"") + "\""),
                    content.map(c -> "`" + c.replace("`", "``") + "`"),
                    content.map(c -> "[" + c.replace("]", "") + "]"));
        };
    }
}

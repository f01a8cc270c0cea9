package dev.lockstep.sql;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the in-flight judge reads from each of some 240 statements, on each of the three grammars, pinned in
 * {@code src/test/resources/sql/effects.txt}: every form it reads, every one it refuses to guess, and why. A change
 * to how a statement is read shows as a changed line there. The file's format: a statement on a line of its own,
 * then indented lines {@code <grammars>: <effect>} (grammars {@code all}, or some of {@code postgresql, mysql,
 * sqlite}). After a deliberate change, {@code -Dlockstep.corpus.write=true} writes the file afresh, to be reviewed
 * in the diff.
 */
class StatementEffectCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/sql/effects.txt");

    @Test
    void everyStatementOfTheCorpusIsReadAsPinned() throws IOException {
        List<String> statements = Files.readAllLines(CORPUS).stream()
                .filter(line -> !line.isBlank() && !line.startsWith(" ") && !line.startsWith("#")).toList();
        String read = render(statements);
        if (Boolean.getBoolean("lockstep.corpus.write")) {
            Files.writeString(CORPUS, read);
        }
        assertThat(read).as("after a deliberate change to how a statement is judged, run this test with"
                + " -Dlockstep.corpus.write=true and review the diff of " + CORPUS).isEqualTo(Files.readString(CORPUS));
    }

    private static String render(List<String> statements) {
        StringBuilder out = new StringBuilder();
        for (String sql : statements) {
            Map<String, List<String>> grammars = new LinkedHashMap<>();
            for (SqlDialect dialect : SqlDialect.values()) {
                grammars.computeIfAbsent(render(StatementEffect.of(sql, dialect)), k -> new ArrayList<>())
                        .add(dialect.name().toLowerCase(Locale.ROOT));
            }
            out.append(sql).append('\n');
            grammars.forEach((effect, who) -> out.append("    ")
                    .append(who.size() == SqlDialect.values().length ? "all" : String.join(", ", who))
                    .append(": ").append(effect).append('\n'));
        }
        return out.toString();
    }

    private static String render(StatementEffect effect) {
        if (effect instanceof StatementEffect.Repeatable r) {
            return "repeatable: " + r.why();
        }
        if (effect instanceof StatementEffect.Undecidable u) {
            return "undecidable: " + u.why();
        }
        return "observable: " + ((StatementEffect.Observable) effect).facts().stream().map(CatalogFact::describe)
                .collect(Collectors.joining(", "));
    }
}

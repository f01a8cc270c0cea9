package dev.lockstep.lint;

import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every finding, with its code, place, message and fix, that lint reports for the files of
 * {@code src/test/resources/lint/corpus/}, linted for each of the four dialects, pinned beside each file in
 * {@code <file>.findings}. {@code undo.sql} is linted as an undo migration; each line of
 * {@code one-statement-each.txt} as a file of its own. After a deliberate change,
 * {@code -Dlockstep.corpus.write=true} writes the files afresh, to be reviewed in the diff.
 */
class LintCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/lint/corpus");

    @Test
    void everyFileOfTheCorpusHasThePinnedFindings() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(CORPUS)) {
            inputs = files.filter(f -> f.toString().endsWith(".sql") || f.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(inputs).isNotEmpty();
        for (Path input : inputs) {
            Path expected = CORPUS.resolve(input.getFileName() + ".findings");
            String found = findings(input);
            if (Boolean.getBoolean("lockstep.corpus.write")) {
                Files.writeString(expected, found);
            }
            assertThat(found).as(input.getFileName() + " (after a deliberate change to a finding, run this test with"
                    + " -Dlockstep.corpus.write=true and review the diff of " + expected.getFileName() + ")")
                    .isEqualTo(Files.readString(expected));
        }
    }

    private static String findings(Path input) throws IOException {
        String text = Files.readString(input);
        List<String> files = input.toString().endsWith(".txt")
                ? text.lines().filter(l -> !l.isBlank()).map(l -> l + ";\n").toList() : List.of(text);
        MigrationType type = input.getFileName().toString().startsWith("undo") ? MigrationType.UNDO : MigrationType.SQL;
        StringBuilder out = new StringBuilder();
        for (LintDialect dialect : LintDialect.values()) {
            out.append("== ").append(dialect.label()).append('\n');
            for (String file : files) {
                List<String> lines = new ArrayList<>();
                LintReport report = new Linter(new LintOptions(dialect, false, false))
                        .lint(List.of(new LintSource("V2__change.sql", file, type, Version.parse("2"))));
                for (Finding f : report.findings()) {
                    lines.add(f.line() + ":" + f.column() + " " + f.code() + " " + f.severity() + " " + f.message()
                            + " | " + f.fix());
                }
                if (files.size() > 1 && !lines.isEmpty()) {
                    out.append(file.strip()).append('\n');
                }
                lines.forEach(l -> out.append(files.size() > 1 ? "    " : "").append(l).append('\n'));
            }
        }
        return out.toString();
    }
}

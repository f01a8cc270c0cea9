package dev.lockstep.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code -- lockstep:ignore <CODE>[,<CODE>...] <reason>} comments of a file. One in the file's
 * header (the comments before its first statement) covers the whole file; anywhere else it covers
 * the statement that starts on the next line of code (comments and blank lines between are fine).
 * A suppression without a reason suppresses nothing and is reported itself (LS901), as is an
 * unknown code (LS902): an unexplained exception to a safety rule is the thing a reviewer must see.
 */
final class Suppressions {
    static final String MARKER = "lockstep:ignore";

    /** One valid suppression: the codes it names and the line of code it covers (0: the whole file). */
    private record Suppression(List<String> codes, int target) {
    }

    private final List<Suppression> suppressions = new ArrayList<>();

    Suppressions(LintedFile file, Findings findings) {
        int firstStatement = file.statements().isEmpty() ? Integer.MAX_VALUE : file.statements().get(0).statement().line();
        for (int line = 1; line <= file.lineCount(); line++) {
            String comment = comment(file.line(line), file.dialect());
            if (comment == null || !comment.startsWith(MARKER)) {
                continue;
            }
            int column = file.line(line).indexOf(MARKER) + 1;
            String[] words = comment.substring(MARKER.length()).strip().split("\\s+", 2);
            List<String> codes = Arrays.stream(words[0].split(",")).filter(c -> !c.isEmpty())
                    .map(c -> c.toUpperCase(Locale.ROOT)).toList();
            List<String> unknown = codes.stream().filter(c -> RuleCode.of(c).isEmpty()).toList();
            if (codes.isEmpty() || !unknown.isEmpty()) {
                findings.reportAt(RuleCode.LS902, line, column, "This suppression names " + (codes.isEmpty() ? "no code"
                        : "the unknown code " + String.join(", ", unknown)) + ", so it suppresses nothing.",
                        "Write -- lockstep:ignore <CODE> <reason>, with a code from lockstep's rule table.");
            } else if (words.length < 2 || words[1].isBlank()) {
                findings.reportAt(RuleCode.LS901, line, column, "This suppression of " + String.join(", ", codes)
                        + " gives no reason, so it suppresses nothing.",
                        "Say why after the code: -- lockstep:ignore " + codes.get(0) + " <why this is safe here>");
            } else {
                suppressions.add(new Suppression(codes, line < firstStatement ? 0 : nextCodeLine(file, line)));
            }
        }
    }

    /** The text of a whole-line comment after its marker, stripped; null when the line is not one. */
    private static String comment(String line, LintDialect dialect) {
        String stripped = line.strip();
        if (stripped.startsWith("--")) {
            return stripped.substring(2).strip();
        }
        if (stripped.startsWith("#") && dialect.isMySqlFamily()) {
            return stripped.substring(1).strip();
        }
        return null;
    }

    private static int nextCodeLine(LintedFile file, int line) {
        for (int next = line + 1; next <= file.lineCount(); next++) {
            String text = file.line(next);
            if (!text.isBlank() && comment(text, file.dialect()) == null) {
                return next;
            }
        }
        return -1;
    }

    /** Whether a valid suppression covers {@code placed}; findings about suppressions are never covered. */
    boolean covers(Findings.Placed placed) {
        Finding finding = placed.finding();
        if (finding.code().startsWith("LS9")) {
            return false;
        }
        return suppressions.stream().anyMatch(s -> s.codes().contains(finding.code())
                && (s.target() == 0 || s.target() == placed.statementLine() || s.target() == finding.line()));
    }
}

package dev.lockstep.lint;

import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one file, placing each at its token. */
final class Findings {

    /** A finding and the line its statement starts on, which a suppression above the statement names. */
    record Placed(Finding finding, int statementLine) {
    }

    private final LintedFile file;
    private final List<Placed> placed = new ArrayList<>();

    Findings(LintedFile file) {
        this.file = file;
    }

    /** A finding at token {@code token} of {@code statement} (at the statement's start when there is no such token). */
    void report(RuleCode code, ParsedStatement statement, int token, String message, String fix) {
        int offset = statement.fileOffset(token);
        placed.add(new Placed(new Finding(code.code(), code.severity(), file.path(), file.lineOf(offset), file.columnOf(offset),
                message, fix), statement.statement().line()));
    }

    /** A finding about the whole file, at its first line. */
    void reportFile(RuleCode code, String message, String fix) {
        placed.add(new Placed(new Finding(code.code(), code.severity(), file.path(), 1, 1, message, fix), 0));
    }

    /** A finding at a line and column that belongs to no statement (a suppression comment). */
    void reportAt(RuleCode code, int line, int column, String message, String fix) {
        placed.add(new Placed(new Finding(code.code(), code.severity(), file.path(), line, column, message, fix), 0));
    }

    List<Placed> placed() {
        return List.copyOf(placed);
    }
}

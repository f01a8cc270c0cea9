package dev.lockstep.lint;

import dev.lockstep.result.MigrationType;
import dev.lockstep.sql.Change;
import dev.lockstep.sql.SqlName;
import dev.lockstep.sql.SqlSplitter;
import dev.lockstep.sql.SqlTokenizer;
import dev.lockstep.sql.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A migration file as the rules see it: its statements with their tokens, where each stands in the
 * text, and what the file itself creates and drops, statement by statement, so a rule can tell a
 * table made earlier in the file (nothing to lock, nobody uses it yet) from one that existed before.
 */
final class LintedFile {
    private final LintSource source;
    private final LintDialect dialect;
    private final boolean lockTimeoutFromLockstep;
    private final List<ParsedStatement> statements;
    private final int[] lineStarts;
    private final Map<String, Integer> tablesCreated = new HashMap<>();
    private final Map<String, Integer> objectsDropped = new HashMap<>();

    /** @throws dev.lockstep.sql.SqlSyntaxException when the text cannot be split */
    LintedFile(LintSource source, LintDialect dialect, boolean lockTimeoutFromLockstep) {
        this.lockTimeoutFromLockstep = lockTimeoutFromLockstep;
        this.source = source;
        this.dialect = dialect;
        this.lineStarts = lineStarts(source.text());
        List<ParsedStatement> parsed = new ArrayList<>();
        int searchFrom = 0;
        for (Statement statement : SqlSplitter.split(source.text(), dialect.grammar())) {
            // The statement text is a slice of the file: find it from its line, past the statement before it.
            int offset = source.text().indexOf(statement.sql(), Math.max(searchFrom, lineStarts[statement.line() - 1]));
            searchFrom = Math.max(offset, 0) + statement.sql().length();
            ParsedStatement p = new ParsedStatement(parsed.size(), statement, Math.max(offset, 0),
                    SqlTokenizer.tokenize(statement.sql(), dialect.grammar()), dialect.grammar());
            parsed.add(p);
            if (p.change() instanceof Change.Create c && c.object() == Change.ObjectKind.TABLE && c.name() != null) {
                tablesCreated.putIfAbsent(c.name().key(), p.index());
            } else if (p.change() instanceof Change.Drop d && d.object() != null) {
                for (SqlName name : d.names()) {
                    objectsDropped.putIfAbsent(d.word() + " " + name.key(), p.index());
                }
            }
        }
        this.statements = List.copyOf(parsed);
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts.add(i + 1);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    String path() {
        return source.path();
    }

    String text() {
        return source.text();
    }

    MigrationType type() {
        return source.type();
    }

    LintDialect dialect() {
        return dialect;
    }

    /** Whether lockstep sets a lock_timeout before the file runs, so DDL waits are bounded unless the file unsets it. */
    boolean lockTimeoutFromLockstep() {
        return lockTimeoutFromLockstep;
    }

    List<ParsedStatement> statements() {
        return statements;
    }

    /** Whether a statement before {@code index} created the table {@code name}. */
    boolean createdBefore(SqlName name, int index) {
        Integer created = name == null ? null : tablesCreated.get(name.key());
        return created != null && created < index;
    }

    /** Whether a statement before {@code index} dropped the {@code object} (TABLE, VIEW ...) {@code name}. */
    boolean droppedBefore(String object, SqlName name, int index) {
        Integer dropped = name == null ? null : objectsDropped.get(object + " " + name.key());
        return dropped != null && dropped < index;
    }

    /** 1-based line of a file offset. */
    int lineOf(int offset) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (lineStarts[middle] <= offset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low + 1;
    }

    /** 1-based column of a file offset. */
    int columnOf(int offset) {
        return offset - lineStarts[lineOf(offset) - 1] + 1;
    }

    /** The text of a 1-based line, without its line end. */
    String line(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : source.text().length();
        return source.text().substring(start, end);
    }

    int lineCount() {
        return lineStarts.length;
    }
}

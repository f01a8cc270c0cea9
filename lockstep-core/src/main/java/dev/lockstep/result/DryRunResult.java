package dev.lockstep.result;

import java.util.List;

/**
 * What a migrate or an undo would do, found without the lock and without changing anything: every step
 * with its exact statements, placeholders resolved, and whether it would run in one transaction.
 * Another replica may act between the dry run and the real one; the real one re-plans under the lock.
 *
 * @param database       where, without secrets
 * @param schema         the schema of the history table
 * @param currentVersion the newest applied version, or {@code null}
 * @param steps          in the order they would run; empty when there is nothing to do
 * @param warnings       what the real run would warn about
 */
public record DryRunResult(String database, String schema, String currentVersion, List<Step> steps, List<String> warnings) {

    public DryRunResult {
        steps = List.copyOf(steps);
        warnings = List.copyOf(warnings);
    }

    /** How many migrations (or undo files) would run, callbacks and the command not counted. */
    public long migrations() {
        return steps.stream().filter(s -> s.kind() == Kind.MIGRATION || s.kind() == Kind.UNDO).count();
    }

    public enum Kind {
        /** The before-migrate command; its one statement is the command line. */
        COMMAND,
        /** A BASELINE row written by --baseline-on-migrate; no statements. */
        BASELINE,
        /** A SQL callback file. */
        CALLBACK,
        /** A versioned or repeatable migration. */
        MIGRATION,
        /** An undo file; the version's row would turn {@code undone}. */
        UNDO
    }

    /**
     * One step.
     *
     * @param version       {@code null} for repeatables, callbacks and the command
     * @param script        the file name, or the command for {@link Kind#COMMAND}
     * @param path          where the file is, or {@code null}
     * @param inTransaction whether its statements would run in one transaction (with its history row)
     * @param statements    the exact statements, in order
     */
    public record Step(Kind kind, String version, String description, String script, String path, boolean inTransaction,
                       List<String> statements) {

        public Step {
            statements = List.copyOf(statements);
        }
    }
}

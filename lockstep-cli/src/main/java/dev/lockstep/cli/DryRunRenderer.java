package dev.lockstep.cli;

import dev.lockstep.result.DryRunResult;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Writes a dry run as SQL a person can read (comments, {@code BEGIN}/{@code COMMIT} where a transaction runs) or as JSON. */
final class DryRunRenderer {
    private DryRunRenderer() {
    }

    static String text(DryRunResult result, String verb) {
        StringBuilder text = new StringBuilder("-- Dry run of ").append(verb).append(" on ").append(result.database())
                .append(", schema ").append(result.schema()).append(", at ")
                .append(result.currentVersion() == null ? "no version" : "version " + result.currentVersion())
                .append(".\n-- Nothing was changed and no lock was taken; the real run plans again under the lock.\n");
        if (result.steps().isEmpty()) {
            text.append("-- Nothing to do.\n");
        } else {
            long count = result.migrations();
            text.append("-- ").append(count).append(verb.equals("undo") ? " undo file" : " migration").append(count == 1 ? "" : "s")
                    .append(" would run, in this order:\n");
        }
        for (DryRunResult.Step step : result.steps()) {
            text.append('\n').append("-- ").append(heading(step)).append('\n');
            if (step.kind() == DryRunResult.Kind.COMMAND || step.kind() == DryRunResult.Kind.BASELINE) {
                continue;
            }
            if (step.inTransaction()) {
                text.append("BEGIN;\n");
            }
            for (String statement : step.statements()) {
                text.append(statement).append(statement.endsWith(";") ? "\n" : ";\n");
            }
            if (step.inTransaction()) {
                text.append("COMMIT;\n");
            }
        }
        for (String warning : result.warnings()) {
            text.append("\n-- Warning: ").append(warning.replace("\n", "\n-- "));
        }
        return text.toString();
    }

    private static String heading(DryRunResult.Step step) {
        String how = step.inTransaction() ? "in one transaction" : "outside a transaction, statement by statement";
        int n = step.statements().size();
        String size = n + " statement" + (n == 1 ? "" : "s");
        return switch (step.kind()) {
            case COMMAND -> "run the before-migrate command under the lock: sh -c '" + step.script().replace("'", "'\\''") + "'";
            case BASELINE -> "record a baseline at version " + step.version() + ": versions up to it count as applied";
            case CALLBACK -> "callback " + step.path() + " (" + size + ", " + how + ")";
            case MIGRATION -> step.path() + " (" + (step.version() == null ? "repeatable" : "version " + step.version())
                    + ", " + size + ", " + how + "; recorded as applied)";
            case UNDO -> step.path() + " (undoes version " + step.version() + ", " + size + ", " + how
                    + "; version " + step.version() + " recorded as undone)";
        };
    }

    /** The document of a dry run: {@code "dryRun": true}, then the result's own fields ({@link ResultJson}). */
    static Document json(DryRunResult result) {
        return new Document(true, result);
    }

    record Document(boolean dryRun, @JsonUnwrapped DryRunResult result) {
    }
}

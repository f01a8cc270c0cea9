package dev.lockstep.result;

import java.util.List;
import java.util.Objects;

/**
 * Something wrong with the migration set or the history, found while planning.
 *
 * @param kind    what is wrong
 * @param message one paragraph: what, which files, what to do
 * @param files   the files involved (paths as found, or script names from the history)
 */
public record Problem(Kind kind, String message, List<String> files) {

    public enum Kind {
        /** An applied migration's file changed. */
        CHECKSUM_MISMATCH,
        /** An unapplied version older than the newest applied one. */
        OUT_OF_ORDER,
        /** An applied migration not found locally, older than the newest local version. */
        MISSING,
        /** An applied migration not found locally, newer than every local version. */
        FUTURE,
        /** A failed migration, or undo, that had already changed the database in part (no transactional DDL). */
        PARTIALLY_APPLIED,
        /** An undo needs an undo file that is not found locally. */
        UNDO_FILE_MISSING,
        /** An undo asks for more than can be undone: more steps than are applied, or below a baseline. */
        UNDO_OUT_OF_REACH
    }

    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        files = List.copyOf(files);
    }
}

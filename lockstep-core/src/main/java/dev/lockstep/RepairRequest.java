package dev.lockstep;

import java.util.Objects;

/**
 * One repair of the history, as {@code lockstep repair} asks for it.
 *
 * @param action    what to repair
 * @param version   the migration it applies to; {@code null} for the only one that needs it
 *                  ({@link Action#RETRY}, {@link Action#MARK_APPLIED}) or for all
 *                  ({@link Action#REMOVE_FAILED}, {@link Action#REALIGN_CHECKSUMS})
 * @param statement with {@link Action#MARK_APPLIED}: record only the failed statement as done, so the
 *                  next migrate resumes after it, instead of the whole migration
 */
public record RepairRequest(Action action, String version, boolean statement) {

    public enum Action {
        /** Run the failed or interrupted migration again from its failed statement, now. */
        RETRY,
        /** Record the failed statement, or the whole migration, as applied without running it. */
        MARK_APPLIED,
        /** Delete failed rows, so their migrations run again from their first statement. */
        REMOVE_FAILED,
        /** Accept intentional edits of applied files: record their new checksums. */
        REALIGN_CHECKSUMS
    }

    public RepairRequest {
        Objects.requireNonNull(action, "action");
        if (statement && action != Action.MARK_APPLIED) {
            throw new IllegalArgumentException("statement applies to MARK_APPLIED only");
        }
    }
}

package dev.lockstep.plan;

import dev.lockstep.result.Version;

/**
 * What the verb asks of the planner.
 *
 * @param outOfOrder  apply an unapplied version older than the newest applied one instead of refusing
 * @param target      plan versioned migrations up to this version only; {@code null} for all
 * @param missingIsError whether an applied migration missing locally is an error (validate) or a warning (migrate)
 * @param futureIsError  whether an applied migration newer than every local one is an error (validate --strict)
 */
public record PlanOptions(boolean outOfOrder, Version target, boolean missingIsError, boolean futureIsError) {

    /** What {@code migrate} uses: refuse out-of-order, warn about missing and future migrations. */
    public static PlanOptions forMigrate() {
        return new PlanOptions(false, null, false, false);
    }

    /** What {@code validate} uses: missing migrations fail; future ones fail only when strict. */
    public static PlanOptions forValidate(boolean strict) {
        return new PlanOptions(false, null, true, strict);
    }
}

package dev.lockstep.result;

import java.util.List;

/**
 * What {@link dev.lockstep.Lockstep#validate()} found. Problems in the files themselves (malformed names, bad
 * UTF-8, duplicate versions, statements that cannot be split) are thrown instead, because nothing
 * can be compared until the files are readable.
 *
 * @param database   where, without secrets
 * @param migrations how many local migrations were checked
 * @param errors     checksum mismatches, out-of-order and missing versions: each fails validation
 * @param warnings   reported, not failing
 */
public record ValidateResult(String database, int migrations, List<Problem> errors, List<Problem> warnings) {

    public ValidateResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /**
     * Whether a migration stopped part-way ({@link Problem.Kind#PARTIALLY_APPLIED}): the database needs repair,
     * the state {@code migrate} refuses with exit 7, so validate says the same.
     */
    public boolean needsRepair() {
        return errors.stream().anyMatch(problem -> problem.kind() == Problem.Kind.PARTIALLY_APPLIED);
    }
}

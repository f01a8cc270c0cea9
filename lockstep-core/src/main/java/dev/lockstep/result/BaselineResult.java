package dev.lockstep.result;

import java.util.List;

/**
 * What {@link dev.lockstep.Lockstep#baseline} or {@link dev.lockstep.Lockstep#adopt} recorded.
 *
 * @param database        where, without secrets
 * @param schema          the schema of the history table
 * @param from            {@code lockstep} for a plain baseline, else the tool adopted from ({@code flyway}, {@code golang-migrate})
 * @param baselineVersion the version of the BASELINE row written, or {@code null} when none was
 * @param recorded        versions recorded as applied, in order (for an adoption)
 * @param notLocal        versions the other tool applied that have no local file, recorded without a checksum
 * @param warnings        what the user should know (versions without a local file, repeatables that run again)
 * @param changed         false when the database was already baselined at that version and nothing was written
 */
public record BaselineResult(String database, String schema, String from, String baselineVersion, List<String> recorded,
                             List<String> notLocal, List<String> warnings, boolean changed) {

    public BaselineResult {
        recorded = List.copyOf(recorded);
        notLocal = List.copyOf(notLocal);
        warnings = List.copyOf(warnings);
    }
}

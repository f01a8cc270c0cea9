package dev.lockstep.adopt;

import dev.lockstep.OtherTool;
import dev.lockstep.result.Version;

import java.util.List;

/**
 * What lockstep records when it adopts another tool's history, or why it will not.
 *
 * @param baseline  the version of the other tool's baseline, to record as a BASELINE row; {@code null} for none
 * @param recorded  versions the other tool applied, in version order, to record as applied
 * @param notLocal  versions among {@code recorded} without a local file ({@code 3 (V3__x.sql)}), recorded without a checksum
 * @param refusals  reasons the database needs repair first (a failed or dirty migration); nothing is recorded then
 * @param warnings  what the user should know and may ignore
 */
public record Adoption(OtherTool tool, Version baseline, List<Recorded> recorded, List<String> notLocal,
                       List<String> refusals, List<String> warnings) {

    public Adoption {
        recorded = List.copyOf(recorded);
        notLocal = List.copyOf(notLocal);
        refusals = List.copyOf(refusals);
        warnings = List.copyOf(warnings);
    }

    /**
     * One version to record as applied.
     *
     * @param checksum lockstep's checksum of the local file, or {@code null} when there is no local file
     * @param installedBy who applied it according to the other tool, or {@code null} when it does not say
     */
    public record Recorded(Version version, String description, String script, String checksum, String installedBy) {
    }
}

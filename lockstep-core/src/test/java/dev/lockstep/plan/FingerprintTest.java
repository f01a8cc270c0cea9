package dev.lockstep.plan;

import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    private static Migration versioned(String version, String checksum) {
        return new Migration(Version.parse(version), "step", MigrationType.SQL, "V" + version + "__step.sql",
                "db/migration/V" + version + "__step.sql", checksum, "SELECT 1;");
    }

    private static Migration repeatable(String description, String checksum) {
        return new Migration(null, description, MigrationType.REPEATABLE, "R__" + description + ".sql",
                "db/migration/R__" + description + ".sql", checksum, "SELECT 1;");
    }

    private static Migration undo(String version, String checksum) {
        return new Migration(Version.parse(version), "step", MigrationType.UNDO, "U" + version + "__step.sql",
                "db/migration/U" + version + "__step.sql", checksum, "SELECT 1;");
    }

    @Test
    void isASha256WithItsAlgorithmNamed() {
        assertThat(Fingerprint.of(List.of(versioned("1", "sha256:a")))).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void doesNotDependOnTheOrderTheFilesWereFoundIn() {
        List<Migration> files = List.of(versioned("1.10", "sha256:a"), repeatable("views", "sha256:r"), versioned("1.9", "sha256:b"));

        assertThat(Fingerprint.of(files)).isEqualTo(Fingerprint.of(List.of(files.get(2), files.get(1), files.get(0))));
    }

    @Test
    void changesWhenAnyChecksumChanges() {
        String before = Fingerprint.of(List.of(versioned("1", "sha256:a"), repeatable("views", "sha256:r")));

        assertThat(Fingerprint.of(List.of(versioned("1", "sha256:EDITED"), repeatable("views", "sha256:r")))).isNotEqualTo(before);
        assertThat(Fingerprint.of(List.of(versioned("1", "sha256:a"), repeatable("views", "sha256:EDITED")))).isNotEqualTo(before);
    }

    @Test
    void changesWhenAFileIsAddedOrRemoved() {
        String one = Fingerprint.of(List.of(versioned("1", "sha256:a")));

        assertThat(Fingerprint.of(List.of(versioned("1", "sha256:a"), versioned("2", "sha256:b")))).isNotEqualTo(one);
        assertThat(Fingerprint.of(List.of())).isNotEqualTo(one);
    }

    @Test
    void tellsAVersionFromARepeatableWithTheSameChecksum() {
        assertThat(Fingerprint.of(List.of(versioned("1", "sha256:a"))))
                .isNotEqualTo(Fingerprint.of(List.of(repeatable("1", "sha256:a"))));
    }

    @Test
    void ignoresUndoFilesBecauseTheyNeverChangeAMigratePlan() {
        List<Migration> files = List.of(versioned("1", "sha256:a"));

        assertThat(Fingerprint.of(List.of(versioned("1", "sha256:a"), undo("1", "sha256:u")))).isEqualTo(Fingerprint.of(files));
    }

    @Test
    void staysTheValueEarlierReleasesRecorded() {
        // Written by the release before the fingerprint was encoded a chunk at a time and sorted only when out of
        // order: a recorded row keeps matching the same files after an upgrade. More than one chunk of lines, a
        // Java migration among the versioned ones (the scan's order is not this one then), non-ASCII descriptions.
        List<Migration> files = new ArrayList<>();
        for (int v = 300; v >= 1; v--) {
            String description = v % 7 == 0 ? "caf\u00e9 " + v : "step " + v;
            files.add(new Migration(Version.parse("1." + v), description, MigrationType.SQL, "V1." + v + "__x.sql",
                    "db/V1." + v + "__x.sql", "sha256:" + String.format("%064x", v), ""));
        }
        files.add(new Migration(Version.parse("1.150.5"), "Backfill", MigrationType.JAVA, "db.V1_150_5__Backfill",
                "db/V1_150_5__Backfill.class", "sha256:java", ""));
        files.add(repeatable("views", "sha256:r"));
        files.add(undo("1.3", "sha256:u"));

        assertThat(Fingerprint.of(files)).isEqualTo("sha256:cdb3754176c4c9da21393a044807c06516290f67c65e8d1b6a8dbc02dc9cbc2c");
    }
}

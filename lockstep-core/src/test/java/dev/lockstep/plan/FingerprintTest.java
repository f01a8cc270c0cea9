package dev.lockstep.plan;

import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import org.junit.jupiter.api.Test;

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
}

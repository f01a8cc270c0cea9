package dev.lockstep.preflight;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Preflight of real directories with real owners and modes (root, as in CI, creates them). */
class PreflightTest {
    private static final Owner APP = Owner.parse("1001:1001");

    @TempDir
    Path temp;
    Path data;

    @BeforeEach
    void data() throws IOException {
        Trees.requireRoot("the trees of these tests belong to other users");
        data = Trees.tree(temp.resolve("data"), 3, 4);
        Trees.chownAll(data, 1001, 1001);
    }

    private static PreflightReport check(PreflightConfig config) {
        return Preflight.check(config);
    }

    private static Check check(PreflightReport report, CheckKind kind) {
        return report.directories().get(0).checks().stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void passesADirectoryWithTheRightOwnerThatCanBeWritten() {
        PreflightReport report = check(PreflightConfig.of(List.of(data)).withOwner(APP));

        assertThat(report.passed()).isTrue();
        assertThat(report.directories().get(0).checks()).extracting(Check::kind).containsExactly(
                CheckKind.DIRECTORY, CheckKind.OWNER, CheckKind.WRITE, CheckKind.WORLD_WRITABLE, CheckKind.FREE_SPACE);
        assertThat(check(report, CheckKind.OWNER).message()).contains("the 3 directories in it belong to --owner 1001:1001");
    }

    @Test
    void leavesNoProbeFileBehind() throws IOException {
        check(PreflightConfig.of(List.of(data)).withOwner(APP));

        try (Stream<Path> entries = Files.list(data)) {
            assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(WriteProbe.PREFIX));
        }
    }

    @Test
    void failsAMissingDirectoryWithTheCommandsThatProvideIt() {
        Path missing = temp.resolve("missing");

        PreflightReport report = check(PreflightConfig.of(List.of(missing)).withOwner(APP));

        assertThat(report.passed()).isFalse();
        Check check = report.failures().get(0);
        assertThat(check.kind()).isEqualTo(CheckKind.DIRECTORY);
        assertThat(check.message()).isEqualTo(missing + " does not exist.");
        assertThat(check.fixes()).anySatisfy(f -> assertThat(f).startsWith("RUN mkdir -p " + missing + " && chown 1001:1001 " + missing));
        assertThat(report.directories().get(0).checks()).hasSize(1);
    }

    @Test
    void failsAFileThatIsNotADirectory() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThat(check(PreflightConfig.of(List.of(file))).failures()).singleElement()
                .satisfies(c -> assertThat(c.message()).isEqualTo(file + " is not a directory."));
    }

    @Test
    void failsADirectoryOfAnotherOwnerWithTheFixesForThisCase() throws IOException {
        Trees.chownAll(data, 1000, 1000);

        PreflightReport report = check(PreflightConfig.of(List.of(data)).withOwner(APP));

        Check owner = check(report, CheckKind.OWNER);
        assertThat(owner.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(owner.message()).isEqualTo(data + " belongs to 1000:1000, not to --owner 1001:1001.");
        assertThat(owner.fixes()).contains("securityContext: {fsGroup: 1001}   (Kubernetes: the volume is given group 1001 when it is mounted)")
                .anySatisfy(f -> assertThat(f).startsWith("docker run --rm -v <volume>:" + data + " alpine chown -R 1001:1001 " + data + " "));
    }

    @Test
    void failsOnDirectoriesInsideThatBelongToOthers() throws IOException {
        Trees.chown(data.resolve("dir1"), 0, 0);

        Check owner = check(check(PreflightConfig.of(List.of(data)).withOwner(APP)), CheckKind.OWNER);

        assertThat(owner.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(owner.message()).contains("1 directory in it belong to others: " + data.resolve("dir1") + " (0:0)");
    }

    @Test
    void failsOnWorldWritableDirectoriesWithoutTheStickyBitListingEachWithItsMode() throws IOException {
        Trees.mode(data.resolve("dir0"), 0777);
        Trees.mode(data.resolve("dir1"), 01777);

        PreflightReport report = check(PreflightConfig.of(List.of(data)).withOwner(APP));

        Check check = check(report, CheckKind.WORLD_WRITABLE);
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.message()).isEqualTo("1 directory in " + data + " lets anyone create, replace and delete files: "
                + data.resolve("dir0") + " (0777).");
        assertThat(check.fixes()).contains("chmod o-w " + data.resolve("dir0") + "   (nobody else needs to write there)");
    }

    @Test
    void listsTheFirstTenWorldWritableDirectoriesAndCountsTheRest() throws IOException {
        for (int i = 0; i < 12; i++) {
            Trees.mode(Files.createDirectory(data.resolve("open" + i)), 0777);
        }

        Check check = check(check(PreflightConfig.of(List.of(data)).withOwner(APP)), CheckKind.WORLD_WRITABLE);

        assertThat(check.message()).startsWith("12 directories").endsWith(" and 2 more.");
    }

    @Test
    void allowedWorldWritableDirectoriesAreAWarningThatFailsOnlyWhenStrict() throws IOException {
        Trees.mode(data.resolve("dir2"), 0777);
        PreflightConfig allowed = PreflightConfig.of(List.of(data)).withOwner(APP).withLimits(true, 0, false);

        PreflightReport report = check(allowed);

        assertThat(check(report, CheckKind.WORLD_WRITABLE).status()).isEqualTo(CheckStatus.WARN);
        assertThat(report.passed()).isTrue();
        assertThat(check(allowed.withLimits(true, 0, true)).passed()).isFalse();
    }

    @Test
    void warnsWhenLessThanTheMinimumIsFree() {
        PreflightReport report = check(PreflightConfig.of(List.of(data)).withOwner(APP).withLimits(false, Long.MAX_VALUE, false));

        Check space = check(report, CheckKind.FREE_SPACE);
        assertThat(space.status()).isEqualTo(CheckStatus.WARN);
        assertThat(space.message()).contains("less than --min-free 8.0 EiB");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void fixesTheOwnershipBeforeCheckingIt() throws IOException {
        Trees.chownAll(data, 1000, 1000);
        PreflightConfig fix = PreflightConfig.of(List.of(data)).withOwner(APP)
                .withFixOwnership(true, false, false, Duration.ofSeconds(30));

        PreflightReport report = check(fix);

        assertThat(report.passed()).isTrue();
        assertThat(check(report, CheckKind.OWNERSHIP_FIX).message()).startsWith("Changed the owner of 16 of 17 entries read to 1001:1001");
        assertThat(report.directories().get(0).ownershipFix()).hasValueSatisfying(r -> assertThat(r.changed()).isEqualTo(16));
        assertThat(Trees.owner(data.resolve("dir2/file3"))).isEqualTo("1001:1001");
    }

    @Test
    void aSecondPreflightWithAFixReadsTheDirectoriesAndTheTopDirectorysEntriesOnly() throws IOException {
        Trees.age(data);
        PreflightConfig fix = PreflightConfig.of(List.of(data)).withOwner(APP)
                .withFixOwnership(true, false, false, Duration.ofSeconds(30));
        check(fix);

        FixResult second = check(fix).directories().get(0).ownershipFix().orElseThrow();

        assertThat(second.incremental()).isTrue();
        assertThat(second.listed()).as("the top directory, which the write probe changed").isEqualTo(1);
        assertThat(second.directories()).isEqualTo(4);
        assertThat(second.visited()).as("4 directories and the marker").isEqualTo(5);
    }

    @Test
    void skipsTheFixWhenTheEnvironmentSaysSo() throws IOException {
        Trees.chownAll(data, 1000, 1000);
        PreflightConfig skipped = PreflightConfig.of(List.of(data)).withOwner(APP)
                .withFixOwnership(true, true, false, Duration.ofSeconds(30));

        PreflightReport report = check(skipped);

        assertThat(check(report, CheckKind.OWNERSHIP_FIX).message()).isEqualTo("Skipped: LOCKSTEP_SKIP_PERMISSION_FIX=true.");
        assertThat(check(report, CheckKind.OWNER).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(Trees.owner(data)).isEqualTo("1000:1000");
    }

    @Test
    void aFixNeedsTheOwnerToGive() {
        PreflightConfig noOwner = PreflightConfig.of(List.of(data)).withFixOwnership(true, false, false, Duration.ofSeconds(1));

        assertThatThrownBy(() -> check(noOwner)).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION)).hasMessageStartingWith("--fix-ownership needs --owner UID:GID");
    }

    @Test
    void withoutAnOwnerTheProcessesOwnIdsAreExpected() throws IOException {
        PreflightReport report = check(PreflightConfig.of(List.of(data)));

        assertThat(check(report, CheckKind.OWNER).message()).isEqualTo(data + " belongs to 1001:1001, not to this process's user 0:0.");
    }
}

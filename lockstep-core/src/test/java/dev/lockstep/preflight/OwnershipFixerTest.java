package dev.lockstep.preflight;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** --fix-ownership on real trees with real owners (root only, as in CI): what it changes and what it costs. */
class OwnershipFixerTest {
    private static final Owner APP = new Owner(1001, 1001);
    private static final TreeWalker.Visitor NOTHING = new DirectoryAudit(Path.of("/"), APP);

    @TempDir
    Path temp;
    Path root;
    final List<FixProgress> progress = new ArrayList<>();

    @BeforeEach
    void tree() throws IOException {
        Trees.requireRoot("changing owners");
        root = Trees.tree(temp.resolve("data"), 5, 20);
        Trees.age(root);
    }

    private FixResult fix(Owner owner, boolean full) throws IOException {
        return fix(owner, full, Clock.systemUTC(), Duration.ofMinutes(1));
    }

    private FixResult fix(Owner owner, boolean full, Clock clock, Duration timeout) throws IOException {
        return new OwnershipFixer(clock, timeout, Duration.ofSeconds(2), progress::add).fix(root, owner, full, NOTHING);
    }

    @Test
    void changesEveryEntryWhoseOwnerDiffersAndRecordsAMarker() throws IOException {
        FixResult result = fix(APP, false);

        assertThat(result.complete()).isTrue();
        assertThat(result.incremental()).isFalse();
        assertThat(result.changed()).isEqualTo(1 + 5 + 100);
        assertThat(result.visited()).isEqualTo(1 + 5 + 100 + 1); // and the marker, created with the right owner
        assertThat(Trees.owner(root.resolve("dir3/file7"))).isEqualTo("1001:1001");
        assertThat(Trees.owner(root)).isEqualTo("1001:1001");
        assertThat(OwnershipMarker.read(root)).hasValueSatisfying(index -> {
            assertThat(index.owner()).isEqualTo(APP);
            assertThat(index.directories()).containsExactlyInAnyOrder(".", "dir0", "dir1", "dir2", "dir3", "dir4");
        });
    }

    @Test
    void changesOnlyTheEntriesThatDiffer() throws IOException {
        Trees.chownAll(root, 1001, 1001);
        Trees.chown(root.resolve("dir1/file3"), 1000, 1000);
        Trees.chown(root.resolve("dir4"), 0, 1001);

        FixResult result = fix(APP, false);

        assertThat(result.changed()).isEqualTo(2);
        assertThat(Trees.owner(root.resolve("dir1/file3"))).isEqualTo("1001:1001");
        assertThat(Trees.owner(root.resolve("dir4"))).isEqualTo("1001:1001");
    }

    @Test
    void costsOneReadPerDirectoryWhenTheTreeStillMatches() throws IOException {
        fix(APP, false);

        FixResult again = fix(APP, false);

        assertThat(again.incremental()).isTrue();
        assertThat(again.changed()).isZero();
        assertThat(again.listed()).isZero();
        assertThat(again.visited()).isEqualTo(again.directories()).isEqualTo(6);
    }

    @Test
    void readsTheFilesOfADirectoryChangedSinceTheMarker() throws IOException {
        fix(APP, false);
        Files.writeString(root.resolve("dir2/written-by-root-later"), "x");

        FixResult again = fix(APP, false);

        assertThat(again.changed()).isEqualTo(1);
        assertThat(again.listed()).isEqualTo(1);
        assertThat(again.visited()).isEqualTo(6 + 20 + 1);
        assertThat(Trees.owner(root.resolve("dir2/written-by-root-later"))).isEqualTo("1001:1001");
    }

    @Test
    void findsADirectoryMovedIntoTheTreeWithItsFiles() throws IOException {
        fix(APP, false);
        Path outside = Trees.tree(temp.resolve("elsewhere"), 1, 3);
        Files.move(outside.resolve("dir0"), root.resolve("dir0/moved-in"));

        FixResult again = fix(APP, false);

        assertThat(again.changed()).isEqualTo(1 + 3);
        assertThat(Trees.owner(root.resolve("dir0/moved-in/file2"))).isEqualTo("1001:1001");
        assertThat(OwnershipMarker.read(root).orElseThrow().directories()).contains("dir0/moved-in");
    }

    @Test
    void missesAFileWhoseOwnerChangedInPlaceUntilAFullWalk() throws IOException {
        fix(APP, false);
        Trees.chown(root.resolve("dir3/file5"), 0, 0); // the blind spot the README documents

        assertThat(fix(APP, false).changed()).isZero();
        FixResult full = fix(APP, true);

        assertThat(full.incremental()).isFalse();
        assertThat(full.changed()).isEqualTo(1);
        assertThat(Trees.owner(root.resolve("dir3/file5"))).isEqualTo("1001:1001");
    }

    @Test
    void walksEverythingWhenTheOwnerIsNotTheOneTheMarkerRecorded() throws IOException {
        fix(APP, false);

        FixResult rebuilt = fix(new Owner(1002, 1002), false);

        assertThat(rebuilt.incremental()).isFalse();
        assertThat(rebuilt.changed()).isEqualTo(1 + 5 + 100 + 1); // the marker too
    }

    @Test
    void neverFollowsASymbolicLinkOutOfTheTree() throws IOException {
        Path outside = Trees.tree(temp.resolve("outside"), 1, 2);
        Files.createSymbolicLink(root.resolve("dir0/link-to-file"), outside.resolve("dir0/file0"));
        Files.createSymbolicLink(root.resolve("dir0/link-to-directory"), outside.resolve("dir0"));

        fix(APP, false);

        assertThat(Trees.owner(outside.resolve("dir0"))).isEqualTo("0:0");
        assertThat(Trees.owner(outside.resolve("dir0/file0"))).isEqualTo("0:0");
        assertThat(Trees.owner(outside.resolve("dir0/file1"))).isEqualTo("0:0");
        assertThat(Trees.owner(root.resolve("dir0/link-to-file"))).isEqualTo("1001:1001"); // the link itself
    }

    @Test
    void neverChangesAMode() throws IOException {
        Trees.mode(root.resolve("dir1"), 0750);
        Trees.mode(root.resolve("dir1/file1"), 0600);

        fix(APP, false);

        assertThat(EntryAttributes.ofLink(root.resolve("dir1")).octalMode()).isEqualTo("0750");
        assertThat(EntryAttributes.ofLink(root.resolve("dir1/file1")).octalMode()).isEqualTo("0600");
    }

    @Test
    void changesOnlyTheGroupWhenOnlyAGroupIsGiven() throws IOException {
        fix(Owner.parse(":0"), false);
        Trees.chownAll(root, 1000, 1000);

        fix(Owner.parse(":0"), true);

        assertThat(Trees.owner(root.resolve("dir0/file0"))).isEqualTo("1000:0");
    }

    @Test
    void stopsAtTheTimeoutAndLeavesTheMarkerPendingForAFullWalkNextTime() throws IOException {
        FixResult stopped = fix(APP, false, new TickingClock(Duration.ofSeconds(1)), Duration.ofSeconds(30));

        assertThat(stopped.complete()).isFalse();
        assertThat(stopped.changed()).isPositive().isLessThan(106);
        assertThat(OwnershipMarker.read(root)).isEmpty();
        FixResult next = fix(APP, false);
        assertThat(next.incremental()).isFalse();
        assertThat(next.complete()).isTrue();
        assertThat(stopped.changed() + next.changed()).isEqualTo(106);
    }

    @Test
    void reportsProgressDuringALongFix() throws IOException {
        fix(APP, false, new TickingClock(Duration.ofMillis(100)), Duration.ofHours(1));

        assertThat(progress).isNotEmpty();
        assertThat(progress).extracting(FixProgress::visited).isSorted();
        assertThat(progress.get(progress.size() - 1).changed()).isPositive();
    }
}

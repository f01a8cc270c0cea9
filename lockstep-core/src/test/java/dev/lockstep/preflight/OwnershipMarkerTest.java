package dev.lockstep.preflight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OwnershipMarkerTest {
    @TempDir
    Path root;

    @Test
    void keepsTheIndexOfACompleteFixWithAnyDirectoryName() throws IOException {
        DirectoryIndex index = new DirectoryIndex(new Owner(1001, 1001), FileTime.from(Instant.parse("2026-01-01T10:00:00.123456789Z")),
                Set.of(".", "a", "a/line\nbreak", "a/back\\slash", "a/return\r", "a/ space"));
        Files.createFile(OwnershipMarker.of(root));

        OwnershipMarker.complete(root, index);

        assertThat(OwnershipMarker.read(root)).contains(index);
    }

    @Test
    void aPendingDamagedOrMissingMarkerIsNoIndex() throws IOException {
        assertThat(OwnershipMarker.read(root)).isEmpty();
        Files.writeString(OwnershipMarker.of(root), "lockstep-ownership 1\nowner 1001:1001\nstate pending\n");
        assertThat(OwnershipMarker.read(root)).isEmpty();
        assertThat(OwnershipMarker.parse(List.of("lockstep-ownership 1", "owner 1001:1001", "state complete",
                "stamp 2026-01-01T10:00:00Z", "dir .", "dir a"))).as("cut short: no end line").isEmpty();
        assertThat(OwnershipMarker.parse(List.of("lockstep-ownership 1", "owner x", "state complete",
                "stamp 2026-01-01T10:00:00Z", "dir .", "end")).isEmpty()).isTrue();
    }

    @Test
    void aBeginningFixLeavesTheMarkerPendingAndStampsItAfterTheRootChanged() throws IOException {
        FileTime stamp = OwnershipMarker.begin(root, new Owner(1001, 1001));

        assertThat(OwnershipMarker.read(root)).isEmpty();
        assertThat(stamp).isGreaterThan(Files.getLastModifiedTime(root));
    }

    @Test
    void indexesChildrenByParent() {
        DirectoryIndex index = new DirectoryIndex(new Owner(1, 1), FileTime.fromMillis(0), Set.of(".", "a", "a/b", "c"));

        assertThat(index.children().get(".")).containsExactlyInAnyOrder("a", "c");
        assertThat(index.children().get("a")).containsExactly("b");
        assertThat(index.children()).doesNotContainKey("c");
    }
}

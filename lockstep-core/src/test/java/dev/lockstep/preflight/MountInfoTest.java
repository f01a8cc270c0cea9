package dev.lockstep.preflight;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MountInfoTest {
    private final MountInfo mounts = MountInfo.parse(List.of(
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro",
            "31 22 8:1 /srv/data /data ro,relatime shared:1 - ext4 /dev/sda1 rw",
            "32 22 0:50 / /cache rw,nosuid master:3 - tmpfs tmpfs ro,size=1024k",
            "33 22 0:51 / /with\\040space rw - nfs4 server:/export rw,vers=4.2",
            "34 22 0:52 / /data rw - overlay overlay rw",
            "garbage line"));

    @Test
    void findsTheLastMountOnTheLongestMountPoint() {
        assertThat(mounts.mountOf(Path.of("/data/x"))).hasValueSatisfying(m -> assertThat(m.type()).isEqualTo("overlay"));
        assertThat(mounts.mountOf(Path.of("/database"))).hasValueSatisfying(m -> assertThat(m.mountPoint()).isEqualTo("/"));
        assertThat(mounts.mountOf(Path.of("/with space/a"))).hasValueSatisfying(m -> {
            assertThat(m.type()).isEqualTo("nfs4");
            assertThat(m.source()).isEqualTo("server:/export");
        });
    }

    @Test
    void aMountIsReadOnlyWhenTheMountOrItsFileSystemIs() {
        MountInfo bindMount = MountInfo.parse(List.of("31 22 8:1 /srv/data /data ro,relatime - ext4 /dev/sda1 rw"));
        assertThat(bindMount.mountOf(Path.of("/data")).orElseThrow().readOnly()).isTrue();
        assertThat(mounts.mountOf(Path.of("/cache")).orElseThrow().readOnly()).isTrue();
        assertThat(mounts.mountOf(Path.of("/home")).orElseThrow().readOnly()).isFalse();
    }

    @Test
    void readsThisProcessesMounts() {
        assertThat(MountInfo.current().mountOf(Path.of("/"))).isPresent();
    }
}

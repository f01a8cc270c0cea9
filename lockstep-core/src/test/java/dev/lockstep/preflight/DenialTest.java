package dev.lockstep.preflight;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** The errors the JDK makes of EROFS, EACCES, EPERM and ENOSPC. */
class DenialTest {
    @Test
    void readOnlyFileSystemIsNotAPermissionProblem() {
        assertThat(Denial.of(new FileSystemException("/data/x", null, "Read-only file system"))).isEqualTo(Denial.READ_ONLY);
    }

    @Test
    void accessDeniedAndOperationNotPermittedAreDenials() {
        assertThat(Denial.of(new AccessDeniedException("/data/x"))).isEqualTo(Denial.ACCESS_DENIED);
        assertThat(Denial.of(new FileSystemException("/data/x", null, "Operation not permitted"))).isEqualTo(Denial.ACCESS_DENIED);
    }

    @Test
    void aFullOrOverQuotaVolumeIsNoSpace() {
        assertThat(Denial.of(new FileSystemException("/data/x", null, "No space left on device"))).isEqualTo(Denial.NO_SPACE);
        assertThat(Denial.of(new FileSystemException("/data/x", null, "Disk quota exceeded"))).isEqualTo(Denial.NO_SPACE);
    }

    @Test
    void anythingElseIsOther() {
        assertThat(Denial.of(new IOException("Input/output error"))).isEqualTo(Denial.OTHER);
    }
}

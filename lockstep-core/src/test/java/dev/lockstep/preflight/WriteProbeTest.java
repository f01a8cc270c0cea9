package dev.lockstep.preflight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class WriteProbeTest {
    @TempDir
    Path directory;

    private Stream<String> names() throws IOException {
        return Files.list(directory).map(p -> p.getFileName().toString());
    }

    @Test
    void createsWritesSyncsRenamesAndDeletesLeavingNothing() throws IOException {
        WriteProbe.Result result = WriteProbe.run(directory);

        assertThat(result.succeeded()).isTrue();
        assertThat(names()).isEmpty();
    }

    @Test
    void removesItsFileWhenAStepFailsAndLeavesWhatItDidNotMake() throws IOException {
        Path inTheWay = Files.createDirectories(directory.resolve("probe.renamed/full"));

        WriteProbe.Result result = WriteProbe.run(directory, "probe");

        assertThat(result.failedStep()).contains(WriteProbe.Step.RENAME);
        assertThat(result.leftBehind()).isEmpty();
        assertThat(names()).containsExactly("probe.renamed");
        assertThat(inTheWay).isDirectory();
    }
}

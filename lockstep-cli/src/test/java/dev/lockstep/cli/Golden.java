package dev.lockstep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transcript compared with its golden file under {@code src/test/resources/golden/}. With the system property
 * {@code golden.write=<dir>} the transcript is written to {@code <dir>/<folder>/<name>} instead (then read the diff
 * before committing it).
 */
public final class Golden {
    private Golden() {
    }

    /** @param file the golden file's path below {@code golden/}, as {@code json/one-database.txt} */
    public static void assertMatches(String file, String actual) throws IOException {
        String write = System.getProperty("golden.write");
        if (write != null) {
            Path target = Path.of(write, file);
            Files.createDirectories(target.getParent());
            Files.writeString(target, actual);
            return;
        }
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("golden file golden/" + file).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}

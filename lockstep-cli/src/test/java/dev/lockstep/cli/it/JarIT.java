package dev.lockstep.cli.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar that package builds, as users get it. */
class JarIT {
    private static final Path JAR = Path.of(System.getProperty("lockstep.jar", "target/lockstep.jar"));

    @Test
    void carriesTheLicenseTextOfEveryBundledLibraryNotJustTheFirstOnesFound() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(text(jar, "META-INF/LICENSE")).as("pgjdbc's and the Apache-licensed libraries'")
                    .contains("PostgreSQL Global Development Group", "Apache License");
            assertThat(text(jar, "META-INF/LICENSE.txt")).as("slf4j's (MIT) and the Checker Framework's")
                    .contains("QOS.ch", "Checker Framework");
        }
    }

    private static String text(JarFile jar, String name) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

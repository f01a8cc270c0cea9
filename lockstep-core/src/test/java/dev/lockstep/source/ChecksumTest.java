package dev.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChecksumTest {
    private static final String LF_TEXT = "CREATE TABLE t (id int);\nSELECT 1;\n";
    // sha256sum of LF_TEXT's bytes, computed outside Java.
    private static final String LF_CHECKSUM = "sha256:64f75b3f9ee0d78dd5c0c2833b920dedbff259355dd44445e68084c0f38e2795";

    @Test
    void matchesTheKnownSha256Vectors() {
        assertThat(Checksum.of("abc")).isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Checksum.of("")).isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void hashesTheUtf8BytesOfTheText() {
        assertThat(Checksum.of("café\n")).isEqualTo("sha256:7b49b9e063bd91a4f9252b413261f5557b9c570aa61516989499f64a62dbcdd6");
    }

    @Test
    void isTheAlgorithmThenSixtyFourLowerCaseHexDigits() {
        assertThat(Checksum.of(LF_TEXT)).isEqualTo(LF_CHECKSUM).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void isTheSameForAFileSavedWithCrlf() {
        assertThat(checksumOfFile("CREATE TABLE t (id int);\r\nSELECT 1;\r\n")).isEqualTo(LF_CHECKSUM);
    }

    @Test
    void isTheSameForAFileSavedWithLoneCarriageReturns() {
        assertThat(checksumOfFile("CREATE TABLE t (id int);\rSELECT 1;\r")).isEqualTo(LF_CHECKSUM);
    }

    @Test
    void isTheSameForAFileSavedWithABom() {
        assertThat(checksumOfFile("\uFEFF" + LF_TEXT)).isEqualTo(LF_CHECKSUM);
        assertThat(checksumOfFile("\uFEFFCREATE TABLE t (id int);\r\nSELECT 1;\r\n")).isEqualTo(LF_CHECKSUM);
    }

    @Test
    void changesWhenTheContentChanges() {
        assertThat(checksumOfFile("CREATE TABLE t (id bigint);\nSELECT 1;\n")).isNotEqualTo(LF_CHECKSUM);
        assertThat(checksumOfFile(LF_TEXT + "\n")).isNotEqualTo(LF_CHECKSUM);
    }

    private static String checksumOfFile(String content) {
        return Checksum.of(MigrationText.decode(content.getBytes(StandardCharsets.UTF_8), "V1__t.sql"));
    }
}

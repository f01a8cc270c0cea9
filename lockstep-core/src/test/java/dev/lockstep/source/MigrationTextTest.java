package dev.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MigrationTextTest {

    @Test
    void removesALeadingBomOnly() {
        assertThat(decode("\uFEFFSELECT '\uFEFF';")).isEqualTo("SELECT '\uFEFF';");
    }

    @Test
    void foldsCrlfAndLoneCrToLf() {
        assertThat(decode("a\r\nb\rc\nd\r\r\n")).isEqualTo("a\nb\nc\nd\n\n");
    }

    @Test
    void keepsMultiByteCharactersAndSupplementaryCodePoints() {
        assertThat(decode("-- café ☃ 𝄞\n")).isEqualTo("-- café ☃ 𝄞\n");
    }

    @Test
    void decodesAnEmptyFile() {
        assertThat(MigrationText.decode(new byte[0], "V1__x.sql")).isEmpty();
    }

    @Test
    void refusesLatin1NamingTheFileLineAndByteOffset() {
        byte[] latin1 = "SELECT 1;\r\n-- caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> MigrationText.decode(latin1, "db/migration/V1__x.sql"))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_MIGRATIONS);
                    assertThat(e.getMessage()).startsWith("db/migration/V1__x.sql: not valid UTF-8")
                            .contains("line 2", "byte offset 17", "0xE9", "re-save the file as UTF-8");
                });
    }

    @Test
    void countsLoneCarriageReturnsAsLineBreaks() {
        byte[] bytes = concat("a\rb\rc ".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF});

        assertThatThrownBy(() -> MigrationText.decode(bytes, "V1__x.sql")).hasMessageContaining("line 3, byte offset 6");
    }

    @Test
    void refusesOverlongEncodingsAndEncodedSurrogates() {
        byte[] overlongSlash = {'a', (byte) 0xC0, (byte) 0xAF};
        byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};

        assertThatThrownBy(() -> MigrationText.decode(overlongSlash, "V1__x.sql")).hasMessageContaining("byte offset 1");
        assertThatThrownBy(() -> MigrationText.decode(surrogate, "V1__x.sql")).hasMessageContaining("byte offset 0");
    }

    @Test
    void refusesACharacterCutOffAtTheEnd() {
        byte[] truncated = {'a', (byte) 0xE2, (byte) 0x98};

        assertThatThrownBy(() -> MigrationText.decode(truncated, "V1__x.sql"))
                .hasMessageContaining("line 1, byte offset 1");
    }

    private static String decode(String text) {
        return MigrationText.decode(text.getBytes(StandardCharsets.UTF_8), "V1__x.sql");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}

package dev.lockstep.source;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a migration file's bytes into the text that is checksummed, split and run: pure.
 *
 * <p>The bytes must be UTF-8: a file in another encoding is refused rather than guessed at, because
 * a guess would change both what runs and its checksum from one machine to the next. A leading BOM is
 * removed and CRLF and lone CR are folded to LF, so a file saved on Windows has the same text, and so
 * the same checksum, as on Linux.
 */
public final class MigrationText {
    private static final char BOM = '\uFEFF';

    private MigrationText() {
    }

    /**
     * Decodes strict UTF-8 and normalises the result.
     *
     * @param path names the file in the error message
     * @throws LockstepException {@link Reason#INVALID_MIGRATIONS} naming the file, the line and the
     *                           byte offset of the first byte that is not UTF-8
     */
    public static String decode(byte[] bytes, String path) {
        if (isAscii(bytes)) {
            // Most migrations are plain ASCII, which is valid UTF-8 as it is: no decoder needed.
            return normalize(new String(bytes, StandardCharsets.US_ASCII));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never needs more chars than bytes: a 4-byte sequence becomes 2 chars.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw notUtf8(bytes, in.position(), path);
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw notUtf8(bytes, in.position(), path);
        }
        return normalize(out.flip().toString());
    }

    /**
     * Whether these bytes are their own normalised text: ASCII (so valid UTF-8, with no BOM) without a CR. Such a
     * file's checksum is the digest of its bytes as they are, and its text their characters one for one.
     */
    static boolean isNormalizedAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0 || b == '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Removes a leading BOM and folds CRLF and lone CR to LF. */
    public static String normalize(String text) {
        String withoutBom = !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
        return withoutBom.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static LockstepException notUtf8(byte[] bytes, int offset, String path) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            boolean crlf = bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n';
            if (bytes[i] == '\n' || (bytes[i] == '\r' && !crlf)) {
                line++;
            }
        }
        String bad = offset < bytes.length ? String.format(" (0x%02X)", bytes[offset] & 0xFF) : " (a truncated character at the end)";
        return new LockstepException(Reason.INVALID_MIGRATIONS, path + ": not valid UTF-8 at line " + line
                + ", byte offset " + offset + bad + ": re-save the file as UTF-8");
    }
}

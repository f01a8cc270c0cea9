package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** The kernel's words for an I/O error, which the JDK keeps in different places for different errors. */
final class IoErrors {
    private IoErrors() {
    }

    /** {@code permission denied}, {@code read-only file system}, {@code no space left on device}, ... */
    static String reason(IOException error) {
        if (error instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (error instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (error instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(error.getMessage());
    }

    /** {@code /data/x: operation not permitted}: the file, when the error names one, and the reason. */
    static String describe(IOException error) {
        return error instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " + reason(error) : reason(error);
    }
}

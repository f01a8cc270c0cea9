package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Does in a directory what an application does with its data: creates a file, writes it, fsyncs it,
 * renames it and deletes it, as this process. The probe files are removed whatever happens; one that
 * cannot be removed is reported, never left silently.
 */
final class WriteProbe {
    static final String PREFIX = ".lockstep-probe-";

    /** The step of the probe that failed. */
    enum Step {
        CREATE("create a file"), WRITE("write a file"), FSYNC("fsync a file"), RENAME("rename a file"), DELETE("delete a file");

        final String action;

        Step(String action) {
            this.action = action;
        }
    }

    /**
     * What happened.
     *
     * @param failedStep the step that failed, empty when all did
     * @param error      its error
     * @param leftBehind probe files that could not be removed
     */
    record Result(Optional<Step> failedStep, Optional<IOException> error, List<Path> leftBehind) {
        boolean succeeded() {
            return failedStep.isEmpty();
        }
    }

    private WriteProbe() {
    }

    static Result run(Path directory) {
        return run(directory, PREFIX + ProcessHandle.current().pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    static Result run(Path directory, String name) {
        Path created = directory.resolve(name);
        Path renamed = directory.resolve(name + ".renamed");
        Step step = Step.CREATE;
        try {
            try (FileChannel channel = FileChannel.open(created, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                step = Step.WRITE;
                channel.write(ByteBuffer.wrap("lockstep preflight probe\n".getBytes(StandardCharsets.UTF_8)));
                step = Step.FSYNC;
                channel.force(true);
            }
            step = Step.RENAME;
            Files.move(created, renamed, StandardCopyOption.ATOMIC_MOVE);
            step = Step.DELETE;
            Files.delete(renamed);
            return new Result(Optional.empty(), Optional.empty(), List.of());
        } catch (IOException e) {
            // Remove only what the probe made: the file under its first name until the rename, then under the second.
            Path made = step == Step.CREATE ? null : step == Step.DELETE ? renamed : created;
            return new Result(Optional.of(step), Optional.of(e), made == null ? List.of() : cleanUp(made));
        }
    }

    private static List<Path> cleanUp(Path probe) {
        try {
            Files.deleteIfExists(probe);
            return List.of();
        } catch (IOException e) {
            return List.of(probe);
        }
    }
}

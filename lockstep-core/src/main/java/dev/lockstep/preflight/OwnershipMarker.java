package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The file {@value #NAME} at the root of a fixed tree: the {@link DirectoryIndex} of the last complete
 * fix, or {@code pending} while a fix runs (a fix that stopped half-way leaves it pending, so the next
 * one walks everything).
 *
 * <p>It is rewritten in place, never replaced by a rename: a rename would change the root directory's
 * modification time on every run and make the next run read every entry of the root. Its own
 * modification time after the {@code pending} write is the stamp of the walk that follows.
 */
final class OwnershipMarker {
    static final String NAME = ".lockstep-ownership";
    private static final String HEADER = "lockstep-ownership 1";
    private static final String COMPLETE = "state complete";
    private static final long TICK_WAIT_MILLIS = 2;
    private static final int TICK_WAIT_ATTEMPTS = 1000;

    private OwnershipMarker() {
    }

    static Path of(Path root) {
        return root.resolve(NAME);
    }

    /** The index of the last complete fix; empty when there is none or the marker is pending or damaged. */
    static Optional<DirectoryIndex> read(Path root) {
        try {
            return parse(Files.readAllLines(of(root), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Marks the fix of {@code root} as begun and returns its stamp. The marker is created when missing
     * (owned by {@code owner}), and then the stamp is taken strictly after the root's modification time,
     * waiting for the file system's clock to tick if need be, so that creating the marker (or the write
     * probe just before) does not count as a change of the root next time.
     */
    static FileTime begin(Path root, Owner owner) throws IOException {
        Path marker = of(root);
        if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            Files.write(marker, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Chown.to(marker, owner, EntryAttributes.ofLink(marker));
        }
        FileTime rootModified = Files.getLastModifiedTime(root);
        FileTime stamp = writePending(marker, owner);
        for (int attempt = 0; stamp.compareTo(rootModified) <= 0 && attempt < TICK_WAIT_ATTEMPTS; attempt++) {
            sleep(); // the file system's clock has not ticked since the marker was created: wait for its next tick
            stamp = writePending(marker, owner);
        }
        return stamp;
    }

    /** Records a complete fix. */
    static void complete(Path root, DirectoryIndex index) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append("owner ").append(index.owner()).append('\n')
                .append(COMPLETE).append('\n')
                .append("stamp ").append(index.stamp().toInstant()).append('\n');
        for (String directory : new TreeSet<>(index.directories())) {
            text.append("dir ").append(escape(directory)).append('\n');
        }
        text.append("end\n");
        overwrite(of(root), text.toString());
    }

    /** The index a marker's lines record; empty when they are not a complete, undamaged one. */
    static Optional<DirectoryIndex> parse(List<String> lines) {
        if (lines.size() < 5 || !lines.get(0).equals(HEADER) || !lines.get(2).equals(COMPLETE)
                || !lines.get(lines.size() - 1).equals("end")) {
            return Optional.empty();
        }
        try {
            return index(lines);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<DirectoryIndex> index(List<String> lines) {
        Owner owner = Owner.parse(value(lines.get(1), "owner "));
        FileTime stamp = FileTime.from(Instant.parse(value(lines.get(3), "stamp ")));
        Set<String> directories = new HashSet<>();
        for (String line : lines.subList(4, lines.size() - 1)) {
            directories.add(unescape(value(line, "dir ")));
        }
        return directories.contains(DirectoryIndex.ROOT)
                ? Optional.of(new DirectoryIndex(owner, stamp, directories)) : Optional.empty();
    }

    private static FileTime writePending(Path marker, Owner owner) throws IOException {
        overwrite(marker, HEADER + "\nowner " + owner + "\nstate pending\n");
        return Files.getLastModifiedTime(marker, LinkOption.NOFOLLOW_LINKS);
    }

    /** Truncates and writes the existing file, which changes its modification time but not its directory's. */
    private static void overwrite(Path marker, String text) throws IOException {
        if (Files.isSymbolicLink(marker)) {
            throw new IOException(marker + " is a symbolic link; lockstep does not write through it. Remove it.");
        }
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (NoSuchFileException e) {
            throw new IOException(marker + " disappeared while lockstep was writing it", e);
        }
    }

    private static String value(String line, String prefix) {
        if (!line.startsWith(prefix)) {
            throw new IllegalArgumentException("expected '" + prefix + "...': " + line);
        }
        return line.substring(prefix.length());
    }

    /** Backslash escapes for the characters that would end a line; directory names may contain any of them. */
    static String escape(String name) {
        return name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(TICK_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the file system's clock to tick", e);
        }
    }
}

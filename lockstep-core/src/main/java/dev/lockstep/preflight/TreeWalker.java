package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Walks a tree without following symbolic links: every directory is visited, but the other entries
 * are read only in directories that changed since a previous {@link DirectoryIndex}. An unchanged
 * directory is not even listed: its subdirectories are the ones the index recorded. So a walk over a
 * tree that has not changed costs one {@code lstat} per directory, whatever the number of files.
 *
 * <p>Without an index every directory is listed and every entry read once. The walk checks
 * {@code stop} before each entry and returns early, incomplete, when it says so.
 */
final class TreeWalker {

    /** What the walk reports, in an order where a directory comes before its entries. */
    interface Visitor {
        /** A directory, the root included, read without following links. */
        void directory(Path directory, EntryAttributes attributes) throws IOException;

        /** Any other entry (file, symbolic link, socket, ...) of a directory that was listed. */
        void entry(Path entry, EntryAttributes attributes) throws IOException;

        /** A directory that cannot be listed; by default the walk stops with the error. */
        default void unreadable(Path directory, IOException error) throws IOException {
            throw error;
        }
    }

    /**
     * How a walk went.
     *
     * @param complete    whether every directory was visited ({@code false} when stopped)
     * @param visited     entries read with {@code lstat}, directories included: the cost of the walk
     * @param listed      directories whose entries were listed and read
     * @param directories every directory visited, relative to the root, for the next index
     */
    record Outcome(boolean complete, long visited, long listed, Set<String> directories) {
    }

    private final BooleanSupplier stop;

    TreeWalker(BooleanSupplier stop) {
        this.stop = stop;
    }

    /** Walks {@code root} (already read as {@code rootAttributes}), using {@code previous} when it is not null. */
    Outcome walk(Path root, EntryAttributes rootAttributes, DirectoryIndex previous, Visitor visitor) throws IOException {
        return new Walk(root, previous, visitor).run(rootAttributes);
    }

    private final class Walk {
        private final Path root;
        private final DirectoryIndex previous;
        private final Map<String, List<String>> indexedChildren;
        private final Visitor visitor;
        private final Set<String> directories = new HashSet<>();
        private final Deque<Directory> pending = new ArrayDeque<>();
        private long visited = 1;
        private long listed;

        Walk(Path root, DirectoryIndex previous, Visitor visitor) {
            this.root = root;
            this.previous = previous;
            this.indexedChildren = previous == null ? Map.of() : previous.children();
            this.visitor = visitor;
        }

        Outcome run(EntryAttributes rootAttributes) throws IOException {
            pending.push(new Directory(root, DirectoryIndex.ROOT, rootAttributes));
            while (!pending.isEmpty()) {
                if (stop.getAsBoolean()) {
                    return outcome(false);
                }
                Directory directory = pending.pop();
                visitor.directory(directory.path(), directory.attributes());
                directories.add(directory.relative());
                List<Directory> children = previous != null
                        && previous.unchangedSince(directory.relative(), directory.attributes().lastModified())
                        ? indexed(directory) : null;
                if (children == null) {
                    children = list(directory);
                    if (children == null) {
                        return outcome(false);
                    }
                }
                children.forEach(pending::push);
            }
            return outcome(true);
        }

        /** The subdirectories the index recorded; null when one is gone (the time was reset), to list instead. */
        private List<Directory> indexed(Directory directory) throws IOException {
            List<Directory> children = new ArrayList<>();
            for (String name : indexedChildren.getOrDefault(directory.relative(), List.of())) {
                Path path = directory.path().resolve(name);
                EntryAttributes attributes = read(path);
                if (attributes == null || !attributes.directory()) {
                    return null;
                }
                children.add(new Directory(path, relative(directory, name), attributes));
            }
            return children;
        }

        /** Reads every entry, reporting the non-directories; null when stopped. */
        private List<Directory> list(Directory directory) throws IOException {
            listed++;
            List<Directory> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.path())) {
                for (Path entry : entries) {
                    if (stop.getAsBoolean()) {
                        return null;
                    }
                    EntryAttributes attributes = read(entry);
                    if (attributes == null) {
                        continue;
                    }
                    if (attributes.directory()) {
                        children.add(new Directory(entry, relative(directory, entry.getFileName().toString()), attributes));
                    } else {
                        visitor.entry(entry, attributes);
                    }
                }
            } catch (NoSuchFileException e) {
                return children; // removed since it was read: nothing left to visit
            } catch (DirectoryIteratorException e) {
                visitor.unreadable(directory.path(), e.getCause());
            } catch (AccessDeniedException e) {
                visitor.unreadable(directory.path(), e);
            }
            return children;
        }

        /** One {@code lstat}; null when the entry was removed meanwhile. */
        private EntryAttributes read(Path entry) throws IOException {
            visited++;
            try {
                return EntryAttributes.ofLink(entry);
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        private Outcome outcome(boolean complete) {
            return new Outcome(complete, visited, listed, directories);
        }
    }

    private static String relative(Directory parent, String name) {
        return parent.relative().equals(DirectoryIndex.ROOT) ? name : parent.relative() + "/" + name;
    }

    private record Directory(Path path, String relative, EntryAttributes attributes) {
    }
}

package dev.lockstep.preflight;

import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The directories of a tree as a complete walk found them, and when: the memory that lets the next
 * walk skip the files of every directory not changed since.
 *
 * <p>A directory's modification time changes whenever an entry is created, removed or renamed in it, so a
 * directory whose time is still before {@code stamp} holds the same entries, and the same subdirectories,
 * as when it was indexed. {@code stamp} is read from the file system's own clock (the marker file's
 * modification time) just before that walk began, so a change made during the walk is never older.
 *
 * @param owner       the owner the walk gave the tree
 * @param stamp       when the indexing walk began, by the file system's clock
 * @param directories every directory, relative to the root ({@code "."} for the root), {@code /}-separated
 */
record DirectoryIndex(Owner owner, FileTime stamp, Set<String> directories) {
    static final String ROOT = ".";

    DirectoryIndex {
        directories = Set.copyOf(directories);
    }

    /** Whether the directory was indexed and nothing was created, removed or renamed in it since. */
    boolean unchangedSince(String directory, FileTime lastModified) {
        return directories.contains(directory) && lastModified.compareTo(stamp) < 0;
    }

    /** The indexed subdirectories of each directory, by relative path. */
    Map<String, List<String>> children() {
        Map<String, List<String>> children = new HashMap<>();
        for (String directory : directories) {
            if (!directory.equals(ROOT)) {
                int slash = directory.lastIndexOf('/');
                String parent = slash < 0 ? ROOT : directory.substring(0, slash);
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(directory.substring(slash + 1));
            }
        }
        return children;
    }
}

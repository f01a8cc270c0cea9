package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects, over a walk, the directories that would hurt the application later: ones anyone may
 * write (without the sticky bit, anyone may delete or replace anyone's files in them), ones owned by
 * someone else than the expected owner, and ones that cannot be listed. Each list keeps its first
 * {@value #KEPT} entries; the counts are complete.
 */
final class DirectoryAudit implements TreeWalker.Visitor {
    static final int KEPT = 10;

    /** A directory found, with what is wrong with it ({@code 0777}, {@code 0:0}, an error). */
    record Finding(Path directory, String detail) {
        @Override
        public String toString() {
            return directory + " (" + detail + ")";
        }
    }

    /** Findings of one kind: the first few, and how many in all. */
    static final class Findings {
        private final List<Finding> kept = new ArrayList<>();
        private long count;

        void add(Path directory, String detail) {
            count++;
            if (kept.size() < KEPT) {
                kept.add(new Finding(directory, detail));
            }
        }

        List<Finding> kept() {
            return List.copyOf(kept);
        }

        long count() {
            return count;
        }

        boolean isEmpty() {
            return count == 0;
        }

        /** {@code a (0777), b (0777) and 3 more}. */
        String describe() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < kept.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(kept.get(i));
            }
            return count > kept.size() ? text + " and " + (count - kept.size()) + " more" : text.toString();
        }
    }

    private final Path root;
    private final Owner expected;
    private final Findings worldWritable = new Findings();
    private final Findings foreign = new Findings();
    private final Findings unreadable = new Findings();
    private long directories;

    DirectoryAudit(Path root, Owner expected) {
        this.root = root;
        this.expected = expected;
    }

    @Override
    public void directory(Path directory, EntryAttributes attributes) {
        directories++;
        if (attributes.worldWritableWithoutSticky()) {
            worldWritable.add(directory, attributes.octalMode());
        }
        if (!attributes.ownedBy(expected) && !directory.equals(root)) {
            foreign.add(directory, attributes.owner());
        }
    }

    @Override
    public void entry(Path entry, EntryAttributes attributes) {
        // Files are the fix's business; the audit looks at directories only.
    }

    @Override
    public void unreadable(Path directory, IOException error) {
        unreadable.add(directory, IoErrors.reason(error));
    }

    Findings worldWritable() {
        return worldWritable;
    }

    /** Directories below the root (which the owner check reports itself) owned by someone else. */
    Findings foreign() {
        return foreign;
    }

    Findings unreadable() {
        return unreadable;
    }

    long directories() {
        return directories;
    }
}

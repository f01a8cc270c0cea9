package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code --fix-ownership}: gives a tree one owner, changing only the entries that have another, and
 * never following a symbolic link out of the tree ({@code lchown}). Modes are never touched.
 *
 * <p>After a complete fix it leaves an {@link OwnershipMarker}. The next fix for the same owner visits
 * the directories and reads the files only of directories changed since (see {@link TreeWalker}), so on
 * a tree that still matches it costs one {@code lstat} per directory instead of one per file. Its blind
 * spot: a file whose owner was changed in place, in a directory nothing else changed, is not seen;
 * {@code full} walks everything. A fix stops at {@code timeout}, leaving the marker pending so the next
 * one walks everything again.
 */
final class OwnershipFixer {
    private final Clock clock;
    private final Duration timeout;
    private final Duration progressEvery;
    private final Consumer<FixProgress> progress;

    OwnershipFixer(Clock clock, Duration timeout, Duration progressEvery, Consumer<FixProgress> progress) {
        this.clock = clock;
        this.timeout = timeout;
        this.progressEvery = progressEvery;
        this.progress = progress;
    }

    /**
     * Fixes the tree at {@code root} (a directory), and shows {@code also} every directory and every entry
     * read, with its owner as fixed. An entry that cannot be changed (not root, a read-only mount) stops
     * the fix with that error; the marker is left pending.
     */
    FixResult fix(Path root, Owner owner, boolean full, TreeWalker.Visitor also) throws IOException {
        Instant start = clock.instant();
        Fixing fixing = new Fixing(owner, also);
        Pacer pacer = new Pacer(root, start, fixing);
        DirectoryIndex previous = full ? null
                : OwnershipMarker.read(root).filter(index -> index.owner().equals(owner)).orElse(null);
        FileTime stamp = OwnershipMarker.begin(root, owner);
        TreeWalker.Outcome outcome = new TreeWalker(pacer).walk(root, EntryAttributes.ofLink(root), previous, fixing);
        if (outcome.complete()) {
            OwnershipMarker.complete(root, new DirectoryIndex(owner, stamp, outcome.directories()));
        }
        return new FixResult(root, owner, previous != null, outcome.complete(), outcome.visited(), fixing.changed,
                outcome.directories().size(), outcome.listed(), pacer.elapsed());
    }

    /** Changes what needs it, then passes the entry on as it now is. */
    private static final class Fixing implements TreeWalker.Visitor {
        private final Owner owner;
        private final TreeWalker.Visitor also;
        private long seen;
        private long changed;

        Fixing(Owner owner, TreeWalker.Visitor also) {
            this.owner = owner;
            this.also = also;
        }

        @Override
        public void directory(Path directory, EntryAttributes attributes) throws IOException {
            also.directory(directory, fix(directory, attributes));
        }

        @Override
        public void entry(Path entry, EntryAttributes attributes) throws IOException {
            also.entry(entry, fix(entry, attributes));
        }

        private EntryAttributes fix(Path path, EntryAttributes attributes) throws IOException {
            seen++;
            if (!Chown.to(path, owner, attributes)) {
                return attributes;
            }
            changed++;
            return new EntryAttributes(owner.uid() == Owner.ANY ? attributes.uid() : owner.uid(),
                    owner.gid() == Owner.ANY ? attributes.gid() : owner.gid(),
                    attributes.mode(), attributes.directory(), attributes.lastModified());
        }
    }

    /** Asked before each entry: stops the walk at the timeout and reports progress on the way. */
    private final class Pacer implements BooleanSupplier {
        private final Path root;
        private final Instant start;
        private final Fixing fixing;
        private final Instant deadline;
        private Instant nextReport;

        Pacer(Path root, Instant start, Fixing fixing) {
            this.root = root;
            this.start = start;
            this.fixing = fixing;
            this.deadline = start.plus(timeout);
            this.nextReport = start.plus(progressEvery);
        }

        @Override
        public boolean getAsBoolean() {
            Instant now = clock.instant();
            if (now.isAfter(deadline)) {
                return true;
            }
            if (!now.isBefore(nextReport)) {
                progress.accept(new FixProgress(root, fixing.seen, fixing.changed, Duration.between(start, now)));
                nextReport = now.plus(progressEvery);
            }
            return false;
        }

        Duration elapsed() {
            return Duration.between(start, clock.instant());
        }
    }
}

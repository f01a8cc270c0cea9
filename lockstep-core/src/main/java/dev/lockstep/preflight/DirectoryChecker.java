package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the checks of one directory in order: it exists, its ownership is fixed (when asked), its owner and
 * the owners of the directories in it, a real write, world-writable directories in it, free space.
 *
 * <p>The write probe changes the directory's modification time after the fix's stamp, so the next fix
 * reads the entries of the top directory again (never of the directories below): a fix costs one read
 * per directory plus one per entry directly in the top directory. A directory that does not exist gets no
 * further checks.
 */
final class DirectoryChecker {
    private final PreflightConfig config;
    private final Host host;
    private final OwnershipFixer fixer;
    private final Owner expected;

    DirectoryChecker(PreflightConfig config, Host host, OwnershipFixer fixer) {
        this.config = config;
        this.host = host;
        this.fixer = fixer;
        this.expected = config.owner().orElse(host.identity().asOwner());
    }

    DirectoryReport check(Path directory) {
        List<Check> checks = new ArrayList<>();
        Path root;
        EntryAttributes attributes;
        try {
            root = directory.toRealPath();
            attributes = EntryAttributes.of(root);
        } catch (NoSuchFileException e) {
            checks.add(Check.fail(CheckKind.DIRECTORY, directory + " does not exist.", Advice.missing(directory, expected)));
            return new DirectoryReport(directory, checks, Optional.empty());
        } catch (IOException e) {
            checks.add(Check.fail(CheckKind.DIRECTORY, "Cannot reach " + directory + ": " + IoErrors.reason(e)
                    + " (a directory above it does not let " + host.identity() + " through).", Advice.inspect(directory)));
            return new DirectoryReport(directory, checks, Optional.empty());
        }
        if (!attributes.directory()) {
            checks.add(Check.fail(CheckKind.DIRECTORY, directory + " is not a directory.", Advice.notDirectory(directory)));
            return new DirectoryReport(directory, checks, Optional.empty());
        }
        Optional<MountInfo.Mount> mount = host.mounts().mountOf(root);
        checks.add(Check.pass(CheckKind.DIRECTORY, directory + " is a directory" + mount.map(m -> " on " + m.mountPoint()
                + " (" + m.type() + (m.readOnly() ? ", read-only" : "") + ")").orElse("") + "."));

        DirectoryAudit audit = new DirectoryAudit(root, expected);
        Optional<FixResult> fix = Optional.empty();
        if (config.fixOwnership()) {
            fix = fixOwnership(directory, root, audit, mount, checks);
            attributes = reread(root, attributes);
        }
        if (fix.filter(FixResult::complete).isEmpty()) {
            audit = audit(root, attributes);
        }
        checks.add(ownerCheck(directory, attributes, audit));
        checks.addAll(new WriteCheck(host, expected).check(directory, attributes, mount));
        checks.add(worldWritableCheck(directory, audit));
        checks.add(spaceCheck(directory));
        return new DirectoryReport(directory, checks, fix);
    }

    private Optional<FixResult> fixOwnership(Path directory, Path root, DirectoryAudit audit, Optional<MountInfo.Mount> mount,
                                             List<Check> checks) {
        if (config.skipOwnershipFix()) {
            checks.add(Check.pass(CheckKind.OWNERSHIP_FIX, "Skipped: LOCKSTEP_SKIP_PERMISSION_FIX=true."));
            return Optional.empty();
        }
        try {
            FixResult result = fixer.fix(root, expected, config.fullWalk(), audit);
            checks.add(FixReporting.check(directory, result, config.fixTimeout()));
            return Optional.of(result);
        } catch (IOException e) {
            checks.add(FixReporting.failure(directory, e, host.identity(), expected,
                    mount.map(MountInfo.Mount::mountPoint).orElse(directory.toString())));
            return Optional.empty();
        }
    }

    /** Walks the directories, skipping the files of those unchanged since the last fix's marker, if any. */
    private DirectoryAudit audit(Path root, EntryAttributes attributes) {
        DirectoryAudit audit = new DirectoryAudit(root, expected);
        try {
            new TreeWalker(() -> false).walk(root, attributes, OwnershipMarker.read(root).orElse(null), audit);
        } catch (IOException e) {
            audit.unreadable(root, e);
        }
        return audit;
    }

    private Check ownerCheck(Path directory, EntryAttributes attributes, DirectoryAudit audit) {
        String whose = config.owner().isPresent() ? "--owner " + expected : "this process's user " + expected;
        if (!attributes.ownedBy(expected)) {
            return Check.fail(CheckKind.OWNER, directory + " belongs to " + attributes.owner() + ", not to " + whose + ".",
                    Advice.owner(directory, attributes.owner(), expected));
        }
        if (!audit.foreign().isEmpty()) {
            return Check.fail(CheckKind.OWNER, directory + " belongs to " + expected + ", but " + audit.foreign().count()
                    + " director" + (audit.foreign().count() == 1 ? "y" : "ies") + " in it belong to others: "
                    + audit.foreign().describe() + ".", Advice.owner(directory, attributes.owner(), expected));
        }
        if (!audit.unreadable().isEmpty()) {
            return Check.fail(CheckKind.OWNER, host.identity() + " cannot list " + audit.unreadable().count()
                    + " director" + (audit.unreadable().count() == 1 ? "y" : "ies") + " in " + directory + ": "
                    + audit.unreadable().describe() + ".", Advice.owner(directory, attributes.owner(), expected));
        }
        return Check.pass(CheckKind.OWNER, directory + " and the " + (audit.directories() - 1) + " directories in it belong to "
                + whose + ".");
    }

    private Check worldWritableCheck(Path directory, DirectoryAudit audit) {
        DirectoryAudit.Findings found = audit.worldWritable();
        if (found.isEmpty()) {
            return Check.pass(CheckKind.WORLD_WRITABLE, "None of the " + audit.directories() + " directories in " + directory
                    + " lets anyone write without the sticky bit.");
        }
        String message = (found.count() == 1 ? "1 directory in " + directory + " lets" : found.count() + " directories in "
                + directory + " let") + " anyone create, replace and delete files: " + found.describe() + ".";
        List<String> fixes = Advice.worldWritable(found.kept(), config.allowWorldWritable());
        return config.allowWorldWritable() ? Check.warn(CheckKind.WORLD_WRITABLE, message + " Allowed by --allow-world-writable.",
                fixes) : Check.fail(CheckKind.WORLD_WRITABLE, message, fixes);
    }

    private Check spaceCheck(Path directory) {
        long usable;
        try {
            usable = Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            return Check.warn(CheckKind.FREE_SPACE, "Cannot tell the free space of " + directory + ": " + IoErrors.reason(e) + ".",
                    Advice.space(directory));
        }
        if (usable < config.minFreeBytes()) {
            return Check.warn(CheckKind.FREE_SPACE, Sizes.format(usable) + " free in " + directory + ", less than --min-free "
                    + Sizes.format(config.minFreeBytes()) + ".", Advice.space(directory));
        }
        return Check.pass(CheckKind.FREE_SPACE, Sizes.format(usable) + " free" + (config.minFreeBytes() > 0
                ? " (--min-free " + Sizes.format(config.minFreeBytes()) + ")." : "."));
    }

    private static EntryAttributes reread(Path root, EntryAttributes before) {
        try {
            return EntryAttributes.of(root);
        } catch (IOException e) {
            return before;
        }
    }
}

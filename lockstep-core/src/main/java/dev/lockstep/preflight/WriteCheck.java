package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The write probe, and what its failure means: a read-only mount is not a permission problem, and a
 * denial that owner and mode cannot explain points at SELinux or AppArmor.
 */
final class WriteCheck {
    private final Host host;
    private final Owner expected;

    WriteCheck(Host host, Owner expected) {
        this.host = host;
        this.expected = expected;
    }

    List<Check> check(Path directory, EntryAttributes attributes, Optional<MountInfo.Mount> mount) {
        WriteProbe.Result result = WriteProbe.run(directory);
        List<Check> checks = new ArrayList<>();
        if (result.succeeded()) {
            checks.add(Check.pass(CheckKind.WRITE, "As " + host.identity() + ", this process can create, write, fsync, rename"
                    + " and delete a file in " + directory + "." + (host.identity().isRoot() && expected.uid() != 0
                    ? " (As root: run the preflight as " + expected + " to test the application's own access.)" : "")));
        } else {
            checks.add(failure(directory, attributes, mount, result.failedStep().orElseThrow(), result.error().orElseThrow()));
        }
        if (!result.leftBehind().isEmpty()) {
            checks.add(Check.warn(CheckKind.WRITE, "Could not remove the probe file" + (result.leftBehind().size() == 1 ? " " : "s ")
                    + result.leftBehind() + ".", Advice.remove(result.leftBehind())));
        }
        return checks;
    }

    /** What a failed probe step means, and its fix. */
    Check failure(Path directory, EntryAttributes attributes, Optional<MountInfo.Mount> mount, WriteProbe.Step step,
                  IOException error) {
        Denial denial = mount.filter(MountInfo.Mount::readOnly).isPresent() ? Denial.READ_ONLY : Denial.of(error);
        String cannot = "As " + host.identity() + ", this process cannot " + step.action + " in " + directory + ": " + IoErrors.reason(error) + ".";
        String mountPoint = mount.map(MountInfo.Mount::mountPoint).orElse(directory.toString());
        return switch (denial) {
            case READ_ONLY -> Check.fail(CheckKind.WRITE, cannot + " It is on a read-only mount (" + mountPoint
                    + "): no change of owner or mode helps.", Advice.readOnly(directory, mountPoint));
            case NO_SPACE -> Check.fail(CheckKind.WRITE, cannot + " The volume is full.", Advice.space(directory));
            case OTHER -> Check.fail(CheckKind.WRITE, cannot, Advice.inspect(directory));
            case ACCESS_DENIED -> attributes.letsCreate(host.identity())
                    ? Check.fail(CheckKind.WRITE, cannot + " Its owner (" + attributes.owner() + ") and mode ("
                            + attributes.octalMode() + ") allow it, so something else denies it: " + securityState() + ".",
                            Advice.securityModule(directory, host.securityModules()))
                    : Check.fail(CheckKind.WRITE, cannot + " Its owner is " + attributes.owner() + " and its mode "
                            + attributes.octalMode() + ".", Advice.owner(directory, attributes.owner(), host.identity().asOwner()));
        };
    }

    private String securityState() {
        SecurityModules modules = host.securityModules();
        List<String> states = new ArrayList<>();
        if (modules.selinuxEnforcing()) {
            states.add("SELinux is enforcing" + modules.processLabel().map(l -> " (this process runs as " + l + ")").orElse("")
                    + " and the directory's label may not be one this container may write (ls -Z shows it)");
        }
        if (modules.apparmorConfining()) {
            states.add("AppArmor confines this process with profile " + modules.processLabel().orElseThrow());
        }
        if (states.isEmpty()) {
            states.add("neither SELinux (" + modules.selinux().name().toLowerCase(Locale.ROOT) + ") nor AppArmor ("
                    + (modules.apparmor() ? "enabled, process unconfined" : "not enabled") + ") is denying it, so an ACL, an NFS"
                    + " export or a user-namespace mapping may");
        }
        return String.join("; ", states);
    }
}

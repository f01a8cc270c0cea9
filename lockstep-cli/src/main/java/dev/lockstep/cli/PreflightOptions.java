package dev.lockstep.cli;

import dev.lockstep.preflight.Owner;
import dev.lockstep.preflight.Preflight;
import dev.lockstep.preflight.PreflightConfig;
import dev.lockstep.preflight.PreflightReport;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The volume checks and the ownership fix, as options: a mixin for {@code preflight} and for any
 * command that checks volumes before it starts the application. {@link #requested()} says whether
 * any directory was given; {@link #check()} runs the checks.
 */
final class PreflightOptions {

    @Option(names = "--writable", split = ",", paramLabel = "DIR",
            description = "A directory the application writes (a volume); repeat it or separate with commas.")
    List<Path> writable;

    @Option(names = "--owner", paramLabel = "UID:GID", converter = OwnerConverter.class,
            description = "The owner the directories must have: UID:GID, UID or :GID, as numbers"
                    + " (default: this process's effective UID and GID).")
    Owner owner;

    @Option(names = "--fix-ownership", description = "Before checking, give every entry whose owner differs the --owner"
            + " (lchown: never through a symbolic link). Needs root: for an entrypoint that starts the application as"
            + " another user. After one complete fix, only directories changed since are read (see --full).")
    boolean fixOwnership;

    @Option(names = "--full", description = "With --fix-ownership: read every entry, not only those in directories"
            + " changed since the last fix (finds files whose owner was changed in place).")
    boolean full;

    @Option(names = "--fix-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the fix of one directory may take before the preflight fails (default: 60s).")
    Duration fixTimeout;

    @Option(names = "--skip-permission-fix", description = "Skip --fix-ownership (LOCKSTEP_SKIP_PERMISSION_FIX=true).")
    boolean skipPermissionFix;

    @Option(names = "--allow-world-writable", description = "Report directories anyone may write (without the sticky"
            + " bit) as a warning instead of a failure.")
    boolean allowWorldWritable;

    @Option(names = "--min-free", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Warn when less than this is free: bytes, or with K, M, G, T (powers of 1024): 500M, 2G.")
    Long minFree;

    @Option(names = "--strict", description = "Fail on warnings too (world-writable directories allowed, low space).")
    boolean strict;

    /** Whether any directory is to be checked. */
    boolean requested() {
        return writable != null && !writable.isEmpty();
    }

    PreflightConfig config() {
        PreflightConfig config = PreflightConfig.of(writable == null ? List.of() : writable)
                .withFixOwnership(fixOwnership, skipPermissionFix, full,
                        fixTimeout == null ? PreflightConfig.DEFAULT_FIX_TIMEOUT : fixTimeout)
                .withLimits(allowWorldWritable, minFree == null ? 0 : minFree, strict);
        return owner == null ? config : config.withOwner(owner);
    }

    /** Fixes (when asked) and checks every directory; progress of a long fix is logged to stderr. */
    PreflightReport check() {
        return Preflight.check(config());
    }

    /**
     * The checks for {@code exec}: without {@code --owner}, the directories belong to the user the app
     * runs as ({@code --run-as}), not to lockstep's own, and {@code --fix-ownership} gives them to it.
     */
    PreflightReport check(Optional<Owner> appUser) {
        PreflightConfig config = config();
        return Preflight.check(owner == null && appUser.isPresent() ? config.withOwner(appUser.get()) : config);
    }

    /** Reads {@code 1001:1001}, {@code 1001} or {@code :0}. */
    static final class OwnerConverter implements ITypeConverter<Owner> {
        @Override
        public Owner convert(String value) {
            try {
                return Owner.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

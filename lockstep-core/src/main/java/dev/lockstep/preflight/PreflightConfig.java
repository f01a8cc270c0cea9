package dev.lockstep.preflight;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to check, and whether to fix ownership first. Immutable; start from {@link #of} and change
 * one setting at a time with the {@code with...} methods.
 *
 * @param directories        the directories the application writes (each must exist)
 * @param owner              the owner they must have; empty for this process's effective UID and GID
 * @param fixOwnership       change the owner of entries that have another (needs root and an owner)
 * @param skipOwnershipFix   skip the fix although asked for ({@code LOCKSTEP_SKIP_PERMISSION_FIX=true})
 * @param fullWalk           walk every entry instead of the directories changed since the last fix
 * @param fixTimeout         how long the fix of one directory may take
 * @param allowWorldWritable report world-writable directories as warnings instead of failures
 * @param minFreeBytes       warn when less space than this is free; 0 checks nothing
 * @param strict             warnings fail too
 */
public record PreflightConfig(List<Path> directories, Optional<Owner> owner, boolean fixOwnership, boolean skipOwnershipFix,
                              boolean fullWalk, Duration fixTimeout, boolean allowWorldWritable, long minFreeBytes,
                              boolean strict) {
    /** The default bound of {@code --fix-timeout}: inside the start period of a typical health check. */
    public static final Duration DEFAULT_FIX_TIMEOUT = Duration.ofSeconds(60);

    public PreflightConfig {
        directories = List.copyOf(directories);
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(fixTimeout, "fixTimeout");
        if (fixTimeout.isNegative() || fixTimeout.isZero()) {
            throw new IllegalArgumentException("the fix timeout must be positive, not " + fixTimeout);
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("the minimum free space cannot be negative: " + minFreeBytes);
        }
    }

    /** Checks of these directories with every default: no fix, world-writable fails, no space bound, not strict. */
    public static PreflightConfig of(List<Path> directories) {
        return new PreflightConfig(directories, Optional.empty(), false, false, false, DEFAULT_FIX_TIMEOUT, false, 0, false);
    }

    public PreflightConfig withOwner(Owner value) {
        return new PreflightConfig(directories, Optional.of(value), fixOwnership, skipOwnershipFix, fullWalk, fixTimeout,
                allowWorldWritable, minFreeBytes, strict);
    }

    /** Fix ownership first; {@code skip} records that the environment asked to skip it. */
    public PreflightConfig withFixOwnership(boolean fix, boolean skip, boolean full, Duration timeout) {
        return new PreflightConfig(directories, owner, fix, skip, full, timeout, allowWorldWritable, minFreeBytes, strict);
    }

    public PreflightConfig withLimits(boolean allowWorldWritableDirectories, long minFree, boolean strictWarnings) {
        return new PreflightConfig(directories, owner, fixOwnership, skipOwnershipFix, fullWalk, fixTimeout,
                allowWorldWritableDirectories, minFree, strictWarnings);
    }
}

package dev.lockstep.preflight;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The front door of the volume checks: {@code Preflight.check(config)} checks each directory the
 * application writes, after fixing its ownership when asked, and returns every check with its fix.
 * It decides nothing about exiting: {@link PreflightReport#passed()} does. Linux only (it reads
 * {@code /proc} and {@code /sys}).
 */
public final class Preflight {
    private static final Logger LOG = LoggerFactory.getLogger("dev.lockstep");
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final Host host;
    private final Clock clock;
    private final Consumer<FixProgress> progress;

    /** A preflight that reports the progress of long ownership fixes to {@code progress}. */
    public Preflight(Consumer<FixProgress> progress) {
        this(Host.current(), Clock.systemUTC(), progress);
    }

    Preflight(Host host, Clock clock, Consumer<FixProgress> progress) {
        this.host = host;
        this.clock = clock;
        this.progress = progress;
    }

    /** Checks with progress of long fixes logged at INFO. */
    public static PreflightReport check(PreflightConfig config) {
        return new Preflight(p -> LOG.info("Fixing the ownership of {}: {} entries read, {} changed, {}s", p.root(), p.visited(),
                p.changed(), p.elapsed().toSeconds())).run(config);
    }

    /**
     * Runs every check of every directory.
     *
     * @throws LockstepException with {@link Reason#CONFIGURATION} when the configuration cannot work:
     *                           no directory, or a fix without an owner to give
     */
    public PreflightReport run(PreflightConfig config) {
        if (config.directories().isEmpty()) {
            throw new LockstepException(Reason.CONFIGURATION, "Nothing to check: give the directories the application"
                    + " writes with --writable DIR (repeat it, or separate them with commas).");
        }
        if (config.fixOwnership() && config.owner().isEmpty()) {
            throw new LockstepException(Reason.CONFIGURATION, "--fix-ownership needs --owner UID:GID: the user the"
                    + " application runs as (this process is " + host.identity() + ", which is usually root in an entrypoint).");
        }
        OwnershipFixer fixer = new OwnershipFixer(clock, config.fixTimeout(), PROGRESS_EVERY, progress);
        DirectoryChecker checker = new DirectoryChecker(config, host, fixer);
        List<DirectoryReport> reports = new ArrayList<>();
        for (Path directory : config.directories()) {
            reports.add(checker.check(directory));
        }
        return new PreflightReport(reports, config.strict());
    }
}

package dev.lockstep.spring;

import dev.lockstep.Fleet;
import dev.lockstep.Lockstep;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.result.FleetInfoResult;
import dev.lockstep.result.FleetResult;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.result.Problem;
import dev.lockstep.result.SchemaStatus;
import dev.lockstep.result.TenantOutcome;
import dev.lockstep.result.TenantResult;
import dev.lockstep.result.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Brings the schema to this release's version while the application context starts, the way Boot's
 * {@code FlywayMigrationInitializer} does: it is a database initializer (see {@link LockstepInitializerDetector}), so
 * every bean that needs the schema (JPA's EntityManagerFactory, JdbcTemplate and JdbcClient users, jOOQ's DSLContext,
 * R2DBC's DatabaseClient, {@code @DependsOnDatabaseInitialization} beans) is created only after it returned.
 *
 * <p>In {@code migrate} mode it applies what is pending under lockstep's lock, or waits for the replica that holds it;
 * in {@code wait} mode it never migrates and waits for another replica or a Job, up to the lock timeout; in
 * {@code validate} mode it fails the start unless the schema matches this release's migrations. While it blocks, the
 * probe listener answers on the server's port, and SIGTERM stops it safely ({@link SafeStop}). A failure or a stop
 * fails the start with {@link LockstepStartupException}, which carries lockstep's exit code.
 *
 * <p>An application that defines its own {@link Lockstep} bean gets none of this unless it also defines this bean:
 * {@code new LockstepInitializer(lockstep)} migrates it at start-up in the same order.
 */
public class LockstepInitializer implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(LockstepInitializer.class);

    private final Lockstep lockstep;
    private final Fleet fleet;
    private final LockstepFactory.Mode mode;
    private final String target;
    private final StartupProbes probes;
    private final StartupProgress progress;

    /** Migrates {@code lockstep} at start-up, before everything that needs the schema. */
    public LockstepInitializer(Lockstep lockstep) {
        this(lockstep, null, LockstepFactory.Mode.MIGRATE, null, null, new StartupProgress());
    }

    /** @param fleet the tenants to bring to this release's version instead of {@code lockstep}'s schema, or {@code null} */
    LockstepInitializer(Lockstep lockstep, Fleet fleet, LockstepFactory.Mode mode, String target, StartupProbes probes,
                        StartupProgress progress) {
        this.lockstep = lockstep;
        this.fleet = fleet;
        this.mode = mode;
        this.target = target;
        this.probes = probes;
        this.progress = progress;
    }

    @Override
    public void afterPropertiesSet() {
        if (probes != null) {
            probes.open();
        }
        SafeStop stop = SafeStop.during(mode == LockstepFactory.Mode.WAIT ? "wait for the schema" : "migration",
                lockstep.config().stopGrace(), fleet != null ? () -> fleet.stop(Reason.TERMINATED) : lockstep::stop);
        try {
            progress.done(run());
        } catch (LockstepException e) {
            progress.failed(e.getMessage());
            if (e.reason() == Reason.TERMINATED || e.reason() == Reason.INTERRUPTED) {
                // Logged here, while the shutdown still waits for this run: the JVM may end before Boot reports it.
                log.warn("lockstep: {}", e.getMessage());
            }
            throw new LockstepStartupException(e);
        } finally {
            stop.close();
        }
    }

    /** @return what was done, for the readiness reason until the web server answers */
    private String run() {
        if (fleet != null) {
            return switch (mode) {
                case MIGRATE -> migrated(fleet.migrate());
                case WAIT -> ready(fleet.awaitSchema(target, lockstep.config().lockTimeout()), "wait");
                case VALIDATE -> validatedFleet();
            };
        }
        return switch (mode) {
            case MIGRATE -> migrated(lockstep.migrate());
            case WAIT -> waited(lockstep.awaitSchema(target, lockstep.config().lockTimeout()));
            case VALIDATE -> validated();
        };
    }

    private static String migrated(MigrateResult result) {
        String summary = result.applied().isEmpty()
                ? "schema up to date at " + version(result.currentVersion()) + ", nothing to migrate"
                : "applied " + result.applied().size() + " migration" + (result.applied().size() == 1 ? "" : "s")
                + ", schema at " + version(result.currentVersion());
        log.info("lockstep: {} ({}, {} ms)", summary, result.database(), result.duration().toMillis());
        return summary;
    }

    private static String waited(SchemaStatus status) {
        String summary = "schema ready at " + version(status.currentVersion()) + " (wait mode: migrated elsewhere)";
        log.info("lockstep: {} ({})", summary, status.database());
        return summary;
    }

    private String validated() {
        ValidateResult result = lockstep.validate();
        if (!result.isValid()) {
            throw new LockstepException(Reason.INVALID_MIGRATIONS, "lockstep.mode=validate: the migrations do not match"
                    + " the history of " + result.database() + ": " + result.errors().stream().map(Problem::message)
                    .collect(Collectors.joining("; ")) + ". Fix the files or the history (lockstep validate and repair"
                    + " from the CLI say how) before starting this release.");
        }
        SchemaStatus status = lockstep.status(target);
        if (!status.isReady()) {
            throw new LockstepException(Reason.INVALID_MIGRATIONS, "lockstep.mode=validate: the schema of "
                    + status.database() + " is not at this release's version: " + status.describe() + ". Migrate it"
                    + " first (a Job running lockstep migrate, or a replica with lockstep.mode=migrate), or start with"
                    + " lockstep.mode=wait to wait for it.");
        }
        String summary = "schema valid at " + version(status.currentVersion());
        log.info("lockstep: {} ({})", summary, status.database());
        return summary;
    }

    /** @throws LockstepException {@link Reason#TENANTS_FAILED} unless every tenant was migrated or up to date */
    private static String migrated(FleetResult result) {
        if (result.stoppedBy() != null) {
            throw new LockstepException(result.stoppedBy(), "Stopped before every tenant was migrated: "
                    + result.notStarted().size() + " of " + result.tenants().size() + " not started ("
                    + first(result.notStarted().stream().map(TenantOutcome::tenant).toList()) + ").");
        }
        if (!result.isComplete()) {
            throw new LockstepException(Reason.TENANTS_FAILED, result.failed().size() + " of " + result.tenants().size()
                    + " tenants failed, " + result.notStarted().size() + " not started; the others were migrated: "
                    + first(result.failed().stream().map(t -> t.tenant() + " (exit " + t.reason().exitCode() + "): "
                    + t.error()).toList()) + ". Fix them and start again: the others are up to date.");
        }
        String summary = "fleet of " + result.tenants().size() + " tenants: " + result.count(TenantOutcome.Status.MIGRATED)
                + " migrated, " + result.count(TenantOutcome.Status.UP_TO_DATE) + " up to date, by version "
                + result.byVersion();
        log.info("lockstep: {} ({} ms)", summary, result.duration().toMillis());
        return summary;
    }

    private String validatedFleet() {
        List<TenantResult<ValidateResult>> results = fleet.validate(false);
        List<String> invalid = results.stream().filter(t -> !t.isRead() || !t.result().isValid())
                .map(t -> t.tenant() + ": " + (t.isRead() ? t.result().errors().stream().map(Problem::message)
                        .collect(Collectors.joining("; ")) : t.error())).toList();
        if (!invalid.isEmpty()) {
            throw new LockstepException(Reason.TENANTS_FAILED, "lockstep.mode=validate: " + invalid.size() + " of "
                    + results.size() + " tenants do not match this release's migrations: " + first(invalid)
                    + ". Fix the files or the history (lockstep validate --schemas ... from the CLI says how).");
        }
        return ready(fleet.awaitSchema(target, Duration.ZERO), "validate");
    }

    /** @throws LockstepException {@link Reason#TENANTS_FAILED} naming the tenants behind */
    private static String ready(FleetInfoResult result, String mode) {
        if (!result.lagging().isEmpty()) {
            throw new LockstepException(Reason.TENANTS_FAILED, "lockstep.mode=" + mode + ": " + result.lagging().size()
                    + " of " + result.tenants().size() + " tenants are not at this release's version: "
                    + first(result.lagging().stream().map(t -> t.tenant() + ": " + (t.status() == null ? t.error()
                    : t.status().describe())).toList()) + ". Migrate them first (lockstep migrate --schemas ...).");
        }
        String summary = "fleet of " + result.tenants().size() + " tenants ready, by version " + result.byVersion();
        log.info("lockstep: {}", summary);
        return summary;
    }

    /** The first ten, and how many more. */
    private static String first(List<String> items) {
        return String.join("; ", items.subList(0, Math.min(10, items.size())))
                + (items.size() > 10 ? "; and " + (items.size() - 10) + " more" : "");
    }

    private static String version(String version) {
        return version == null ? "no version" : "version " + version;
    }
}

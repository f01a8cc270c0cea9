package dev.lockstep.engine;

import dev.lockstep.InfoResult;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateResult;
import dev.lockstep.ValidateResult;
import dev.lockstep.db.Dialect;
import dev.lockstep.db.Dialects;
import dev.lockstep.db.FingerprintTable;
import dev.lockstep.db.HistoryTable;
import dev.lockstep.db.SessionLock;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.AppliedMigration;
import dev.lockstep.model.Migration;
import dev.lockstep.model.MigrationStatus;
import dev.lockstep.model.MigrationType;
import dev.lockstep.model.Version;
import dev.lockstep.plan.Fingerprint;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanOptions;
import dev.lockstep.plan.Planner;
import dev.lockstep.plan.Problem;
import dev.lockstep.source.MigrationScanner;
import dev.lockstep.source.ScanResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the verbs. {@code migrate} is the heart of lockstep: when everything is applied already it
 * takes no lock and reads one row (the local files' {@link Fingerprint} against the one recorded
 * beside the history), or, when that row is missing or out of date, the whole history; otherwise
 * lock, create the history table, re-read the history under the lock, settle rows left
 * {@code running} by a dead replica, re-plan, apply, record the fingerprint, release.
 */
public final class Engine {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final LockstepConfig config;
    private final Listeners listeners;

    public Engine(LockstepConfig config) {
        this.config = config;
        this.listeners = new Listeners(config.listeners());
    }

    public MigrateResult migrate() {
        Instant start = config.clock().instant();
        config.stopToken().grace(config.stopGrace());
        Deadline deadline = Deadline.start(config.maxDuration(), config.stopToken());
        long scanning = System.nanoTime();
        List<Migration> local = scan();
        String fingerprint = Fingerprint.of(local);
        log.debug("Read and checksummed {} migration files in {} ms", local.size(), elapsedMs(scanning));
        try (Session session = open()) {
            FingerprintTable fingerprints = new FingerprintTable(session.connection(), session.dialect(), session.schema(), session.table());
            long checking = System.nanoTime();
            Optional<FingerprintTable.Recorded> known = fingerprints.current();
            if (known.isPresent() && known.get().fingerprint().equals(fingerprint)) {
                log.debug("The fingerprint recorded in {} matches the files ({} ms): nothing to read", fingerprints.qualifiedName(),
                        elapsedMs(checking));
                return upToDate(session, known.get().currentVersion(), List.of(), start);
            }
            List<AppliedMigration> history = session.readHistory();
            Plan plan = Planner.plan(local, history, PlanOptions.forMigrate());
            failOnErrors(plan);
            String initialVersion = currentVersion(history);
            if (plan.isUpToDate()) {
                return upToDate(session, initialVersion, warnings(plan), start);
            }
            Map<String, ParsedMigration> parsed = parse(plan.pending(), session.dialect());
            List<MigrateResult.AppliedStep> applied = new ArrayList<>();
            SessionLock lock = session.dialect().lock(session.connection(), session.schema(), session.table());
            new LockWaiter(config.clock(), config.sleeper(), config.stopToken(), listeners).acquire(lock, session, config.lockTimeout());
            try {
                plan = migrateUnderLock(session, local, parsed, applied);
                history = session.readHistory();
                remember(fingerprints, fingerprint, local, history);
            } catch (RuntimeException | SQLException e) {
                release(lock, e);
                throw e;
            }
            release(lock, null);
            String currentVersion = currentVersion(history);
            return new MigrateResult(session.database(), session.schema(), initialVersion, currentVersion, applied, true,
                    warnings(plan), Duration.between(start, config.clock().instant()));
        } catch (SQLException e) {
            throw databaseError("migrating", e);
        } finally {
            deadline.cancel();
        }
    }

    public InfoResult info() {
        List<Migration> local = scan();
        try (Session session = open()) {
            List<AppliedMigration> history = session.readHistory();
            Plan plan = Planner.plan(local, history, PlanOptions.forMigrate());
            List<String> warnings = new ArrayList<>();
            plan.errors().forEach(p -> warnings.add(p.message()));
            plan.warnings().forEach(p -> warnings.add(p.message()));
            return new InfoResult(session.database(), session.schema(), session.table(), currentVersion(history),
                    plan.migrations(), warnings);
        } catch (SQLException e) {
            throw databaseError("reading the history", e);
        }
    }

    public ValidateResult validate(boolean strict) {
        List<Migration> local = scan();
        try (Session session = open()) {
            for (Migration migration : local) {
                ParsedMigration.of(migration, session.dialect().sqlDialect(), session.dialect().supportsTransactionalDdl());
            }
            Plan plan = Planner.plan(local, session.readHistory(), PlanOptions.forValidate(strict));
            return new ValidateResult(session.database(), local.size(), plan.errors(), plan.warnings());
        } catch (SQLException e) {
            throw databaseError("reading the history", e);
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private MigrateResult upToDate(Session session, String version, List<String> warnings, Instant start) {
        log.info("Schema of {} is up to date at version {}; nothing to migrate.", session.database(),
                version == null ? "<none>" : version);
        return new MigrateResult(session.database(), session.schema(), version, version, List.of(), false, warnings,
                Duration.between(start, config.clock().instant()));
    }

    /**
     * Under the lock, after applying: when the history now matches the local files exactly (nothing
     * pending, no warning), records their fingerprint, so the next replica with these files knows it
     * is up to date from one row. A failure here costs that replica the full read, never the run.
     */
    private void remember(FingerprintTable fingerprints, String fingerprint, List<Migration> local,
                          List<AppliedMigration> history) {
        Plan plan = Planner.plan(local, history, PlanOptions.forMigrate());
        if (!plan.isUpToDate() || !plan.errors().isEmpty() || !plan.warnings().isEmpty()) {
            return;
        }
        int lastRank = history.stream().mapToInt(AppliedMigration::installedRank).max().orElse(0);
        try {
            fingerprints.record(fingerprint, lastRank, currentVersion(history));
        } catch (SQLException e) {
            log.warn("Could not record the migrations' fingerprint in {} ({}); the next migrate reads the whole history"
                    + " instead.", fingerprints.qualifiedName(), e.getMessage());
        }
    }

    private Plan migrateUnderLock(Session session, List<Migration> local, Map<String, ParsedMigration> parsed,
                                  List<MigrateResult.AppliedStep> applied) throws SQLException {
        session.dialect().limit(config.ddlLockTimeout(), config.statementTimeout());
        session.dialect().createSchemaIfMissing(session.connection(), session.schema());
        session.history().create();
        List<AppliedMigration> history = settleInterrupted(session, local, session.readHistory());
        Plan plan = Planner.plan(local, history, PlanOptions.forMigrate());
        failOnErrors(plan);
        int rank = history.stream().mapToInt(AppliedMigration::installedRank).max().orElse(0);
        MigrationRunner runner = new MigrationRunner(session, config, listeners);
        for (Migration migration : plan.pending()) {
            config.stopToken().throwIfRequested(applied.isEmpty()
                    ? "before applying anything; the lock is released and the next migrate starts over."
                    : "after applying " + applied.size() + " of " + plan.pending().size() + " pending migrations, before "
                    + migration.script() + "; the lock is released and the next migrate carries on from there.");
            ParsedMigration step = parsed.computeIfAbsent(migration.path(),
                    p -> ParsedMigration.of(migration, session.dialect().sqlDialect(), session.dialect().supportsTransactionalDdl()));
            Duration took = runner.apply(step, ++rank);
            applied.add(new MigrateResult.AppliedStep(migration.version() == null ? null : migration.version().toString(),
                    migration.description(), migration.script(), migration.type().name(), step.size(), took));
        }
        return plan;
    }

    /**
     * Under the lock, a {@code running} row belongs to a replica that died: the lock dies with its
     * session. A migration that ran in one transaction was rolled back by the database, so the row
     * becomes {@code failed} with nothing done, and the plan runs it again. One that ran statement by
     * statement keeps its journal; the planner then stops on it if it had changed anything.
     */
    private List<AppliedMigration> settleInterrupted(Session session, List<Migration> local,
                                                     List<AppliedMigration> history) throws SQLException {
        boolean changed = false;
        for (AppliedMigration row : history) {
            if (row.status() != MigrationStatus.RUNNING) {
                continue;
            }
            boolean rolledBack = local.stream()
                    .filter(m -> sameMigration(m, row))
                    .findFirst()
                    .map(m -> ParsedMigration.of(m, session.dialect().sqlDialect(), session.dialect().supportsTransactionalDdl()).inTransaction())
                    .orElse(false);
            int done = rolledBack ? 0 : row.statementsDone();
            String error = "interrupted: replica " + row.replica() + " stopped while applying it"
                    + (rolledBack ? "; the database rolled the migration back" : " after " + done + " of "
                    + row.statementsTotal() + " statements");
            log.warn("{} was left running by replica {}, which is gone: {}", row.script(), row.replica(), error);
            Instant now = config.clock().instant();
            long ms = row.startedAt() == null ? 0 : Math.max(0, Duration.between(row.startedAt(), now).toMillis());
            session.history().finish(row.installedRank(), MigrationStatus.FAILED, done, now, ms, error);
            changed = true;
        }
        return changed ? session.readHistory() : history;
    }

    private static boolean sameMigration(Migration migration, AppliedMigration row) {
        if (row.type() == MigrationType.REPEATABLE) {
            return migration.isRepeatable() && migration.description().equals(row.description());
        }
        return migration.type() == row.type() && Objects.equals(migration.version(), row.version());
    }

    private Map<String, ParsedMigration> parse(List<Migration> pending, Dialect dialect) {
        Map<String, ParsedMigration> parsed = new HashMap<>();
        for (Migration migration : pending) {
            parsed.put(migration.path(), ParsedMigration.of(migration, dialect.sqlDialect(), dialect.supportsTransactionalDdl()));
        }
        return parsed;
    }

    private List<Migration> scan() {
        ScanResult scan = new MigrationScanner(config.classLoader()).scan(config.locations());
        for (String ignored : scan.ignored()) {
            log.warn("Ignoring {}: not a migration name (V<version>__<description>.sql, R__<description>.sql,"
                    + " U<version>__<description>.sql or <version>_<description>.up.sql)", ignored);
        }
        return scan.migrations();
    }

    private Session open() {
        Connector connector = new Connector(config);
        Connection connection = connector.open();
        try {
            connection.setAutoCommit(true);
            Dialect dialect = Dialects.of(connection, config.url(), config.allowNetworkFilesystem(), config.replicaId());
            String schema = dialect.openSession(connection, config.schema(), config.replicaId());
            var meta = connection.getMetaData();
            String database = dialect.name() + " " + meta.getDatabaseProductVersion() + " at " + connector.target();
            HistoryTable history = new HistoryTable(connection, dialect, schema, config.table());
            return new Session(connection, dialect, schema, config.table(), history, database, meta.getUserName());
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof SQLException sql) {
                throw databaseError("opening the session", sql);
            }
            throw (RuntimeException) e;
        }
    }

    private void release(SessionLock lock, Exception failure) {
        try {
            lock.release();
            listeners.lockReleased();
        } catch (SQLException | RuntimeException e) {
            // The lock dies with the session, which closes next; never hide the first error.
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                log.warn("Could not release {} cleanly ({}); it is freed when the connection closes.", lock.description(), e.toString());
            }
        }
    }

    private static void failOnErrors(Plan plan) {
        if (plan.errors().isEmpty()) {
            return;
        }
        boolean repair = plan.errors().stream().anyMatch(p -> p.kind() == Problem.Kind.PARTIALLY_APPLIED);
        StringBuilder message = new StringBuilder(repair
                ? "The database needs repair before lockstep can go on:"
                : "The migrations do not match the database's history:");
        for (Problem problem : plan.errors()) {
            message.append("\n  - ").append(problem.message());
        }
        throw new LockstepException(repair ? Reason.REPAIR_NEEDED : Reason.INVALID_MIGRATIONS, message.toString());
    }

    private static List<String> warnings(Plan plan) {
        List<String> warnings = new ArrayList<>();
        for (Problem problem : plan.warnings()) {
            log.warn(problem.message());
            warnings.add(problem.message());
        }
        return warnings;
    }

    /** The newest version with an applied (or baseline) row. */
    static String currentVersion(List<AppliedMigration> history) {
        return history.stream()
                .filter(r -> r.version() != null && r.status() == MigrationStatus.APPLIED
                        && (r.type() == MigrationType.SQL || r.type() == MigrationType.BASELINE))
                .map(AppliedMigration::version)
                .max(Comparator.naturalOrder())
                .map(Version::toString)
                .orElse(null);
    }

    private LockstepException databaseError(String doing, SQLException e) {
        String message = dev.lockstep.db.JdbcUrl.mask(e.getMessage(), config.password());
        return new LockstepException(Reason.MIGRATION_FAILED, "Database error while " + doing + ": " + message, e);
    }
}

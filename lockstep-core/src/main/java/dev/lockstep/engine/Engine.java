package dev.lockstep.engine;

import dev.lockstep.LockMode;
import dev.lockstep.LockstepConfig;
import dev.lockstep.OtherTool;
import dev.lockstep.RepairRequest;
import dev.lockstep.UndoOptions;
import dev.lockstep.db.Dialect;
import dev.lockstep.db.Databases;
import dev.lockstep.db.BatchTable;
import dev.lockstep.db.FingerprintTable;
import dev.lockstep.db.HistoryTable;
import dev.lockstep.db.LeaseTable;
import dev.lockstep.db.SessionLock;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.plan.Fingerprint;
import dev.lockstep.plan.MigrationRun;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanEntry;
import dev.lockstep.plan.PlanOptions;
import dev.lockstep.plan.Planner;
import dev.lockstep.plan.RunPlanner;
import dev.lockstep.plan.RunStep;
import dev.lockstep.result.BaselineResult;
import dev.lockstep.result.DryRunResult;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.HistoryResult;
import dev.lockstep.result.InfoResult;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.result.MigrationState;
import dev.lockstep.result.Problem;
import dev.lockstep.result.RepairResult;
import dev.lockstep.result.RunningBackfill;
import dev.lockstep.result.SchemaStatus;
import dev.lockstep.result.UndoResult;
import dev.lockstep.result.ValidateResult;
import dev.lockstep.result.Version;
import dev.lockstep.source.MigrationScanner;
import dev.lockstep.source.ScanResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final RunContext run;
    private final Listeners listeners;

    public Engine(RunContext run) {
        this.config = run.config();
        this.run = run;
        this.listeners = new Listeners(config.listeners());
    }

    public MigrateResult migrate() {
        Instant start = run.clock().instant();
        Deadline deadline = Deadline.start(config.maxDuration(), run.stop());
        long scanning = System.nanoTime();
        ScanResult scan = scanAll();
        List<Migration> local = scan.migrations();
        String fingerprint = Fingerprint.of(local);
        log.debug("Read and checksummed {} migration files in {} ms", local.size(), elapsedMs(scanning));
        try (Session session = open()) {
            FingerprintTable fingerprints = new FingerprintTable(session.connection(), session.dialect(), session.schema(), session.table());
            // The fingerprint stands for "every local file applied": a target or out-of-order run asks something else.
            boolean trustsFingerprint = run.target() == null && !config.outOfOrder();
            long checking = System.nanoTime();
            Optional<FingerprintTable.Recorded> known = trustsFingerprint ? session.read(fingerprints::current) : Optional.empty();
            if (known.isPresent() && known.get().fingerprint().equals(fingerprint)) {
                log.debug("The fingerprint recorded in {} matches the files ({} ms): nothing to read", fingerprints.qualifiedName(),
                        elapsedMs(checking));
                listeners.schemaChecked(new SchemaStatus(session.database(), session.schema(), known.get().currentVersion(),
                        List.of(), List.of(), List.of()));
                return upToDate(session, known.get().currentVersion(), List.of(), start);
            }
            List<HistoryRow> history = session.readHistory();
            Plan plan = Planner.plan(local, history, planOptions());
            listeners.schemaChecked(status(session, plan, history));
            failOnErrors(plan);
            String initialVersion = currentVersion(history);
            if (plan.isUpToDate()) {
                return upToDate(session, initialVersion, warnings(plan), start);
            }
            Map<String, ParsedMigration> parsed = parse(plan.pending(), parser(session));
            List<MigrateResult.AppliedStep> applied = new ArrayList<>();
            String recordable = trustsFingerprint ? fingerprint : null;
            MigrationRun done = underLock(session, local, settled -> {
                MigrationRun planned = planRun(session, scan, settled, recordable);
                listeners.schemaChecked(status(session, planned.plan(), baselineOrInitial(planned)));
                failOnErrors(planned.plan());
                new RunExecutor(this, session, run, parsed).execute(planned, applied);
                planned.fingerprint().ifPresent(fp -> remember(fingerprints, fp, planned));
                return planned;
            });
            return new MigrateResult(session.database(), session.schema(), initialVersion, done.finalVersion(), applied,
                    true, warnings(done.plan()), Duration.between(start, run.clock().instant()));
        } catch (SQLException e) {
            throw databaseError("migrating", e);
        } finally {
            deadline.cancel();
        }
    }

    /** The schemas (MySQL/MariaDB: databases) named like {@code pattern} ({@code LIKE}), in name order: a fleet's tenants. */
    public List<String> schemasLike(String pattern) {
        // No session: a MySQL URL of a fleet may name no database, as its tenants are the databases.
        try (Connection connection = new Connector(run, listeners).open()) {
            Dialect dialect = Databases.dialectOf(connection, config.url(), config.allowNetworkFilesystem(), config.replicaId());
            return dialect.schemasLike(connection, pattern);
        } catch (SQLException e) {
            throw databaseError("listing the schemas like '" + pattern + "'", e);
        }
    }

    public InfoResult info() {
        List<Migration> local = scan();
        try (Session session = openReadOnly()) {
            List<HistoryRow> history = session.readHistory();
            Plan plan = Planner.plan(local, history, planOptions());
            List<String> warnings = new ArrayList<>();
            plan.errors().forEach(p -> warnings.add(p.message()));
            plan.warnings().forEach(p -> warnings.add(p.message()));
            return new InfoResult(session.database(), session.schema(), session.table(), currentVersion(history),
                    plan.migrations().stream().map(PlanEntry::toInfo).toList(), warnings);
        } catch (SQLException e) {
            throw databaseError("reading the history", e);
        }
    }

    /** Where the schema stands against the local migrations up to {@code target} ({@code null}: all). One read, no lock. */
    public SchemaStatus status(Version target) {
        List<Migration> local = scan();
        try (Session session = open()) {
            List<HistoryRow> history = session.readHistory();
            return status(session, Planner.plan(local, history, untilTarget(target)), history);
        } catch (SQLException e) {
            throw databaseError("reading the history", e);
        }
    }

    /**
     * Polls the history, never taking the lock, until every local migration up to {@code target} is applied and
     * none is running. Fails at once on what waiting cannot fix (exit 5 or 7), and after {@code timeout} with
     * {@link Reason#LOCK_TIMEOUT}.
     */
    public SchemaStatus awaitSchema(Version target, Duration timeout) {
        List<Migration> local = scan();
        try (Session session = open()) {
            session.busy().waitUpTo(timeout, "the wait's timeout (wait --timeout, exec --lock-timeout)");
            return new SchemaWaiter(run.clock(), run.sleeper(), run.stop(), listeners).await(() -> {
                List<HistoryRow> history = session.readHistory();
                Plan plan = Planner.plan(local, history, untilTarget(target));
                failOnErrors(plan);
                return status(session, plan, history);
            }, timeout);
        } catch (SQLException e) {
            throw databaseError("waiting for the schema", e);
        }
    }

    private static PlanOptions untilTarget(Version target) {
        PlanOptions migrate = PlanOptions.forMigrate();
        return new PlanOptions(migrate.outOfOrder(), target, migrate.missingIsError(), migrate.futureIsError());
    }

    private static SchemaStatus status(Session session, Plan plan, List<HistoryRow> history) {
        return status(session, plan, currentVersion(history));
    }

    private static SchemaStatus status(Session session, Plan plan, String currentVersion) {
        List<HistoryEntry> running = plan.migrations().stream()
                .filter(m -> m.state() == MigrationState.RUNNING)
                .map(m -> m.applied().toEntry())
                .toList();
        List<String> problems = plan.errors().stream().map(Problem::message).toList();
        return new SchemaStatus(session.database(), session.schema(), currentVersion,
                plan.pending().stream().map(Migration::ref).toList(), running,
                problems, backfills(session, running));
    }

    /** What the running migrations' backfills have committed: one primary-key read each, and only while one runs. */
    private static List<RunningBackfill> backfills(Session session, List<HistoryEntry> running) {
        List<RunningBackfill> backfills = new java.util.ArrayList<>();
        if (running.isEmpty()) {
            return backfills;
        }
        BatchTable table = new BatchTable(session.connection(), session.dialect(), session.schema(), session.table());
        for (HistoryEntry row : running) {
            if (row.checksum() == null) {
                continue;
            }
            try {
                BatchTable.Done done = table.read(row.checksum(), row.statementInFlight());
                if (done.batches() > 0) {
                    backfills.add(new RunningBackfill(row.script(), row.statementInFlight(), done.batches(), done.rows()));
                }
            } catch (SQLException e) {
                log.debug("Could not read the backfill progress of {}: {}", row.script(), e.getMessage());
            }
        }
        return backfills;
    }

    public ValidateResult validate(boolean strict) {
        List<Migration> local = scan();
        if (strict && local.isEmpty()) {
            throw new LockstepException(Reason.INVALID_MIGRATIONS, "validate --strict: " + noMigrations());
        }
        try (Session session = openReadOnly()) {
            for (Migration migration : local) {
                parser(session).parse(migration);
            }
            Plan plan = Planner.plan(local, session.readHistory(), PlanOptions.forValidate(strict));
            return new ValidateResult(session.database(), local.size(), plan.errors(), plan.warnings());
        } catch (SQLException e) {
            throw databaseError("reading the history", e);
        }
    }

    /**
     * Repairs the history under the lock, after settling rows left running by a dead replica.
     * Refuses at once, without waiting, while another replica holds the lock.
     */
    public RepairResult repair(RepairRequest request) {
        List<Migration> local = scan();
        try (Session session = open()) {
            if (session.read(session.history()::readIfExists).isEmpty()) {
                throw new LockstepException(Reason.CONFIGURATION, "There is no history table " + session.history().qualifiedName()
                        + " in " + session.database() + ": nothing has been migrated, so there is nothing to repair."
                        + " Check --url, --schema and --table.");
            }
            SessionLock lock = lock(session);
            if (!lock.tryAcquire()) {
                throw new LockstepException(Reason.LOCK_TIMEOUT, "Another replica holds the migration lock: "
                        + LockWaiter.holder(lock, session) + ". repair changes the history only while nothing migrates;"
                        + " wait for that replica to finish, or stop it, then run repair again.");
            }
            listeners.lockAcquired(Duration.ZERO);
            try {
                session.dialect().limit(config.ddlLockTimeout(), config.statementTimeout());
                RepairResult result = new Repair(session, run, listeners, local).apply(request);
                release(lock, null);
                return result;
            } catch (RuntimeException | SQLException e) {
                release(lock, e);
                throw e;
            }
        } catch (SQLException e) {
            throw databaseError("repairing the history", e);
        }
    }

    /** Every history row, failed attempts, undo and repair rows included. Takes no lock. */
    public HistoryResult history() {
        try (Session session = openReadOnly()) {
            return new HistoryResult(session.database(), session.schema(), session.table(),
                    session.readHistory().stream().map(HistoryRow::toEntry).toList());
        } catch (SQLException e) {
            throw databaseError("reading the history", e);
        }
    }

    /** What {@link #migrate()} would do, without the lock and without changing anything. */
    public DryRunResult dryRunMigrate() {
        return new DryRun(this, run).migrate();
    }

    /** What {@link #undo} would do, without the lock and without changing anything. */
    public DryRunResult dryRunUndo(UndoOptions options) {
        return new DryRun(this, run).undo(options);
    }

    public UndoResult undo(UndoOptions options) {
        return new Undoer(this, run).undo(options);
    }

    public BaselineResult baseline(Version version) {
        return new Adopter(this, run).baseline(version, RunPlanner.BASELINE_DESCRIPTION);
    }

    public BaselineResult adopt(OtherTool tool, String table, boolean strict) {
        return new Adopter(this, run).adopt(tool, table, strict);
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private MigrateResult upToDate(Session session, String version, List<String> warnings, Instant start) {
        log.info("Schema of {} is up to date at version {}; nothing to migrate.", session.database(),
                version == null ? "<none>" : version);
        return new MigrateResult(session.database(), session.schema(), version, version, List.of(), false, warnings,
                Duration.between(start, run.clock().instant()));
    }

    /**
     * Under the lock, after every step of {@code done} ran: records the local files' fingerprint, so the next
     * replica with these files knows it is up to date from one row. A failure here costs that replica the full
     * read, never the run.
     */
    private void remember(FingerprintTable fingerprints, String fingerprint, MigrationRun done) {
        try {
            fingerprints.record(fingerprint, done.lastRank(), done.finalVersion());
        } catch (SQLException e) {
            log.warn("Could not record the migrations' fingerprint in {} ({}); the next migrate reads the whole history"
                    + " instead.", fingerprints.qualifiedName(), e.getMessage());
        }
    }

    /** Where the schema stands once the run's baseline, if it has one, is written: what waiters and probes see. */
    private static String baselineOrInitial(MigrationRun planned) {
        return planned.steps().stream().filter(RunStep.Baseline.class::isInstance).map(RunStep.Baseline.class::cast)
                .map(b -> b.version().toString()).findFirst().orElse(planned.initialVersion());
    }

    /**
     * The whole of a migrate over {@code history}: under the lock for the real run, without it for a dry run.
     * Refuses a schema that holds tables but no history unless told to baseline it.
     *
     * @param fingerprint the local files' fingerprint to record once done, or {@code null} when this run may not
     */
    MigrationRun planRun(Session session, ScanResult scan, List<HistoryRow> history, String fingerprint)
            throws SQLException {
        Optional<Version> baselineAt = new Baseliner(session, run).baselineAt(history);
        return RunPlanner.plan(new RunPlanner.Request(scan.migrations(), scan.callbacks(), history, planOptions(),
                baselineAt.orElse(null), config.beforeMigrateCommand(), fingerprint));
    }

    /** Work done under the lock, once the history table exists and rows left running by dead replicas are settled. */
    interface LockedWork<T> {
        T run(List<HistoryRow> settledHistory) throws SQLException;
    }

    /**
     * Takes the lock (waiting for the replica that holds it), prepares the session and the history table,
     * settles orphaned {@code running} rows, runs {@code work} and releases the lock, also on failure.
     */
    <T> T underLock(Session session, List<Migration> local, LockedWork<T> work) throws SQLException {
        SessionLock lock = lock(session);
        new LockWaiter(run.clock(), run.sleeper(), run.stop(), listeners).acquire(lock, session, config.lockTimeout());
        T result;
        try {
            session.dialect().limit(config.ddlLockTimeout(), config.statementTimeout());
            session.dialect().createSchemaIfMissing(session.connection(), session.schema());
            session.history().create();
            result = work.run(new InterruptedRows(session, run).settle(local, session.readHistory()));
        } catch (RuntimeException | SQLException e) {
            release(lock, e);
            throw e;
        }
        release(lock, null);
        return result;
    }

    private Map<String, ParsedMigration> parse(List<Migration> pending, MigrationParser parser) {
        Map<String, ParsedMigration> parsed = new HashMap<>();
        for (Migration migration : pending) {
            parsed.put(migration.path(), parser.parse(migration));
        }
        return parsed;
    }

    Listeners listeners() {
        return listeners;
    }

    MigrationParser parser(Session session) {
        return new MigrationParser(session.dialect(), run.placeholders(), config.classLoader());
    }

    /** What migrate and info ask of the planner: the configured target and out-of-order setting. */
    PlanOptions planOptions() {
        return new PlanOptions(config.outOfOrder(), run.target(), false, false);
    }

    private List<Migration> scan() {
        return scanAll().migrations();
    }

    /** The local migrations and callback files; logs the {@code .sql} files that are neither. */
    ScanResult scanAll() {
        ScanResult scan = new MigrationScanner(config.classLoader()).scan(config.locations());
        for (String ignored : scan.ignored()) {
            log.warn("Ignoring {}: not a migration name (V<version>__<description>.sql, R__<description>.sql,"
                    + " U<version>__<description>.sql or <version>_<description>.up.sql)", ignored);
        }
        if (scan.migrations().isEmpty()) {
            log.warn(noMigrations());
        }
        return scan;
    }

    /** A location that holds no migration (an empty volume, a ConfigMap not mounted) looks like a schema up to date. */
    private String noMigrations() {
        return "No migration files found in " + String.join(", ", config.locations()) + ": nothing will be applied, and"
                + " the schema will look up to date at whatever version it has. If migrations were expected, check"
                + " --locations and what is mounted there (an empty volume, links whose targets are missing).";
    }

    Session open() {
        return open(false);
    }

    /** A session for a command that changes nothing: a SQLite file is opened read-only and must exist. */
    Session openReadOnly() {
        return open(true);
    }

    private Session open(boolean readOnly) {
        Connector connector = new Connector(run, listeners, readOnly);
        Connection connection = connector.open();
        try {
            connection.setAutoCommit(true);
            Dialect dialect = Databases.dialectOf(connection, config.url(), config.allowNetworkFilesystem(), config.replicaId());
            dialect.detectTransactionPooler(connection, connector.probeConnections())
                    .ifPresent(sign -> sayPooled(dialect, sign));
            String schema = dialect.openSession(connection, config.schema(), config.replicaId());
            dialect.cluster().ifPresent(sign -> sayClustered(dialect, sign));
            var meta = connection.getMetaData();
            String database = dialect.name() + " " + meta.getDatabaseProductVersion() + " at " + connector.target();
            HistoryTable history = new HistoryTable(connection, dialect, schema, config.table());
            return new Session(connection, dialect, schema, config.table(), history, database, meta.getUserName(),
                    BusyReads.of(run, listeners, config.lockTimeout(), "--lock-timeout"));
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

    /**
     * The migration lock of the configured mode: the session's own, or a lease row; a lease too behind a transaction
     * pooler and on a cluster node unless a session lock was chosen, which the dialect then refuses.
     */
    private SessionLock lock(Session session) throws SQLException {
        Dialect dialect = session.dialect();
        if (takesLease(config, dialect)) {
            return LeaseLock.of(session, run);
        }
        SessionLock lock = dialect.lock(session.connection(), session.schema(), session.table());
        return dialect.leaseSql(session.schema(), session.table())
                .<SessionLock>map(sql -> new LeaseAwareLock(lock, new LeaseTable(sql, session.table()), session.connection(),
                        session.dialect()))
                .orElse(lock);
    }

    /**
     * Whether the migration lock on this connection is a lease rather than a lock of the session: chosen with
     * {@code --lock=lease}, or taken by itself behind a transaction pooler and on a cluster node unless a session lock
     * was chosen. A lease outlives the session that took it, until it lapses.
     */
    static boolean takesLease(LockstepConfig config, Dialect dialect) {
        return config.lockMode() == LockMode.LEASE
                || (!config.lockModeChosen() && (dialect.transactionPooler().isPresent() || dialect.cluster().isPresent()));
    }

    /** Once per connection: what was found, and what lockstep does about it. */
    private void sayPooled(Dialect dialect, String sign) {
        String lock = lockTaken();
        log.info("{} is reached through a transaction pooler ({}): lockstep takes {}, prepares no statements on the server"
                + " and applies its settings per transaction, so no other client of the pool sees them.", dialect.name(), sign, lock);
    }

    /** Once per connection: a cluster node, on which a session lock holds for that node only. */
    private void sayClustered(Dialect dialect, String sign) {
        log.info("This {} server is {}: lockstep takes {}, because a session lock holds on one node only.",
                dialect.name(), sign, lockTaken());
    }

    /** Which lock a replica takes where a session lock cannot exclude the others. */
    private String lockTaken() {
        return config.lockMode() == LockMode.LEASE ? "the lease lock (--lock=lease)"
                : config.lockModeChosen() ? "no session lock: --lock=session is refused here" : "the lease lock instead of a session lock";
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

    static void failOnErrors(Plan plan) {
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

    static List<String> warnings(Plan plan) {
        List<String> warnings = new ArrayList<>();
        for (Problem problem : plan.warnings()) {
            log.warn(problem.message());
            warnings.add(problem.message());
        }
        return warnings;
    }

    /** The newest version with an applied (or baseline) row. */
    static String currentVersion(List<HistoryRow> history) {
        return RunPlanner.currentVersion(history);
    }

    LockstepException databaseError(String doing, SQLException e) {
        String message = Connector.mask(e.getMessage(), config);
        return new LockstepException(Reason.MIGRATION_FAILED, "Database error while " + doing + ": " + message, e);
    }
}

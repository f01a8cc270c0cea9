package dev.lockstep.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lockstep.*}: every setting of the library, bound from {@code application.properties}, YAML or the environment
 * ({@code LOCKSTEP_LOCATIONS}, {@code LOCKSTEP_LOCK_TIMEOUT}, as the CLI reads them). A setting left out keeps the
 * library's default. Values are checked by the library itself when the {@code Lockstep} bean is built, and a bad one
 * fails the start with the library's message and the property's name ({@link LockstepFactory}); lock mode and start-up
 * mode are bound as text for the same reason. A bare number in a duration means seconds, as on the command line.
 */
@ConfigurationProperties("lockstep")
public class LockstepProperties {
    /** Whether lockstep migrates at start-up. With false, nothing of lockstep runs and Flyway's auto-configuration applies again. */
    private boolean enabled = true;

    /** What this replica does at start-up: migrate, wait (for another replica or a Job) or validate. */
    private String mode = "migrate";

    /**
     * JDBC URL to migrate with instead of the application's DataSource: another user's connection (one with DDL
     * rights), outside the application's pool.
     */
    private String url;

    /** User to migrate as. Without lockstep.url, with the application's spring.datasource.url. */
    private String user;

    /** Password of lockstep.user. Never logged nor shown by the actuator. */
    private String password;

    /** Migration folders: classpath:db/migration, filesystem:/srv/migrations or a bare folder, searched recursively. */
    private List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));

    /** Schema of the history table (PostgreSQL: public; MySQL/MariaDB: the connected database; SQLite: main). */
    private String schema;

    /** History table. */
    private String table;

    /** How long to retry a database that does not accept connections yet; a refused password fails at once. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration connectTimeout;

    /** How long a replica waits for another one that holds the migration lock; in wait mode, for the schema. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration lockTimeout;

    /** How replicas exclude each other: session (a lock that dies with the migrating session) or lease (a lock row, for PgBouncer in transaction mode and Galera). */
    private String lockMode;

    /** With lockstep.lock-mode=lease: how long a lease lasts unless renewed; at least 1s. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration leaseDuration;

    /** How long one statement may wait for a table lock held by application traffic before it is rolled back and retried. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration ddlLockTimeout;

    /** How long a migration that keeps meeting busy tables is retried, with back-off, before it fails. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration ddlRetryFor;

    /** How long one migration statement may run before the database cancels it; 0 for no bound. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration statementTimeout;

    /** How long the whole start-up migration may take; past it, it stops as on SIGTERM. 0 for no bound. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration maxDuration;

    /**
     * On SIGTERM during the start-up migration: how long to let the running statement (outside a transaction) or
     * migration (inside one) finish before cancelling it. Keep it a few seconds below the orchestrator's grace period.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration stopGrace;

    /** How often a statement that still runs is logged as statement k of n running for N s (0: never). */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration progressInterval;

    /** Who this process is in the history and in lock messages ($HOSTNAME:pid:random unless set). */
    private String replicaId;

    /** Accept a SQLite file on NFS, CIFS or FUSE, where file locks are unreliable: only when one host ever opens it. */
    private boolean allowNetworkFs;

    /** Migrate (or, in wait and validate mode, expect) versioned migrations up to this version only: latest or a version. */
    private String target;

    /** Apply a version older than the newest applied one (merged from another branch) instead of refusing it. */
    private boolean outOfOrder;

    /** Adopt a non-empty schema that has no history on the first migrate: versions up to lockstep.baseline-version count as applied. */
    private boolean baselineOnMigrate;

    /** The version lockstep.baseline-on-migrate baselines at. */
    private String baselineVersion;

    /** Values of ${name} in migrations and callbacks (lockstep.placeholders.owner=app); names ignore case. */
    private Map<String, String> placeholders = new LinkedHashMap<>();

    /** Shell command run under the lock before anything is applied, only when something is pending: a backup. */
    private String beforeMigrateCommand;

    /**
     * Migrate a fleet at start-up: these schemas (MySQL/MariaDB: databases; SQLite: files), each under its own lock,
     * instead of lockstep.schema alone.
     */
    private List<String> schemas;

    /**
     * Migrate a fleet at start-up: every schema (MySQL/MariaDB: database) whose name matches this SQL LIKE pattern,
     * such as tenant_%, found in the catalog when the application starts.
     */
    private String schemasLike;

    /** With lockstep.schemas or lockstep.schemas-like: how many tenants at once, each on its own connection. */
    private int parallel = 1;

    /** With lockstep.schemas or lockstep.schemas-like: start no new tenant once one failed (by default the others go on). */
    private boolean failFast;

    private final Probes probes = new Probes();

    /** The answers on the server port while the start-up migration or wait blocks the start. */
    public static class Probes {
        /**
         * Whether liveness (200) and readiness (503, with the reason) answer on the server's port while the start-up
         * migration or wait runs, before the web server itself starts.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public String getLockMode() {
        return lockMode;
    }

    public void setLockMode(String lockMode) {
        this.lockMode = lockMode;
    }

    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public Duration getDdlLockTimeout() {
        return ddlLockTimeout;
    }

    public void setDdlLockTimeout(Duration ddlLockTimeout) {
        this.ddlLockTimeout = ddlLockTimeout;
    }

    public Duration getDdlRetryFor() {
        return ddlRetryFor;
    }

    public void setDdlRetryFor(Duration ddlRetryFor) {
        this.ddlRetryFor = ddlRetryFor;
    }

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public Duration getMaxDuration() {
        return maxDuration;
    }

    public void setMaxDuration(Duration maxDuration) {
        this.maxDuration = maxDuration;
    }

    public Duration getStopGrace() {
        return stopGrace;
    }

    public void setStopGrace(Duration stopGrace) {
        this.stopGrace = stopGrace;
    }

    public Duration getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(Duration progressInterval) {
        this.progressInterval = progressInterval;
    }

    public String getReplicaId() {
        return replicaId;
    }

    public void setReplicaId(String replicaId) {
        this.replicaId = replicaId;
    }

    public boolean isAllowNetworkFs() {
        return allowNetworkFs;
    }

    public void setAllowNetworkFs(boolean allowNetworkFs) {
        this.allowNetworkFs = allowNetworkFs;
    }

    public List<String> getSchemas() {
        return schemas;
    }

    public void setSchemas(List<String> schemas) {
        this.schemas = schemas;
    }

    public String getSchemasLike() {
        return schemasLike;
    }

    public void setSchemasLike(String schemasLike) {
        this.schemasLike = schemasLike;
    }

    public int getParallel() {
        return parallel;
    }

    public void setParallel(int parallel) {
        this.parallel = parallel;
    }

    public boolean isFailFast() {
        return failFast;
    }

    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public boolean isOutOfOrder() {
        return outOfOrder;
    }

    public void setOutOfOrder(boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
    }

    public boolean isBaselineOnMigrate() {
        return baselineOnMigrate;
    }

    public void setBaselineOnMigrate(boolean baselineOnMigrate) {
        this.baselineOnMigrate = baselineOnMigrate;
    }

    public String getBaselineVersion() {
        return baselineVersion;
    }

    public void setBaselineVersion(String baselineVersion) {
        this.baselineVersion = baselineVersion;
    }

    public Map<String, String> getPlaceholders() {
        return placeholders;
    }

    public void setPlaceholders(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    public String getBeforeMigrateCommand() {
        return beforeMigrateCommand;
    }

    public void setBeforeMigrateCommand(String beforeMigrateCommand) {
        this.beforeMigrateCommand = beforeMigrateCommand;
    }

    public Probes getProbes() {
        return probes;
    }
}

package dev.lockstep;

import dev.lockstep.db.BatchTable;
import dev.lockstep.db.DatabaseProvider;
import dev.lockstep.db.Databases;
import dev.lockstep.db.FingerprintTable;
import dev.lockstep.db.LeaseTable;
import dev.lockstep.engine.RunContext;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.error.Secrets;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.Version;
import dev.lockstep.source.Placeholders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Everything a run needs, validated once by {@link Builder#load()} and frozen: nothing changes after.
 * Bad configuration fails at once with {@link Reason#CONFIGURATION}; it is never silently corrected.
 */
public final class LockstepConfig {
    /** Where migrations are looked up when no location is given, as in Flyway. */
    public static final String DEFAULT_LOCATION = "classpath:db/migration";
    public static final String DEFAULT_TABLE = "lockstep_history";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(10);
    /** Short enough that application queries queued behind a waiting DDL statement barely notice. */
    public static final Duration DEFAULT_DDL_LOCK_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_DDL_RETRY_FOR = Duration.ofMinutes(10);
    /** Inside Docker's 10 seconds between SIGTERM and SIGKILL. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(8);
    /** A statement that runs longer is reported every 5 seconds: often enough to show it lives, rarely enough to read. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);
    /** What {@code --baseline-on-migrate} baselines at unless told otherwise, as in Flyway. */
    public static final String DEFAULT_BASELINE_VERSION = "1";
    /** Renewed every 10s; a dead holder's lease is taken over about 30s after its last renewal. */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(30);
    private static final Duration MIN_LEASE_DURATION = Duration.ofSeconds(1);

    /** Any name PostgreSQL and MySQL accept: every statement quotes it, so nothing in it is ever read as SQL. */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[^\\p{Cntrl}]{1,63}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private final DataSource dataSource;
    private final String url;
    private final String user;
    private final String password;
    private final List<String> locations;
    private final String schema;
    private final String table;
    private final Duration connectTimeout;
    private final Duration lockTimeout;
    private final String replicaId;
    private final boolean allowNetworkFilesystem;
    private final List<MigrationListener> listeners;
    private final ClassLoader classLoader;
    private final Duration stopGrace;
    private final Duration progressInterval;
    private final Duration ddlLockTimeout;
    private final Duration ddlRetryFor;
    private final Duration statementTimeout;
    private final Duration maxDuration;
    private final String target;
    private final boolean outOfOrder;
    private final boolean baselineOnMigrate;
    private final String baselineVersion;
    private final Map<String, String> placeholders;
    private final String beforeMigrateCommand;
    private final LockMode lockMode;
    private final boolean lockModeChosen;
    private final Duration leaseDuration;

    private LockstepConfig(Builder b) {
        this.dataSource = b.dataSource;
        this.url = b.url;
        this.user = b.user;
        this.password = b.password;
        this.locations = List.copyOf(b.locations.isEmpty() ? List.of(DEFAULT_LOCATION) : b.locations);
        this.schema = b.schema;
        this.table = b.table;
        this.connectTimeout = b.connectTimeout;
        this.lockTimeout = b.lockTimeout;
        this.replicaId = b.replicaId != null ? b.replicaId : ReplicaId.ofThisProcess();
        this.allowNetworkFilesystem = b.allowNetworkFilesystem;
        this.listeners = List.copyOf(b.listeners);
        this.classLoader = b.classLoader != null ? b.classLoader : Lockstep.class.getClassLoader();
        this.stopGrace = b.stopGrace;
        this.progressInterval = b.progressInterval;
        this.ddlLockTimeout = b.ddlLockTimeout;
        this.ddlRetryFor = b.ddlRetryFor;
        this.statementTimeout = b.statementTimeout;
        this.maxDuration = b.maxDuration;
        this.lockMode = b.lockMode;
        this.lockModeChosen = b.lockModeChosen;
        this.leaseDuration = b.leaseDuration;
        this.target = b.target;
        this.outOfOrder = b.outOfOrder;
        this.baselineOnMigrate = b.baselineOnMigrate;
        this.baselineVersion = b.baselineVersion;
        this.placeholders = Collections.unmodifiableMap(new LinkedHashMap<>(b.placeholders));
        this.beforeMigrateCommand = b.beforeMigrateCommand;
    }

    /** The data source the application gave, or {@code null} when lockstep connects by {@link #url()}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL, or {@code null} when a data source was given. May contain secrets: never log it as is. */
    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    /** The password; kept out of {@link #toString()}, logs and messages. */
    public String password() {
        return password;
    }

    public List<String> locations() {
        return locations;
    }

    /** The schema of the history table, or {@code null} for the connection's own. */
    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** Who this process is in the history and in lock messages: {@code $HOSTNAME:pid:random} unless set. */
    public String replicaId() {
        return replicaId;
    }

    public boolean allowNetworkFilesystem() {
        return allowNetworkFilesystem;
    }

    public List<MigrationListener> listeners() {
        return listeners;
    }

    public ClassLoader classLoader() {
        return classLoader;
    }

    /** How long a requested stop waits for the current statement or migration before cancelling it. */
    public Duration stopGrace() {
        return stopGrace;
    }

    /** How often a running statement is reported (statement k of n running for N s); zero: never. */
    public Duration progressInterval() {
        return progressInterval;
    }

    /** How long one statement may wait for a table lock before it gives up and is retried. */
    public Duration ddlLockTimeout() {
        return ddlLockTimeout;
    }

    /** How long a migration that keeps meeting busy tables is retried before it fails. */
    public Duration ddlRetryFor() {
        return ddlRetryFor;
    }

    /** How long one migration statement may run; zero for no bound. */
    public Duration statementTimeout() {
        return statementTimeout;
    }

    /** How long a whole migrate run may take before it stops as on SIGTERM; zero for no bound. */
    public Duration maxDuration() {
        return maxDuration;
    }

    /** Migrate versioned migrations up to this version only, as written ({@code 5}, {@code 1.2}); {@code null} for all. */
    public String target() {
        return target;
    }

    /** Apply an unapplied version older than the newest applied one instead of refusing it. */
    public boolean outOfOrder() {
        return outOfOrder;
    }

    /** Whether migrate baselines a non-empty schema that has no history, at {@link #baselineVersion()}. */
    public boolean baselineOnMigrate() {
        return baselineOnMigrate;
    }

    /** The version {@code migrate} baselines at with {@link #baselineOnMigrate()}; 1 unless set. */
    public String baselineVersion() {
        return baselineVersion;
    }

    /** Values for {@code ${name}} in migrations and callbacks, by name as given. */
    public Map<String, String> placeholders() {
        return placeholders;
    }

    /** A shell command run under the lock before anything is applied, when something is pending; or {@code null}. */
    public String beforeMigrateCommand() {
        return beforeMigrateCommand;
    }

    /** How replicas exclude each other: a session lock (the default) or a lease; see {@link LockMode}. */
    public LockMode lockMode() {
        return lockMode;
    }

    /**
     * Whether {@link #lockMode()} was chosen ({@link Builder#lockMode}) rather than left at its default. Behind a
     * transaction pooler a default session lock becomes a lease by itself, and a chosen one is refused.
     */
    public boolean lockModeChosen() {
        return lockModeChosen;
    }

    /** How long a lease lasts without a renewal; renewed every third of it. Used in {@link LockMode#LEASE} only. */
    public Duration leaseDuration() {
        return leaseDuration;
    }

    /**
     * A builder holding these settings, for a fleet to derive each tenant's configuration from the one it was given
     * (another schema or URL, a lock it only tries): the copy is validated again by {@code build()}.
     */
    Builder toBuilder() {
        Builder b = new Builder();
        b.dataSource = dataSource;
        b.url = url;
        b.user = user;
        b.password = password;
        b.locations.addAll(locations);
        b.schema = schema;
        b.table = table;
        b.connectTimeout = connectTimeout;
        b.lockTimeout = lockTimeout;
        b.replicaId = replicaId;
        b.allowNetworkFilesystem = allowNetworkFilesystem;
        b.listeners.addAll(listeners);
        b.classLoader = classLoader;
        b.stopGrace = stopGrace;
        b.progressInterval = progressInterval;
        b.ddlLockTimeout = ddlLockTimeout;
        b.ddlRetryFor = ddlRetryFor;
        b.statementTimeout = statementTimeout;
        b.maxDuration = maxDuration;
        b.target = target;
        b.outOfOrder = outOfOrder;
        b.baselineOnMigrate = baselineOnMigrate;
        b.baselineVersion = baselineVersion;
        b.placeholders.putAll(placeholders);
        b.beforeMigrateCommand = beforeMigrateCommand;
        b.lockMode = lockMode;
        b.leaseDuration = leaseDuration;
        return b;
    }

    @Override
    public String toString() {
        return "LockstepConfig[url=" + (url == null ? "<data source>" : Secrets.redact(url))
                + ", user=" + user + ", locations=" + locations + ", schema=" + schema + ", table=" + table + "]";
    }

    /** Collects settings; {@link #load()} validates them once and returns a ready {@link Lockstep}. */
    public static final class Builder {
        private DataSource dataSource;
        private String url;
        private String user;
        private String password;
        private final List<String> locations = new ArrayList<>();
        private String schema;
        private String table = DEFAULT_TABLE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private String replicaId;
        private boolean allowNetworkFilesystem;
        private final List<MigrationListener> listeners = new ArrayList<>();
        private ClassLoader classLoader;
        private Duration stopGrace = DEFAULT_STOP_GRACE;
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
        private Duration ddlLockTimeout = DEFAULT_DDL_LOCK_TIMEOUT;
        private Duration ddlRetryFor = DEFAULT_DDL_RETRY_FOR;
        private Duration statementTimeout = Duration.ZERO;
        private Duration maxDuration = Duration.ZERO;
        private String target;
        private boolean outOfOrder;
        private boolean baselineOnMigrate;
        private String baselineVersion = DEFAULT_BASELINE_VERSION;
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private String beforeMigrateCommand;
        private LockMode lockMode = LockMode.SESSION;
        private boolean lockModeChosen;
        private Duration leaseDuration = DEFAULT_LEASE_DURATION;

        Builder() {
        }

        /** Connect through the application's pool; lockstep borrows one connection and gives it back. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** A JDBC URL: {@code jdbc:postgresql:}, {@code jdbc:mysql:}, {@code jdbc:mariadb:} or {@code jdbc:sqlite:}. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Folders ({@code db/migration}, {@code filesystem:db/migration}) or {@code classpath:db/migration}. */
        public Builder locations(String... locations) {
            return locations(List.of(locations));
        }

        public Builder locations(List<String> locations) {
            this.locations.clear();
            this.locations.addAll(locations);
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /** How long to retry a database that is not up yet; a refused password fails at once. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long a replica waits for another one that holds the migration lock. */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        public Builder replicaId(String replicaId) {
            this.replicaId = replicaId;
            return this;
        }

        /** Accept a SQLite file on a network filesystem, where file locks are unreliable. */
        public Builder allowNetworkFilesystem(boolean allow) {
            this.allowNetworkFilesystem = allow;
            return this;
        }

        public Builder listener(MigrationListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Where {@code classpath:} locations are looked up; the library's own loader by default. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** How long a requested stop waits for the running statement or migration before cancelling it. */
        public Builder stopGrace(Duration stopGrace) {
            this.stopGrace = stopGrace;
            return this;
        }

        /** How often a statement that still runs is reported, from its start; zero turns the reports off. */
        public Builder progressInterval(Duration progressInterval) {
            this.progressInterval = progressInterval;
            return this;
        }

        /**
         * How long a statement may wait for a lock held by application traffic (PostgreSQL
         * {@code lock_timeout}, MySQL {@code lock_wait_timeout}) before it gives up, is rolled back and
         * retried with back-off, so DDL never queues production queries behind it for long.
         */
        public Builder ddlLockTimeout(Duration ddlLockTimeout) {
            this.ddlLockTimeout = ddlLockTimeout;
            return this;
        }

        /** How long one migration statement may run before the database cancels it (a failure); zero for no bound. */
        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
            return this;
        }

        /**
         * How long a whole migrate run may take; past it the run stops as on SIGTERM (finish or cancel within
         * the stop grace, roll back, release the lock). Zero for no bound.
         */
        public Builder maxDuration(Duration maxDuration) {
            this.maxDuration = maxDuration;
            return this;
        }

        /** How long to keep retrying a migration that meets busy tables before it fails. */
        public Builder ddlRetryFor(Duration ddlRetryFor) {
            this.ddlRetryFor = ddlRetryFor;
            return this;
        }

        /**
         * {@link LockMode#SESSION}, the default, or {@link LockMode#LEASE}. Left unset, PostgreSQL behind a
         * transaction (or statement) pooler such as PgBouncer, and a MariaDB Galera node, get a lease by themselves;
         * set to {@link LockMode#SESSION} there, it is refused.
         */
        public Builder lockMode(LockMode lockMode) {
            this.lockMode = lockMode;
            this.lockModeChosen = true;
            return this;
        }

        /**
         * How long a lease lasts without a renewal (at least 1s): a dead holder's lease is taken over this long
         * after its last renewal, and a holder whose renewals fail this long stops.
         */
        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = leaseDuration;
            return this;
        }

        /** Migrate versioned migrations up to this version only ({@code null}: all); repeatables still run. */
        public Builder target(String target) {
            this.target = target;
            return this;
        }

        /** Apply an unapplied version older than the newest applied one (merged from another branch) instead of refusing. */
        public Builder outOfOrder(boolean outOfOrder) {
            this.outOfOrder = outOfOrder;
            return this;
        }

        /**
         * Let migrate adopt a non-empty schema that has no history: versions up to {@link #baselineVersion}
         * count as applied. Without it, migrate refuses such a schema instead of failing on "already exists".
         */
        public Builder baselineOnMigrate(boolean baselineOnMigrate) {
            this.baselineOnMigrate = baselineOnMigrate;
            return this;
        }

        /** The version {@link #baselineOnMigrate} baselines at (default 1). */
        public Builder baselineVersion(String baselineVersion) {
            this.baselineVersion = baselineVersion;
            return this;
        }

        /** A value for {@code ${name}} in migrations and callbacks; names ignore case. */
        public Builder placeholder(String name, String value) {
            this.placeholders.put(name, value);
            return this;
        }

        public Builder placeholders(Map<String, String> placeholders) {
            this.placeholders.clear();
            this.placeholders.putAll(placeholders);
            return this;
        }

        /**
         * A shell command ({@code sh -c}) run under the lock before anything is applied, and only when
         * something is pending: a backup such as {@code pg_dump}. A non-zero exit aborts the migrate.
         */
        public Builder beforeMigrateCommand(String command) {
            this.beforeMigrateCommand = command;
            return this;
        }

        /** Whether a data source or a URL was given. */
        boolean hasDatabase() {
            return dataSource != null || url != null;
        }

        /**
         * Validates the settings and returns a ready {@link Lockstep}. Nothing is connected yet.
         *
         * @throws LockstepException with {@link Reason#CONFIGURATION} naming the bad setting
         */
        public Lockstep load() {
            return new Lockstep(RunContext.of(build()));
        }

        /** Validates the settings and freezes them; {@link #load()} for everyone, this for tests that bring a clock. */
        LockstepConfig build() {
            validate();
            return new LockstepConfig(this);
        }

        private void validate() {
            if (dataSource != null && url != null) {
                throw invalid("both a data source and a URL were given; give one of them");
            }
            if (dataSource == null && url == null) {
                throw invalid("no database: give the application's DataSource (dataSource(ds)) or a JDBC URL"
                        + " (url(\"jdbc:postgresql://host:5432/app\"))");
            }
            if (url != null) {
                validateUrl(url);
            }
            for (String location : locations) {
                if (location == null || location.isBlank()) {
                    throw invalid("a migration location is empty; give a folder such as db/migration or classpath:db/migration");
                }
            }
            if (schema != null && !SCHEMA_NAME.matcher(schema).matches()) {
                throw invalid("schema '" + schema + "' is not a name a database accepts (1 to 63 characters, no control"
                        + " characters); lockstep quotes it in every statement, so quotes and semicolons are fine");
            }
            if (table == null || !IDENTIFIER.matcher(table).matches()) {
                throw invalid("history table '" + table + "' is not a plain identifier (letters, digits, _ and $, at most 63, not starting with a digit)");
            }
            validateDerivedTables();
            requireNotNegative("connect timeout", connectTimeout);
            requireNotNegative("lock timeout", lockTimeout);
            requireNotNegative("stop grace", stopGrace);
            requireNotNegative("progress interval", progressInterval);
            requireNotNegative("DDL retry time", ddlRetryFor);
            requireNotNegative("statement timeout", statementTimeout);
            requireNotNegative("max duration", maxDuration);
            if (ddlLockTimeout == null || ddlLockTimeout.toMillis() < 1) {
                throw invalid("DDL lock timeout must be at least 1ms, was " + ddlLockTimeout);
            }
            requireVersion("target", target, true);
            requireVersion("baseline version", baselineVersion, false);
            try {
                Placeholders.of(placeholders);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage());
            }
            if (beforeMigrateCommand != null && beforeMigrateCommand.isBlank()) {
                throw invalid("the before-migrate command is empty; give a shell command or leave it out");
            }
            if (replicaId != null && (replicaId.isBlank() || replicaId.length() > 200)) {
                throw invalid("replica id must be 1 to 200 characters");
            }
            validateLease();
        }

        private void validateLease() {
            if (lockMode == null) {
                throw invalid("lock mode is missing; use session or lease");
            }
            if (leaseDuration == null || leaseDuration.compareTo(MIN_LEASE_DURATION) < 0) {
                throw invalid("lease duration must be at least 1s, was " + leaseDuration);
            }
            if (lockMode != LockMode.LEASE) {
                return;
            }
            Databases.forUrl(url).flatMap(DatabaseProvider::whyNoLease).ifPresent(why -> {
                throw invalid(why);
            });
            String lockTable = LeaseTable.nameFor(table);
            if (lockTable.length() > LeaseTable.MAX_NAME_LENGTH) {
                throw invalid("the lease lock table '" + lockTable + "' named after history table '" + table + "' is longer"
                        + " than " + LeaseTable.MAX_NAME_LENGTH + " characters; choose a shorter --table");
            }
        }

        /**
         * The tables lockstep keeps beside the history, named after it, must fit the database's identifier limit too:
         * MySQL refuses a longer name, and PostgreSQL cuts it to 63 bytes without a word, so that {@code <t>_fingerprint}
         * could become the history table's own name. SQLite has no limit. An application's data source is held to
         * the strictest limit, as its database is not known before it connects.
         */
        private void validateDerivedTables() {
            Optional<DatabaseProvider> database = url == null ? Optional.empty() : Databases.forUrl(url);
            int limit = database.map(DatabaseProvider::maxTableNameLength).orElse(LeaseTable.MAX_NAME_LENGTH);
            if (limit == 0) {
                return;
            }
            List<String> derived = List.of(table + FingerprintTable.SUFFIX, table + BatchTable.SUFFIX, table + BatchTable.KEY_SUFFIX,
                    LeaseTable.nameFor(table));
            int longestSuffix = derived.stream().mapToInt(String::length).max().orElse(0) - table.length();
            for (String name : derived) {
                if (name.length() > limit) {
                    throw invalid("history table '" + table + "' (" + table.length() + " characters) is too long: lockstep keeps"
                            + " the table '" + name + "' beside it, and " + database.map(DatabaseProvider::name)
                            .orElse("PostgreSQL and MySQL") + " accept" + (database.isPresent() ? "s" : "") + " table names of at most "
                            + limit + " characters. Choose a --table of at most " + (limit - longestSuffix) + " characters");
                }
            }
        }

        private static void validateUrl(String url) {
            String redacted = Secrets.redact(url);
            if (!url.startsWith("jdbc:")) {
                throw invalid("database URL '" + redacted + "' does not start with 'jdbc:'; "
                        + "use for example jdbc:postgresql://host:5432/db, jdbc:mysql://host:3306/db or jdbc:sqlite:app.db");
            }
            String rest = url.substring("jdbc:".length());
            int colon = rest.indexOf(':');
            String scheme = colon < 0 ? rest : rest.substring(0, colon);
            Optional<DatabaseProvider> database = Databases.all().stream()
                    .filter(p -> p.urlSchemes().contains(scheme)).findFirst();
            if (database.isEmpty()) {
                throw invalid("database URL scheme 'jdbc:" + scheme + ":' is not supported; "
                        + "lockstep supports " + Databases.schemes());
            }
            database.get().urlProblem(url, redacted).ifPresent(problem -> {
                throw invalid(problem);
            });
        }


        private static void requireVersion(String name, String value, boolean optional) {
            if (value == null && optional) {
                return;
            }
            if (!Version.isValid(value)) {
                throw invalid(name + " '" + value + "' is not a version (digits, parts separated by '.' or '_', as in 2 or 1.4)");
            }
        }

        private static void requireNotNegative(String name, Duration value) {
            if (value == null || value.isNegative()) {
                throw invalid(name + " must be zero or more, was " + value);
            }
        }

        private static LockstepException invalid(String message) {
            return new LockstepException(Reason.CONFIGURATION, "Invalid configuration: " + message + ".");
        }
    }
}

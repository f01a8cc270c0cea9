package dev.lockstep.spring;

import dev.lockstep.Fleet;
import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.LockMode;
import dev.lockstep.Tenants;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Builds the library's configuration from {@code lockstep.*}. The library validates every setting itself; to say
 * which property a bad value came from, each property is applied and validated in turn, so the first one the library
 * refuses is the one named: {@code Invalid property lockstep.lock-timeout (-1s): ... lock timeout must be zero or more}.
 * Validating is cheap ({@code load()} connects to nothing), and no rule of the library is written twice.
 */
final class LockstepFactory {
    private LockstepFactory() {
    }

    /** One property: its name, its value as the message shows it, and what it sets. */
    private record Setting(String property, Object value, Consumer<LockstepConfig.Builder> apply) {
    }

    /**
     * @param dataSource the application's DataSource, used when {@code lockstep.url} is not set
     * @param datasourceUrl {@code spring.datasource.url}, for {@code lockstep.user} without {@code lockstep.url}
     * @throws LockstepException {@link Reason#CONFIGURATION}, naming the property
     */
    static LockstepConfig.Builder configure(LockstepProperties p, DataSource dataSource, String datasourceUrl,
                                            ClassLoader classLoader) {
        LockstepConfig.Builder builder = Lockstep.configure().classLoader(classLoader);
        for (Setting setting : settings(p, dataSource, datasourceUrl)) {
            try {
                setting.apply().accept(builder);
                builder.load();
            } catch (LockstepException e) {
                throw new LockstepException(e.reason(), "Invalid property " + setting.property()
                        + (setting.value() == null ? "" : " (" + shown(setting.value()) + ")") + ": " + e.getMessage(), e);
            }
        }
        return builder;
    }

    /**
     * The fleet {@code lockstep.schemas} or {@code lockstep.schemas-like} selects, each tenant configured as
     * {@code base} but for its schema; {@code null} when neither is set.
     *
     * @throws LockstepException {@link Reason#CONFIGURATION}, naming the property
     */
    static Fleet fleet(LockstepProperties p, LockstepConfig.Builder base) {
        if (p.getSchemas() == null && p.getSchemasLike() == null) {
            return null;
        }
        if (p.getSchemas() != null && p.getSchemasLike() != null) {
            throw new LockstepException(Reason.CONFIGURATION, "Invalid property lockstep.schemas-like: lockstep.schemas"
                    + " and lockstep.schemas-like each select the tenants of a fleet; set one of them.");
        }
        String property = p.getSchemas() != null ? "lockstep.schemas" : "lockstep.schemas-like";
        if (p.getSchema() != null) {
            throw new LockstepException(Reason.CONFIGURATION, "Invalid property " + property + ": lockstep.schema names"
                    + " one schema and " + property + " the schemas of a fleet; set one or the other.");
        }
        Fleet.Builder fleet;
        try {
            fleet = Fleet.configure(base).tenants(p.getSchemas() != null ? Tenants.schemas(p.getSchemas())
                    : Tenants.schemasLike(p.getSchemasLike()));
        } catch (LockstepException e) {
            throw new LockstepException(e.reason(), "Invalid property " + property + ": " + e.getMessage(), e);
        }
        try {
            return fleet.parallel(p.getParallel()).failFast(p.isFailFast()).listener(new FleetLog()).load();
        } catch (LockstepException e) {
            throw new LockstepException(e.reason(), "Invalid property lockstep.parallel (" + p.getParallel() + "): "
                    + e.getMessage(), e);
        }
    }

    private static List<Setting> settings(LockstepProperties p, DataSource dataSource, String datasourceUrl) {
        List<Setting> settings = new ArrayList<>();
        settings.add(connection(p, dataSource, datasourceUrl));
        settings.add(new Setting("lockstep.locations", p.getLocations(), b -> b.locations(p.getLocations())));
        optional(settings, "lockstep.schema", p.getSchema(), b -> b.schema(p.getSchema()));
        optional(settings, "lockstep.table", p.getTable(), b -> b.table(p.getTable()));
        optional(settings, "lockstep.connect-timeout", p.getConnectTimeout(), b -> b.connectTimeout(p.getConnectTimeout()));
        optional(settings, "lockstep.lock-timeout", p.getLockTimeout(), b -> b.lockTimeout(p.getLockTimeout()));
        optional(settings, "lockstep.lock-mode", p.getLockMode(), b -> b.lockMode(lockMode(p.getLockMode())));
        optional(settings, "lockstep.lease-duration", p.getLeaseDuration(), b -> b.leaseDuration(p.getLeaseDuration()));
        optional(settings, "lockstep.ddl-lock-timeout", p.getDdlLockTimeout(), b -> b.ddlLockTimeout(p.getDdlLockTimeout()));
        optional(settings, "lockstep.ddl-retry-for", p.getDdlRetryFor(), b -> b.ddlRetryFor(p.getDdlRetryFor()));
        optional(settings, "lockstep.statement-timeout", p.getStatementTimeout(), b -> b.statementTimeout(p.getStatementTimeout()));
        optional(settings, "lockstep.max-duration", p.getMaxDuration(), b -> b.maxDuration(p.getMaxDuration()));
        optional(settings, "lockstep.stop-grace", p.getStopGrace(), b -> b.stopGrace(p.getStopGrace()));
        optional(settings, "lockstep.progress-interval", p.getProgressInterval(), b -> b.progressInterval(p.getProgressInterval()));
        optional(settings, "lockstep.replica-id", p.getReplicaId(), b -> b.replicaId(p.getReplicaId()));
        settings.add(new Setting("lockstep.allow-network-fs", null, b -> b.allowNetworkFilesystem(p.isAllowNetworkFs())));
        optional(settings, "lockstep.target", target(p.getTarget()), b -> b.target(target(p.getTarget())));
        settings.add(new Setting("lockstep.out-of-order", null, b -> b.outOfOrder(p.isOutOfOrder())));
        settings.add(new Setting("lockstep.baseline-on-migrate", null, b -> b.baselineOnMigrate(p.isBaselineOnMigrate())));
        optional(settings, "lockstep.baseline-version", p.getBaselineVersion(), b -> b.baselineVersion(p.getBaselineVersion()));
        settings.add(new Setting("lockstep.placeholders", null, b -> b.placeholders(p.getPlaceholders())));
        if (p.getBeforeMigrateCommand() != null) { // not shown: a command line may hold a password
            settings.add(new Setting("lockstep.before-migrate-command", null,
                    b -> b.beforeMigrateCommand(p.getBeforeMigrateCommand())));
        }
        return settings;
    }

    /** lockstep.url (with user and password), else the application's DataSource, else spring.datasource.url for lockstep.user. */
    private static Setting connection(LockstepProperties p, DataSource dataSource, String datasourceUrl) {
        if (p.getUrl() != null) {
            return new Setting("lockstep.url", null, b -> b.url(p.getUrl()).user(p.getUser()).password(p.getPassword()));
        }
        if (p.getUser() != null) {
            if (datasourceUrl == null) {
                throw new LockstepException(Reason.CONFIGURATION, "Invalid property lockstep.user: it needs a URL to"
                        + " connect to, and neither lockstep.url nor spring.datasource.url is set. Set lockstep.url to the"
                        + " database's JDBC URL.");
            }
            return new Setting("lockstep.user", null, b -> b.url(datasourceUrl).user(p.getUser()).password(p.getPassword()));
        }
        return new Setting("spring.datasource", null, b -> b.dataSource(dataSource));
    }

    private static void optional(List<Setting> settings, String property, Object value, Consumer<LockstepConfig.Builder> apply) {
        if (value != null) {
            settings.add(new Setting(property, value, apply));
        }
    }

    /** {@code latest} is the library's null target. */
    static String target(String target) {
        return target == null || target.isBlank() || target.strip().equalsIgnoreCase("latest") ? null : target.strip();
    }

    static LockMode lockMode(String text) {
        for (LockMode mode : LockMode.values()) {
            if (mode.name().equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        throw new LockstepException(Reason.CONFIGURATION, "Invalid configuration: lock mode '" + text
                + "' is not one of session (a lock that dies with the migrating session, the default) or lease (a lock row"
                + " renewed by a heartbeat, for PgBouncer in transaction mode and Galera).");
    }

    private static String shown(Object value) {
        return value instanceof Duration d ? durationText(d) : String.valueOf(value);
    }

    /** {@code 250ms}, {@code 30s}, {@code -1s}: how a duration is written in a property. */
    static String durationText(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** What the start-up does: migrate, wait or validate. */
    enum Mode {
        MIGRATE, WAIT, VALIDATE;

        static Mode of(String text) {
            if (text != null) {
                for (Mode mode : values()) {
                    if (mode.name().equalsIgnoreCase(text.strip())) {
                        return mode;
                    }
                }
            }
            throw new LockstepException(Reason.CONFIGURATION, "Invalid property lockstep.mode (" + text + "): it is"
                    + " one of migrate (apply pending migrations under the lock, the default), wait (never migrate: wait"
                    + " until another replica or a Job has brought the schema to this release's version) or validate"
                    + " (never migrate: fail the start unless the schema matches this release's migrations).");
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.db.BatchTable;
import dev.lockstep.db.FingerprintTable;
import dev.lockstep.db.LeaseTable;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.HistoryRow;
import dev.lockstep.plan.RunPlanner;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lets lockstep adopt a database that already holds a schema: a BASELINE row says that versions up to
 * it are in place although lockstep never ran them. Called under the lock.
 *
 * <p>Without a baseline, migrating a schema that holds tables but no history would fail half-way on
 * "already exists"; {@link #planned} stops before that, naming the tables and the ways out.
 */
final class Baseliner {
    /** The description of a baseline row, in the style of Flyway's {@code << Flyway Baseline >>}. */
    static final String DESCRIPTION = RunPlanner.BASELINE_DESCRIPTION;
    /** Tools whose history table in a schema means "adopt it from there" rather than "baseline it". */
    private static final List<String> OTHER_TOOLS = List.of("flyway_schema_history", "schema_migrations");
    private static final Logger log = LoggerFactory.getLogger(Baseliner.class);

    private final Session session;
    private final LockstepConfig config;
    private final RunContext run;

    Baseliner(Session session, RunContext run) {
        this.session = session;
        this.config = run.config();
        this.run = run;
    }

    /**
     * What a migrate finds before it plans: an empty history over a schema that holds tables is baselined at
     * the configured version with {@code --baseline-on-migrate}, and refused without it. Writes nothing: the
     * run's plan puts the baseline where it belongs, and {@link #record(Version)} writes it then.
     *
     * @return the version to baseline at, or empty when no baseline is needed
     * @throws LockstepException {@link Reason#INVALID_MIGRATIONS} for a non-empty schema without history
     */
    Optional<Version> baselineAt(List<HistoryRow> history) throws SQLException {
        if (!history.isEmpty()) {
            return Optional.empty();
        }
        List<String> tables = applicationTables();
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        if (!config.baselineOnMigrate()) {
            throw new LockstepException(Reason.INVALID_MIGRATIONS, refusal(tables));
        }
        return Optional.of(run.baselineVersion());
    }

    /** Writes the baseline row that {@link #baselineAt} asked for, at rank 1 of the empty history. */
    void record(Version version) throws SQLException {
        log.info("Schema {} holds tables but no history: baselining it at version {} (--baseline-on-migrate)",
                session.schema(), version);
        record(1, version, DESCRIPTION);
    }

    /** Writes the baseline row at {@code rank}. */
    void record(int rank, Version version, String description) throws SQLException {
        session.history().insert(recorded(rank, version, description, MigrationType.BASELINE, DESCRIPTION, null, session.user()));
    }

    /**
     * A row that records work done before lockstep ran, {@code applied} with no statements: a baseline, or a
     * version adopted from another tool's history.
     *
     * @param checksum {@code null} when there is no local file to take it from
     */
    HistoryRow recorded(int rank, Version version, String description, MigrationType type, String script,
                              String checksum, String installedBy) {
        Instant now = run.clock().instant();
        return new HistoryRow(rank, version, description, type, script, checksum, MigrationStatus.APPLIED, 0, 0,
                installedBy, config.replicaId(), now, now, 0L, null);
    }

    /** The schema's tables other than lockstep's own: the history table, its lease lock table, fingerprint, batches and batch keys. */
    List<String> applicationTables() throws SQLException {
        List<String> own = List.of(session.table().toLowerCase(Locale.ROOT),
                LeaseTable.nameFor(session.table()).toLowerCase(Locale.ROOT),
                (session.table() + FingerprintTable.SUFFIX).toLowerCase(Locale.ROOT),
                (session.table() + BatchTable.SUFFIX).toLowerCase(Locale.ROOT),
                (session.table() + BatchTable.KEY_SUFFIX).toLowerCase(Locale.ROOT));
        return session.dialect().tablesIn(session.connection(), session.schema()).stream()
                .filter(name -> !own.contains(name.toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** Why a migrate does not start on a schema with tables and no history, and the ways out. */
    String refusal(List<String> tables) {
        String shown = tables.size() <= 5 ? String.join(", ", tables)
                : String.join(", ", tables.subList(0, 5)) + " and " + (tables.size() - 5) + " more";
        String other = tables.stream().filter(t -> OTHER_TOOLS.contains(t.toLowerCase(Locale.ROOT))).findFirst()
                .map(t -> " It holds " + t + ": adopt that tool's history with lockstep baseline --from "
                        + (t.equalsIgnoreCase("schema_migrations") ? "golang-migrate" : "flyway") + ".")
                .orElse("");
        return "Schema " + session.schema() + " of " + session.database() + " already holds " + tables.size() + " table"
                + (tables.size() == 1 ? "" : "s") + " (" + shown + ") but no lockstep history, so migrating it would fail"
                + " on objects that already exist. Nothing was changed." + other + " To adopt it, run lockstep baseline"
                + " --baseline-version V (versions up to V count as applied), or migrate with --baseline-on-migrate"
                + " (and --baseline-version V; default 1). If this is the wrong database or schema, fix --url or --schema.";
    }
}

package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.OtherTool;
import dev.lockstep.adopt.Adoption;
import dev.lockstep.adopt.AdoptionPlanner;
import dev.lockstep.adopt.OtherToolReader;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.BaselineResult;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code lockstep baseline}: an existing database adopts lockstep, either from a version (a BASELINE
 * row: versions up to it count as applied) or from another tool's history (each version it applied is
 * recorded as applied, with lockstep's checksum of the local file). Only a database without lockstep
 * history can adopt; baselining again at the same version changes nothing, so replicas may all run it.
 */
final class Adopter {
    private static final Logger log = LoggerFactory.getLogger("dev.lockstep");

    private final Engine engine;
    private final LockstepConfig config;
    private final RunContext run;

    Adopter(Engine engine, RunContext run) {
        this.engine = engine;
        this.config = run.config();
        this.run = run;
    }

    BaselineResult baseline(Version version, String description) {
        List<Migration> local = engine.scanAll().migrations();
        try (Session session = engine.open()) {
            return engine.underLock(session, local, history -> {
                // Baselining again at the same version is a no-op, so a deploy may run it before every migrate.
                boolean same = history.stream().anyMatch(row -> row.type() == MigrationType.BASELINE
                        && row.version().equals(version));
                if (!same) {
                    refuseOverHistory(session, history, "baseline");
                    new Baseliner(session, run).record(1, version, description);
                    log.info("Baselined {} at version {}: versions up to it count as applied", session.database(), version);
                }
                return new BaselineResult(session.database(), session.schema(), "lockstep", version.toString(), List.of(),
                        List.of(), List.of(), !same);
            });
        } catch (SQLException e) {
            throw engine.databaseError("baselining", e);
        }
    }

    /**
     * @param table  the other tool's history table, or {@code null} for its default
     * @param strict fail (exit 5) instead of warning when a version applied there has no local file
     */
    BaselineResult adopt(OtherTool tool, String table, boolean strict) {
        String from = table != null ? table : tool.defaultTable();
        List<Migration> local = engine.scanAll().migrations();
        try (Session session = engine.open()) {
            OtherToolReader reader = new OtherToolReader(session.connection(), session.dialect(), session.schema());
            Adoption adoption = tool == OtherTool.FLYWAY
                    ? AdoptionPlanner.fromFlyway(reader.flyway(from), local, from)
                    : AdoptionPlanner.fromGolangMigrate(reader.golangMigrate(from), local, from);
            check(adoption, from, strict);
            return engine.underLock(session, local, history -> {
                refuseOverHistory(session, history, "adopt " + tool.label() + "'s history");
                record(session, adoption);
                List<String> warnings = new ArrayList<>(adoption.warnings());
                if (!adoption.notLocal().isEmpty()) {
                    warnings.add(from + " records " + adoption.notLocal().size() + " version"
                            + (adoption.notLocal().size() == 1 ? "" : "s") + " with no local file, recorded as applied"
                            + " without a checksum: " + String.join(", ", adoption.notLocal()) + ".");
                }
                warnings.forEach(log::warn);
                return new BaselineResult(session.database(), session.schema(), tool.label(),
                        adoption.baseline() == null ? null : adoption.baseline().toString(),
                        adoption.recorded().stream().map(r -> r.version().toString()).toList(), adoption.notLocal(),
                        warnings, true);
            });
        } catch (SQLException e) {
            throw engine.databaseError("adopting " + tool.label() + "'s history", e);
        }
    }

    private static void check(Adoption adoption, String table, boolean strict) {
        if (!adoption.refusals().isEmpty()) {
            throw new LockstepException(Reason.REPAIR_NEEDED, "Nothing was adopted; the database needs repair first:\n  - "
                    + String.join("\n  - ", adoption.refusals()));
        }
        if (strict && !adoption.notLocal().isEmpty()) {
            throw new LockstepException(Reason.INVALID_MIGRATIONS, "Nothing was adopted: " + table + " records versions"
                    + " with no local file (--strict): " + String.join(", ", adoption.notLocal()) + ". Restore those files"
                    + " under their original names, or adopt without --strict to record them without a checksum.");
        }
    }

    private void record(Session session, Adoption adoption) throws SQLException {
        Baseliner baseliner = new Baseliner(session, run);
        int rank = 0;
        if (adoption.baseline() != null) {
            baseliner.record(++rank, adoption.baseline(), "<< " + adoption.tool().label() + " baseline >>");
        }
        for (Adoption.Recorded version : adoption.recorded()) {
            session.history().insert(baseliner.recorded(++rank, version.version(), version.description(), MigrationType.SQL,
                    version.script(), version.checksum(), version.installedBy() != null ? version.installedBy() : session.user()));
        }
        log.info("Adopted {}'s history: {} version{} recorded as applied{}", adoption.tool().label(), adoption.recorded().size(),
                adoption.recorded().size() == 1 ? "" : "s", adoption.baseline() == null ? "" : ", baseline " + adoption.baseline());
    }

    private static void refuseOverHistory(Session session, List<HistoryRow> history, String verb) {
        if (history.isEmpty()) {
            return;
        }
        HistoryRow last = history.get(history.size() - 1);
        throw new LockstepException(Reason.CONFIGURATION, "Cannot " + verb + ": " + session.history().qualifiedName()
                + " already holds " + history.size() + " row" + (history.size() == 1 ? "" : "s") + " (the last: "
                + last.script() + ", " + last.status().dbValue() + "), so lockstep already manages this schema and nothing"
                + " was changed. Baselining is for a database lockstep has not migrated yet; lockstep info shows where it stands.");
    }
}

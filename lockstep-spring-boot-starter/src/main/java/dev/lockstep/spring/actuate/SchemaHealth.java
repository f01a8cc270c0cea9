package dev.lockstep.spring.actuate;

import dev.lockstep.Lockstep;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.SchemaStatus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@code lockstep} health contributor reports, apart from Boot's health API (which moved between Boot 3 and
 * Boot 4): one read of the history without the lock. UP when this release's migrations are applied; OUT_OF_SERVICE
 * while some are pending; DOWN when migrate would refuse to go on (a changed file, a repair needed). A migration that
 * another release is applying (a newer replica of a rolling update) is shown, not counted against this one.
 */
public final class SchemaHealth {
    /** Boot's status names, shared by both APIs. */
    public static final String UP = "UP";
    public static final String OUT_OF_SERVICE = "OUT_OF_SERVICE";
    public static final String DOWN = "DOWN";

    private final Lockstep lockstep;
    private final String target;

    public SchemaHealth(Lockstep lockstep, String target) {
        this.lockstep = lockstep;
        this.target = target;
    }

    /** The status and its details; throws what the read throws (Boot reports it as DOWN with the error). */
    public Report check() {
        SchemaStatus status = lockstep.status(target);
        String code = !status.problems().isEmpty() ? DOWN : !status.pending().isEmpty() ? OUT_OF_SERVICE : UP;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("database", status.database());
        details.put("schema", status.schema());
        details.put("currentVersion", status.currentVersion());
        details.put("pending", status.pending().stream().map(MigrationRef::script).toList());
        details.put("running", status.running().stream().map(SchemaHealth::running).toList());
        details.put("lockHeldBy", status.running().stream().map(HistoryEntry::replica).distinct().toList());
        details.put("problems", status.problems());
        details.put("summary", status.describe());
        return new Report(code, details);
    }

    private static Map<String, Object> running(HistoryEntry row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("script", row.script());
        json.put("replica", row.replica());
        json.put("statement", row.statementInFlight());
        json.put("statements", row.statementsTotal());
        json.put("since", row.startedAt() == null ? null : row.startedAt().toString());
        return json;
    }

    /** A status code ({@link #UP}, {@link #OUT_OF_SERVICE}, {@link #DOWN}) and the details to show. */
    public record Report(String status, Map<String, Object> details) {
        public Report {
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }

        public boolean isUp() {
            return status.equals(UP);
        }
    }
}

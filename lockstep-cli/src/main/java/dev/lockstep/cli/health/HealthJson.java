package dev.lockstep.cli.health;

import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.MigrationRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of the status server, from a snapshot: {@code /health/migrations}, and the verdict of
 * {@code /health/live} and {@code /health/ready}. Field names and nesting are what dashboards and scripts read
 * ({@code HealthServerGoldenTest} holds them); a field with no value is {@code null}, not left out.
 */
final class HealthJson {
    private HealthJson() {
    }

    /** {@code {"status":"ready"}}, or {@code "not ready"} and its reason. */
    static Map<String, Object> verdict(Verdict verdict, String okWord) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", verdict.ok() ? okWord : "not " + okWord);
        if (!verdict.ok()) {
            body.put("reason", verdict.reason());
        }
        return body;
    }

    /** The document of {@code /health/migrations}. */
    static Map<String, Object> migrations(HealthSnapshot s) {
        Map<String, Object> json = new LinkedHashMap<>();
        Verdict readiness = Readiness.of(s);
        json.put("status", readiness.ok() ? "ready" : "not ready");
        json.put("reason", readiness.reason());
        json.put("replica", s.replica());
        json.put("database", s.schema().database());
        json.put("currentVersion", s.schema().currentVersion());
        List<Map<String, Object>> pending = new ArrayList<>();
        for (MigrationRef m : s.schema().pending()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("version", m.version());
            p.put("description", m.description());
            p.put("script", m.script());
            pending.add(p);
        }
        json.put("pending", pending);
        json.put("running", running(s));
        json.put("lock", lock(s));
        json.put("lastError", s.lastError());
        HealthSnapshot.Fleet fleet = s.fleet();
        if (fleet != null) {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("selected", fleet.selected());
            counts.put("done", fleet.done());
            counts.put("failed", fleet.failed());
            counts.put("remaining", fleet.remaining());
            json.put("fleet", counts);
        }
        return json;
    }

    /** This process's migration, else (seen from the history only) the one another replica applies, else null. */
    private static Map<String, Object> running(HealthSnapshot s) {
        Map<String, Object> json = new LinkedHashMap<>();
        HealthSnapshot.Running running = s.running();
        if (running != null) {
            MigrationRef m = running.migration();
            json.put("version", m.version());
            json.put("script", m.script());
            json.put("statement", running.statement());
            json.put("statements", running.statements());
            json.put("replica", s.replica());
            json.put("since", running.since().toString());
            BatchProgress b = running.backfill();
            if (b != null) {
                Map<String, Object> backfill = new LinkedHashMap<>();
                backfill.put("batches", b.batches());
                backfill.put("rows", b.rows());
                backfill.put("rowsPerSecond", Math.round(b.rowsPerSecond()));
                if (b.knowsRowsLeft()) {
                    backfill.put("rowsLeft", b.rowsLeft());
                }
                json.put("backfill", backfill);
            }
            return json;
        }
        if (s.schema().runningElsewhere().isEmpty()) {
            return null;
        }
        HistoryEntry row = s.schema().runningElsewhere().get(0);
        json.put("version", row.version());
        json.put("script", row.script());
        json.put("statement", row.statementInFlight());
        json.put("statements", row.statementsTotal());
        json.put("replica", row.replica());
        json.put("since", row.startedAt() == null ? null : row.startedAt().toString());
        return json;
    }

    /** This process's lock, the holder it waits for, or (seen from the history only) the replica that migrates. */
    private static Map<String, Object> lock(HealthSnapshot s) {
        Map<String, Object> json = new LinkedHashMap<>();
        HealthSnapshot.Lock lock = s.lock();
        if (lock.held()) {
            json.put("held", true);
            json.put("holder", s.replica());
            json.put("since", lock.since().toString());
            json.put("heldByThisProcess", true);
        } else if (lock.waitingFor() != null) {
            json.put("held", true);
            json.put("holder", lock.waitingFor());
            json.put("waitingSince", lock.waitingSince().toString());
            json.put("heldByThisProcess", false);
        } else if (!s.schema().runningElsewhere().isEmpty()) {
            HistoryEntry row = s.schema().runningElsewhere().get(0);
            json.put("held", true);
            json.put("holder", row.replica());
            json.put("since", row.startedAt() == null ? null : row.startedAt().toString());
            json.put("heldByThisProcess", false);
        } else {
            json.put("held", false);
        }
        return json;
    }
}

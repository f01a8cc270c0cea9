package dev.lockstep.cli.health;

import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.MigrationRef;

/**
 * Whether this process is ready, from a snapshot alone: ready only when the schema is at the target and no
 * migration runs; otherwise the first thing that holds it up, in the order an operator would look for it.
 */
final class Readiness {
    private Readiness() {
    }

    static Verdict of(HealthSnapshot snapshot) {
        return snapshot.ready() ? Verdict.OK : new Verdict(false, notReadyBecause(snapshot));
    }

    private static String notReadyBecause(HealthSnapshot s) {
        HealthSnapshot.Fleet fleet = s.fleet();
        if (fleet != null && !fleet.ended()) {
            return "migrating a fleet: " + fleet.done() + " done, " + fleet.failed() + " failed, " + fleet.remaining()
                    + " remaining";
        }
        HealthSnapshot.Running running = s.running();
        if (running != null) {
            BatchProgress b = running.backfill();
            return "migrating " + name(running.migration()) + " statement " + running.statement() + "/" + running.statements()
                    + (b == null ? "" : ", a backfill: " + b.batches() + " batches, " + b.rows() + " rows, "
                    + Math.round(b.rowsPerSecond()) + " rows/s" + b.rowsLeftText());
        }
        if (s.lock().waitingFor() != null) {
            return "waiting for lock held by " + s.lock().waitingFor();
        }
        if (s.unreachable() != null) {
            return "database unreachable: " + s.unreachable();
        }
        if (s.failure() != null) {
            return "failed: " + s.failure();
        }
        HealthSnapshot.Schema schema = s.schema();
        if (!schema.problems().isEmpty()) {
            return "the migrations do not match the history: " + String.join("; ", schema.problems());
        }
        if (!schema.runningElsewhere().isEmpty()) {
            HistoryEntry row = schema.runningElsewhere().get(0);
            String progress = row.statementsDone() == 0 ? " (" + row.progress() + ")"
                    : " statement " + row.statementInFlight() + "/" + row.statementsTotal();
            return "migrating " + (row.version() == null ? row.script() : "V" + row.version()) + progress
                    + " on replica " + row.replica()
                    + schema.backfills().stream().filter(b -> b.script().equals(row.script())
                            && b.statement() == row.statementInFlight()).findFirst()
                    .map(b -> ", a backfill: " + b.batches() + " batches, " + b.rows() + " rows").orElse("");
        }
        if (!schema.pending().isEmpty()) {
            return schema.pending().size() + " migration" + (schema.pending().size() == 1 ? "" : "s") + " pending, first "
                    + schema.pending().get(0).script();
        }
        return schema.database() == null ? "connecting to the database" : "checking the schema";
    }

    private static String name(MigrationRef m) {
        return m.version() == null ? m.script() : "V" + m.version();
    }
}

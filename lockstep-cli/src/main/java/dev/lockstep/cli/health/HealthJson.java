package dev.lockstep.cli.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.MigrationRef;

import java.time.Instant;
import java.util.List;

/**
 * The JSON documents of the status server, from a snapshot: {@code /health/migrations}, and the verdict of
 * {@code /health/live} and {@code /health/ready}, as records Jackson writes. Field names and nesting are what dashboards
 * and scripts read ({@code HealthServerGoldenTest} holds them); a field with no value is {@code null}, not left out,
 * except where a record says so ({@code @JsonInclude(NON_NULL)}): a verdict's reason when it is ok, a backfill's rows left
 * when they are not known, the fleet when there is none.
 */
final class HealthJson {
    private HealthJson() {
    }

    /** {@code {"status":"ready"}}, or {@code "not ready"} and its reason. */
    static VerdictDocument verdict(Verdict verdict, String okWord) {
        return new VerdictDocument(verdict.ok() ? okWord : "not " + okWord, verdict.ok() ? null : verdict.reason());
    }

    record VerdictDocument(String status, @JsonInclude(Include.NON_NULL) String reason) {
    }

    /** The document of {@code /health/migrations}. */
    static Migrations migrations(HealthSnapshot s) {
        Verdict readiness = Readiness.of(s);
        HealthSnapshot.Fleet fleet = s.fleet();
        return new Migrations(readiness.ok() ? "ready" : "not ready", readiness.reason(), s.replica(), s.schema().database(),
                s.schema().currentVersion(),
                s.schema().pending().stream().map(m -> new Pending(m.version(), m.description(), m.script())).toList(),
                running(s), lock(s), s.lastError(),
                fleet == null ? null : new Fleet(fleet.selected(), fleet.done(), fleet.failed(), fleet.remaining()));
    }

    record Migrations(String status, String reason, String replica, String database, String currentVersion,
                      List<Pending> pending, Running running, Lock lock, String lastError,
                      @JsonInclude(Include.NON_NULL) Fleet fleet) {
    }

    record Pending(String version, String description, String script) {
    }

    /** The migration in flight; {@code backfill} only while a batched statement runs, {@code rowsLeft} when known. */
    record Running(String version, String script, int statement, int statements, String replica, String since,
                   @JsonInclude(Include.NON_NULL) Backfill backfill) {
    }

    record Backfill(long batches, long rows, long rowsPerSecond, @JsonInclude(Include.NON_NULL) Long rowsLeft) {
    }

    record Fleet(int selected, int done, int failed, int remaining) {
    }

    /** The lock: free is {@code {"held": false}}; held, by this process or another, or waited for, say by whom since when. */
    sealed interface Lock permits Free, Held, Waiting {
    }

    record Free(boolean held) implements Lock {
    }

    record Held(boolean held, String holder, String since, boolean heldByThisProcess) implements Lock {
    }

    record Waiting(boolean held, String holder, String waitingSince, boolean heldByThisProcess) implements Lock {
    }

    /** This process's migration, else (seen from the history only) the one another replica applies, else null. */
    private static Running running(HealthSnapshot s) {
        HealthSnapshot.Running running = s.running();
        if (running != null) {
            MigrationRef m = running.migration();
            BatchProgress b = running.backfill();
            return new Running(m.version(), m.script(), running.statement(), running.statements(), s.replica(),
                    running.since().toString(), b == null ? null : new Backfill(b.batches(), b.rows(),
                    Math.round(b.rowsPerSecond()), b.knowsRowsLeft() ? b.rowsLeft() : null));
        }
        if (s.schema().runningElsewhere().isEmpty()) {
            return null;
        }
        HistoryEntry row = s.schema().runningElsewhere().get(0);
        return new Running(row.version(), row.script(), row.statementInFlight(), row.statementsTotal(), row.replica(),
                text(row.startedAt()), null);
    }

    /** This process's lock, the holder it waits for, or (seen from the history only) the replica that migrates. */
    private static Lock lock(HealthSnapshot s) {
        HealthSnapshot.Lock lock = s.lock();
        if (lock.held()) {
            return new Held(true, s.replica(), lock.since().toString(), true);
        }
        if (lock.waitingFor() != null) {
            return new Waiting(true, lock.waitingFor(), lock.waitingSince().toString(), false);
        }
        if (!s.schema().runningElsewhere().isEmpty()) {
            HistoryEntry row = s.schema().runningElsewhere().get(0);
            return new Held(true, row.replica(), text(row.startedAt()), false);
        }
        return new Free(false);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

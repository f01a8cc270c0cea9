package dev.lockstep.bench.jmh;

import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.plan.Fingerprint;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanOptions;
import dev.lockstep.plan.Planner;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The planner over 10,000 migrations: every start that misses the fingerprint plans an up-to-date
 * history; a fresh database plans everything pending. Beside it, the fingerprint of the same files,
 * which is what a start that hits it computes instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlannerBenchmark {
    @Param({"10000"})
    public int count;

    private List<Migration> local;
    private List<HistoryRow> history;

    @Setup
    public void build() {
        local = new ArrayList<>();
        history = new ArrayList<>();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 1; i <= count; i++) {
            String checksum = "sha256:" + String.format("%064x", i);
            Migration m = new Migration(Version.parse("1." + i), "step " + i, MigrationType.SQL, "V1." + i + "__step_" + i + ".sql",
                    "db/migration/V1." + i + "__step_" + i + ".sql", checksum, "SELECT 1;");
            local.add(m);
            history.add(new HistoryRow(i, m.version(), m.description(), MigrationType.SQL, m.script(), checksum,
                    MigrationStatus.APPLIED, 1, 1, "app", "replica-1", at, at, 1L, null));
        }
        Collections.shuffle(local, new java.util.Random(42)); // files come in directory order, not version order
    }

    @Benchmark
    public Plan upToDate() {
        return Planner.plan(local, history, PlanOptions.forMigrate());
    }

    @Benchmark
    public Plan allPending() {
        return Planner.plan(local, List.of(), PlanOptions.forMigrate());
    }

    @Benchmark
    public String fingerprint() {
        return Fingerprint.of(local);
    }
}

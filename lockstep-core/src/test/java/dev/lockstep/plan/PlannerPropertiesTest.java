package dev.lockstep.plan;

import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationState;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.Version;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

class PlannerPropertiesTest {

    @Test
    void plansEveryVersionInAscendingOrderOnAnEmptyHistory() {
        qt().forAll(versionSets(), longs().all()).checkAssert((versions, seed) -> {
            List<Migration> local = migrations(versions);
            Collections.shuffle(local, new Random(seed));

            Plan plan = Planner.plan(local, List.of(), PlanOptions.forMigrate());

            assertThat(plan.pending()).extracting(Migration::version)
                    .containsExactlyElementsOf(versions.stream().sorted().toList());
            assertThat(plan.errors()).isEmpty();
        });
    }

    @Test
    void isUpToDateOnceThePendingMigrationsAreApplied() {
        qt().forAll(versionSets(), longs().all()).checkAssert((versions, seed) -> {
            List<Migration> local = new ArrayList<>(migrations(versions));
            local.add(PlannerTest.repeatable("views", "sha256:views"));
            Collections.shuffle(local, new Random(seed));

            Plan first = Planner.plan(local, List.of(), PlanOptions.forMigrate());
            Plan second = Planner.plan(local, apply(first.pending()), PlanOptions.forMigrate());

            assertThat(second.isUpToDate()).isTrue();
            assertThat(second.pending()).isEmpty();
            assertThat(second.migrations()).extracting(PlanEntry::state).containsOnly(MigrationState.APPLIED);
        });
    }

    /** Distinct versions (by numeric value, so {@code 2} and {@code 2.0} never both appear), written with {@code .} or {@code _}. */
    private static Gen<List<Version>> versionSets() {
        Gen<String> text = lists().of(integers().between(0, 40)).ofSizeBetween(1, 3)
                .zip(arbitrary().pick(".", "_"), PlannerPropertiesTest::join);
        return lists().of(text.map(Version::parse)).ofSizeBetween(0, 25).map(PlannerPropertiesTest::distinct);
    }

    private static String join(List<Integer> parts, String separator) {
        return String.join(separator, parts.stream().map(String::valueOf).toList());
    }

    private static List<Version> distinct(List<Version> versions) {
        Map<Version, Version> byValue = new LinkedHashMap<>();
        versions.forEach(version -> byValue.putIfAbsent(version, version));
        return new ArrayList<>(byValue.values());
    }

    private static List<Migration> migrations(List<Version> versions) {
        return new ArrayList<>(versions.stream().map(version -> PlannerTest.versioned(version.toString())).toList());
    }

    /** The rows the engine would write after applying each migration in order: applied, same checksum. */
    private static List<HistoryRow> apply(List<Migration> pending) {
        List<HistoryRow> rows = new ArrayList<>();
        for (Migration m : pending) {
            rows.add(new HistoryRow(rows.size() + 1, m.version(), m.description(), m.type(), m.script(),
                    m.checksum(), MigrationStatus.APPLIED, 1, 1, "app", "replica-0:1", null, null, null, null));
        }
        return rows;
    }
}

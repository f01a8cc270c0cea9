package dev.lockstep.plan;

import dev.lockstep.model.Migration;
import dev.lockstep.result.Problem;
import dev.lockstep.result.Version;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.lockstep.plan.PlannerTest.undo;
import static dev.lockstep.plan.PlannerTest.versioned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UndoPlannerTest {
    private final PlannerTest.HistoryRows history = new PlannerTest.HistoryRows();
    private final Migration v1 = versioned("1");
    private final Migration v2 = versioned("2");
    private final Migration v3 = versioned("3");

    @Test
    void undoesTheLastAppliedVersionByDefault() {
        history.applied(v1).applied(v2);

        UndoPlan plan = UndoPlanner.plan(List.of(v1, v2, undo("1"), undo("2")), history.list(), 1, null);

        assertThat(plan.errors()).isEmpty();
        assertThat(undone(plan)).containsExactly("2");
        assertThat(plan.steps().get(0).undo().script()).isEqualTo("U2__step.sql");
    }

    @Test
    void undoesInTheReverseOfTheOrderApplied() {
        // 2 was merged from another branch and applied out of order, after 3.
        history.applied(v1).applied(v3).applied(v2);

        UndoPlan plan = UndoPlanner.plan(List.of(v1, v2, v3, undo("1"), undo("2"), undo("3")), history.list(),
                2, null);

        assertThat(undone(plan)).containsExactly("2", "3");
    }

    @Test
    void undoesEveryVersionNewerThanTheTarget() {
        history.applied(v1).applied(v2).applied(v3);

        UndoPlan plan = UndoPlanner.plan(List.of(v1, v2, v3, undo("1"), undo("2"), undo("3")), history.list(),
                0, Version.parse("1"));

        assertThat(undone(plan)).containsExactly("3", "2");
    }

    @Test
    void hasNothingToDoWhenTheTargetIsTheCurrentVersion() {
        history.applied(v1).applied(v2);

        UndoPlan plan = UndoPlanner.plan(List.of(v1, v2, undo("2")), history.list(), 0, Version.parse("2"));

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.errors()).isEmpty();
    }

    @Test
    void skipsVersionsAlreadyUndone() {
        history.applied(v1).applied(v2).undone(v2);

        UndoPlan plan = UndoPlanner.plan(List.of(v1, v2, undo("1"), undo("2")), history.list(), 1, null);

        assertThat(undone(plan)).containsExactly("1");
    }

    @Test
    void refusesBeforeAnythingRunsNamingEveryMissingUndoFile() {
        history.applied(v1).applied(v2).applied(v3);

        UndoPlan plan = UndoPlanner.plan(List.of(v1, v2, v3, undo("2")), history.list(), 0, Version.parse("0"));

        assertThat(plan.steps()).as("nothing runs when one step cannot").isEmpty();
        assertThat(plan.errors()).extracting(Problem::kind)
                .containsExactly(Problem.Kind.UNDO_FILE_MISSING, Problem.Kind.UNDO_FILE_MISSING);
        assertThat(plan.errors()).extracting(Problem::message).satisfiesExactly(
                m -> assertThat(m).contains("Version 3", "U3__step_3.sql", "3_step_3.down.sql"),
                m -> assertThat(m).contains("Version 1", "U1__step_1.sql"));
    }

    @Test
    void refusesToUndoMoreVersionsThanAreApplied() {
        history.applied(v1);

        UndoPlan plan = UndoPlanner.plan(List.of(v1, undo("1")), history.list(), 2, null);

        assertThat(plan.errors()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.UNDO_OUT_OF_REACH);
            assertThat(p.message()).contains("undo 2 versions", "only 1 is applied");
        });
    }

    @Test
    void neverUndoesBelowABaseline() {
        history.baseline("2").applied(v3);

        UndoPlan below = UndoPlanner.plan(List.of(v3, undo("3")), history.list(), 0, Version.parse("1"));
        UndoPlan tooMany = UndoPlanner.plan(List.of(v3, undo("3")), history.list(), 2, null);

        assertThat(below.errors()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.UNDO_OUT_OF_REACH);
            assertThat(p.message()).contains("baselined at version 2");
        });
        assertThat(tooMany.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("above the baseline at version 2"));
    }

    @Test
    void stopsForRepairOverAMigrationThatFailedPartWay() {
        history.applied(v1).failed(v2, 1, 3);

        UndoPlan plan = UndoPlanner.plan(List.of(v1, v2, undo("1")), history.list(), 1, null);

        assertThat(plan.errors()).extracting(Problem::kind).containsExactly(Problem.Kind.PARTIALLY_APPLIED);
    }

    private static List<String> undone(UndoPlan plan) {
        return plan.steps().stream().map(s -> s.applied().version().toString()).toList();
    }
}

package dev.lockstep.plan;

import dev.lockstep.model.Callback;
import dev.lockstep.model.Migration;
import dev.lockstep.result.Version;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.lockstep.plan.PlannerTest.versioned;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole of a migrate, decided before anything runs: the order the engine executes and the dry run prints. */
class RunPlannerTest {
    private static final Callback BEFORE = callback(Callback.BEFORE);
    private static final Callback BEFORE_EACH = callback(Callback.BEFORE_EACH);
    private static final Callback AFTER_EACH = callback(Callback.AFTER_EACH);
    private static final Callback AFTER = callback(Callback.AFTER);
    private static final Callback ON_ERROR = callback(Callback.AFTER_ERROR);
    private static final List<Callback> ALL = List.of(AFTER, ON_ERROR, BEFORE_EACH, BEFORE, AFTER_EACH);

    private final PlannerTest.HistoryRows history = new PlannerTest.HistoryRows();
    private final Migration v1 = versioned("1");
    private final Migration v2 = versioned("2");
    private final Migration v3 = versioned("3");

    @Test
    void runsTheCommandFirstThenTheBaselineThenTheCallbacksAroundEachMigration() {
        MigrationRun run = plan(List.of(v1, v2, v3), ALL, Version.parse("1"), "pg_dump", null);

        assertThat(describe(run)).containsExactly("command pg_dump", "baseline 1", "beforeMigrate",
                "beforeEachMigrate", "apply V2__step.sql at 2", "afterEachMigrate",
                "beforeEachMigrate", "apply V3__step.sql at 3", "afterEachMigrate", "afterMigrate");
        assertThat(run.onError()).containsExactly(ON_ERROR);
        assertThat(run.initialVersion()).isNull();
        assertThat(run.finalVersion()).isEqualTo("3");
        assertThat(run.lastRank()).isEqualTo(3);
    }

    @Test
    void writesTheBaselineAlsoWhenNothingIsPendingButRunsNoCommandAndNoCallback() {
        MigrationRun run = plan(List.of(v1), ALL, Version.parse("1"), "pg_dump", null);

        assertThat(describe(run)).containsExactly("baseline 1");
        assertThat(run.onError()).isEmpty();
        assertThat(run.finalVersion()).isEqualTo("1");
    }

    @Test
    void doesNothingWhenEverythingIsApplied() {
        history.applied(v1).applied(v2);

        MigrationRun run = plan(List.of(v1, v2), ALL, null, "pg_dump", "sha256:files");

        assertThat(run.steps()).isEmpty();
        assertThat(run.lastRank()).isEqualTo(2);
        assertThat(run.fingerprint()).as("an up-to-date history is worth remembering").contains("sha256:files");
    }

    @Test
    void resumesAnInterruptedMigrationAfterItsJournaledStatementsUnderTheNextRank() {
        history.applied(v1).failed(v2, 2, 5, "resumable: stopped after statement 2 of 5");

        MigrationRun run = plan(List.of(v1, v2, v3), List.of(), null, null, null);

        assertThat(run.applies()).extracting(a -> a.migration().script() + "@" + a.rank() + "+" + a.resumeAfter())
                .containsExactly("V2__step.sql@3+2", "V3__step.sql@4+0");
        assertThat(run.initialVersion()).isEqualTo("1");
        assertThat(run.finalVersion()).isEqualTo("3");
    }

    @Test
    void recordsTheFingerprintOnlyWhenAskedAndNothingIsLeftToWarnAbout() {
        assertThat(plan(List.of(v1), List.of(), null, null, "sha256:files").fingerprint()).contains("sha256:files");
        assertThat(plan(List.of(v1), List.of(), null, null, null).fingerprint()).as("not asked").isEmpty();

        history.appliedElsewhere("9", "V9__newer.sql");
        assertThat(plan(List.of(v1), List.of(), null, null, "sha256:files").fingerprint())
                .as("a future migration is a warning: the files do not stand for the history").isEmpty();
    }

    @Test
    void plansNoStepOverErrors() {
        history.applied(versioned("1", "sha256:before"));

        MigrationRun run = plan(List.of(versioned("1", "sha256:after"), v2), ALL, null, "pg_dump", "sha256:files");

        assertThat(run.plan().errors()).isNotEmpty();
        assertThat(run.steps()).isEmpty();
        assertThat(run.fingerprint()).isEmpty();
    }

    private MigrationRun plan(List<Migration> local, List<Callback> callbacks, Version baselineAt, String command,
                              String fingerprint) {
        return RunPlanner.plan(new RunPlanner.Request(local, callbacks, history.list(), PlanOptions.forMigrate(),
                baselineAt, command, fingerprint));
    }

    private static List<String> describe(MigrationRun run) {
        return run.steps().stream().map(step -> {
            if (step instanceof RunStep.Command c) {
                return "command " + c.commandLine();
            }
            if (step instanceof RunStep.Baseline b) {
                return "baseline " + b.version();
            }
            if (step instanceof RunStep.RunCallback c) {
                return c.callback().event();
            }
            RunStep.Apply a = (RunStep.Apply) step;
            return "apply " + a.migration().script() + " at " + a.rank();
        }).toList();
    }

    private static Callback callback(String event) {
        return new Callback(event, "db/migration/" + event + ".sql", "SELECT 1;");
    }
}

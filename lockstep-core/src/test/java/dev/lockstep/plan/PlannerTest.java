package dev.lockstep.plan;

import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationState;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Problem;
import dev.lockstep.result.Version;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTest {

    private static final PlanOptions MIGRATE = PlanOptions.forMigrate();

    private final HistoryRows history = new HistoryRows();

    // ---- versioned migrations ------------------------------------------------------------

    @Test
    void plansEveryVersionInOrderOnAnEmptyDatabase() {
        Plan plan = plan(List.of(versioned("2"), versioned("1.10"), versioned("1.9")));

        assertThat(scripts(plan.pending())).containsExactly("V1.9__step.sql", "V1.10__step.sql", "V2__step.sql");
        assertThat(states(plan)).containsExactly(MigrationState.PENDING, MigrationState.PENDING, MigrationState.PENDING);
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void plansNothingWhenHistoryMatchesSources() {
        Migration v1 = versioned("1");
        Migration v2 = versioned("2");
        Migration views = repeatable("views", "sha256:r1");
        history.applied(v1).applied(v2).applied(views);

        Plan plan = plan(List.of(v1, v2, views));

        assertThat(plan.pending()).isEmpty();
        assertThat(states(plan)).containsExactly(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.APPLIED);
        assertThat(plan.isUpToDate()).isTrue();
    }

    @Test
    void plansOnlyVersionsNewerThanTheHistory() {
        Migration v1 = versioned("1");
        history.applied(v1);

        Plan plan = plan(List.of(v1, versioned("2")));

        assertThat(scripts(plan.pending())).containsExactly("V2__step.sql");
        assertThat(plan.isUpToDate()).isFalse();
    }

    @Test
    void matchesHistoryRowsToFilesByNumericVersionNotByText() {
        Migration local = versioned("1.1");
        history.applied(versioned("1_1"));

        Plan plan = plan(List.of(local, versioned("2.0")));

        assertThat(plan.migrations()).hasSize(2);
        assertThat(plan.migrations().get(0).local()).isEqualTo(local);
        assertThat(plan.migrations().get(0).state()).isEqualTo(MigrationState.APPLIED);
        assertThat(scripts(plan.pending())).containsExactly("V2.0__step.sql");
    }

    @Test
    void refusesAChangedAppliedMigrationNamingBothChecksums() {
        history.applied(versioned("1", "sha256:old"));

        Plan plan = plan(List.of(versioned("1", "sha256:new")));

        assertThat(plan.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.CHECKSUM_MISMATCH);
            assertThat(problem.files()).containsExactly("db/migration/V1__step.sql");
            assertThat(problem.message())
                    .contains("db/migration/V1__step.sql", "sha256:old", "sha256:new",
                            "Restore the file", "add a new migration", "lockstep repair --realign-checksums");
        });
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.isUpToDate()).isFalse();
    }

    @Test
    void retriesAFailedMigrationThatChangedNothing() {
        Migration v1 = versioned("1");
        Migration v2 = versioned("2");
        history.applied(v1).failed(v2, 0, 3);

        Plan plan = plan(List.of(v1, v2));

        assertThat(stateOf(plan, "2")).isEqualTo(MigrationState.FAILED);
        assertThat(plan.pending()).containsExactly(v2);
        assertThat(plan.errors()).isEmpty();
    }

    @Test
    void refusesToRetryAPartiallyAppliedMigrationNamingTheFailedStatement() {
        Migration v1 = versioned("1");
        Migration v2 = versioned("2");
        Migration v3 = versioned("3");
        history.applied(v1).failed(v2, 2, 5);

        Plan plan = plan(List.of(v1, v2, v3));

        assertThat(stateOf(plan, "2")).isEqualTo(MigrationState.FAILED);
        assertThat(plan.pending()).doesNotContain(v2);
        assertThat(plan.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.PARTIALLY_APPLIED);
            assertThat(problem.files()).containsExactly("db/migration/V2__step.sql");
            assertThat(problem.message()).contains("db/migration/V2__step.sql", "statements 1 to 2", "statement 3",
                    "lockstep repair --retry 2", "--mark-applied 2 --statement", "--remove-failed 2");
        });
    }

    @Test
    void resumesAMigrationThatStoppedWithNothingInDoubt() {
        Migration v1 = versioned("1");
        Migration v2 = versioned("2");
        history.applied(v1).failed(v2, 2, 5, HistoryRow.RESUMABLE + "stopped after statement 2 of 5");

        Plan plan = plan(List.of(v1, v2));

        assertThat(stateOf(plan, "2")).isEqualTo(MigrationState.INTERRUPTED);
        assertThat(plan.pending()).containsExactly(v2);
        assertThat(plan.errors()).isEmpty();
    }

    @Test
    void doesNotResumeFromAFileThatChangedSinceItStopped() {
        Migration v1 = versioned("1");
        Migration v2 = versioned("2");
        history.applied(v1).failed(v2, 2, 5, HistoryRow.RESUMABLE + "stopped after statement 2 of 5");
        Migration edited = new Migration(v2.version(), v2.description(), v2.type(), v2.script(), v2.path(), "sha256:edited", v2.sql());

        Plan plan = plan(List.of(v1, edited));

        assertThat(plan.pending()).isEmpty();
        assertThat(plan.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.PARTIALLY_APPLIED);
            assertThat(problem.message()).contains("interrupted after statement 2 of 5", "has changed since", "Restore the file");
        });
    }

    @Test
    void aFirstStatementInDoubtIsNotRetriedEither() {
        Migration v1 = versioned("1");
        history.failed(v1, 0, 3, HistoryRow.IN_DOUBT + "statement 1 (line 1) may or may not have taken effect");

        Plan plan = plan(List.of(v1));

        assertThat(plan.pending()).isEmpty();
        assertThat(plan.errors()).singleElement().satisfies(problem -> assertThat(problem.message())
                .contains("no statement is known to have taken effect", "statement 1 of 3 is in doubt"));
    }

    @Test
    void judgesAVersionByItsLatestRowOnly() {
        Migration v1 = versioned("1");
        history.failed(v1, 0, 2).failed(v1, 1, 2).applied(v1);

        Plan plan = plan(List.of(v1));

        assertThat(stateOf(plan, "1")).isEqualTo(MigrationState.APPLIED);
        assertThat(plan.migrations().get(0).applied().installedRank()).isEqualTo(3);
        assertThat(plan.isUpToDate()).isTrue();
    }

    @Test
    void neitherPlansNorRetriesAMigrationAnotherReplicaIsRunning() {
        Migration v1 = versioned("1");
        Migration v2 = versioned("2");
        history.applied(v1).running(v2);

        Plan plan = plan(List.of(v1, v2));

        assertThat(stateOf(plan, "2")).isEqualTo(MigrationState.RUNNING);
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.isUpToDate()).isFalse();
    }

    @Test
    void plansAnUndoneVersionAgainAndIgnoresTheUndoAuditRow() {
        Migration v1 = versioned("1");
        Migration v2 = versioned("2");
        history.applied(v1).undone(v2).undoAudit(v2);

        Plan plan = plan(List.of(v1, v2, undo("2")));

        assertThat(stateOf(plan, "2")).isEqualTo(MigrationState.UNDONE);
        assertThat(plan.pending()).containsExactly(v2);
        assertThat(plan.errors()).isEmpty();
    }

    @Test
    void neverPlansNorListsUndoFiles() {
        Migration v1 = versioned("1");
        history.applied(v1);

        Plan plan = plan(List.of(v1, undo("1"), undo("2")));

        assertThat(plan.migrations()).extracting(PlanEntry::type).containsOnly(MigrationType.SQL);
        assertThat(plan.isUpToDate()).isTrue();
    }

    @Test
    void treatsTheLatestOfTwoAppliedRowsAsAuthoritative() {
        history.applied(versioned("1", "sha256:first")).applied(versioned("1", "sha256:second"));

        Plan plan = plan(List.of(versioned("1", "sha256:second")));

        assertThat(stateOf(plan, "1")).isEqualTo(MigrationState.APPLIED);
        assertThat(plan.isUpToDate()).isTrue();
    }

    @Test
    void retriesAFailedVersionEvenWhenANewerOneIsApplied() {
        Migration v1 = versioned("1");
        Migration v2 = versioned("2");
        history.failed(v1, 0, 1).applied(v2);

        Plan plan = plan(List.of(v1, v2));

        assertThat(stateOf(plan, "1")).isEqualTo(MigrationState.FAILED);
        assertThat(plan.pending()).containsExactly(v1);
        assertThat(plan.errors()).isEmpty();
    }

    @Test
    void listsAFailedVersionWhoseFileIsGoneWithoutAProblem() {
        Migration v1 = versioned("1");
        history.applied(v1).failed(versioned("2"), 0, 1);

        Plan plan = plan(List.of(v1));

        assertThat(stateOf(plan, "2")).isEqualTo(MigrationState.FAILED);
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.isUpToDate()).isTrue();
    }

    // ---- out of order --------------------------------------------------------------------

    @Test
    void refusesOutOfOrderVersionUnlessAllowed() {
        Migration v1 = versioned("1");
        Migration v3 = versioned("3");
        Migration v2 = versioned("2");
        history.applied(v1).applied(v3);

        Plan plan = plan(List.of(v1, v2, v3));

        assertThat(stateOf(plan, "2")).isEqualTo(MigrationState.OUT_OF_ORDER);
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.OUT_OF_ORDER);
            assertThat(problem.files()).containsExactly("db/migration/V2__step.sql");
            assertThat(problem.message()).contains("db/migration/V2__step.sql", "version 2", "version 3", "a version newer than 3");
        });
    }

    @Test
    void plansOutOfOrderVersionsInVersionOrderWhenAllowed() {
        Migration v1 = versioned("1");
        Migration v2 = versioned("2");
        Migration v4 = versioned("4");
        Migration v5 = versioned("5");
        Migration v6 = versioned("6");
        history.applied(v1).applied(v5);

        Plan plan = Planner.plan(List.of(v6, v4, v5, v2, v1), history.list(), new PlanOptions(true, null, false, false));

        assertThat(plan.pending()).containsExactly(v2, v4, v6);
        assertThat(stateOf(plan, "2")).isEqualTo(MigrationState.OUT_OF_ORDER);
        assertThat(stateOf(plan, "6")).isEqualTo(MigrationState.PENDING);
        assertThat(plan.errors()).isEmpty();
    }

    // ---- target --------------------------------------------------------------------------

    @Test
    void stopsAtTheTargetVersionButStillListsLaterOnes() {
        Migration v1 = versioned("1");
        Migration v2 = versioned("2");
        Migration v3 = versioned("3");
        Migration views = repeatable("views", "sha256:r1");

        Plan plan = Planner.plan(List.of(v1, v2, v3, views), history.list(),
                new PlanOptions(false, Version.parse("2.0"), false, false));

        assertThat(plan.pending()).containsExactly(v1, v2, views);
        assertThat(stateOf(plan, "3")).isEqualTo(MigrationState.PENDING);
    }

    @Test
    void refusesAnOutOfOrderVersionEvenAboveTheTarget() {
        Migration v1 = versioned("1");
        Migration v3 = versioned("3");
        history.applied(v1).applied(v3);

        Plan plan = Planner.plan(List.of(v1, versioned("2"), v3), history.list(),
                new PlanOptions(false, Version.parse("1"), false, false));

        assertThat(plan.errors()).extracting(Problem::kind).containsExactly(Problem.Kind.OUT_OF_ORDER);
    }

    // ---- baseline ------------------------------------------------------------------------

    @Test
    void countsVersionsUpToTheBaselineAsApplied() {
        Migration v1 = versioned("1");
        Migration v2 = versioned("2");
        Migration v3 = versioned("3");
        history.baseline("2");

        Plan plan = plan(List.of(v1, v2, v3));

        assertThat(plan.pending()).containsExactly(v3);
        assertThat(states(plan)).containsExactly(
                MigrationState.BELOW_BASELINE, MigrationState.BASELINE, MigrationState.PENDING);
        assertThat(plan.migrations().get(1).local()).isEqualTo(v2);
        assertThat(plan.errors()).isEmpty();
    }

    @Test
    void listsTheBaselineRowAmongVersionsAndNeverCallsItMissing() {
        Migration v1 = versioned("1");
        Migration v7 = versioned("7");
        history.baseline("5");

        Plan plan = plan(List.of(v7, v1));

        assertThat(plan.migrations()).extracting(m -> m.version().toString()).containsExactly("1", "5", "7");
        assertThat(states(plan)).containsExactly(
                MigrationState.BELOW_BASELINE, MigrationState.BASELINE, MigrationState.PENDING);
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.pending()).containsExactly(v7);
    }

    @Test
    void refusesAVersionAboveTheBaselineButBelowTheNewestApplied() {
        Migration v6 = versioned("6");
        Migration v8 = versioned("8");
        history.baseline("5").applied(v8);

        Plan plan = plan(List.of(v6, v8));

        assertThat(stateOf(plan, "6")).isEqualTo(MigrationState.OUT_OF_ORDER);
        assertThat(plan.errors()).extracting(Problem::kind).containsExactly(Problem.Kind.OUT_OF_ORDER);
    }

    // ---- future and missing --------------------------------------------------------------

    @Test
    void warnsAboutAFutureVersionAndCarriesOn() {
        Migration v1 = versioned("1");
        history.applied(v1).appliedElsewhere("2", "V2__from_the_next_release.sql");

        Plan plan = plan(List.of(v1));

        assertThat(stateOf(plan, "2")).isEqualTo(MigrationState.FUTURE);
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.warnings()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.FUTURE);
            assertThat(problem.files()).containsExactly("V2__from_the_next_release.sql");
            assertThat(problem.message()).contains("V2__from_the_next_release.sql", "newer release", "carries on");
        });
        assertThat(plan.isUpToDate()).isTrue();
    }

    @Test
    void failsOnAFutureVersionWhenStrict() {
        Migration v1 = versioned("1");
        history.applied(v1).appliedElsewhere("2", "V2__next.sql");

        Plan plan = Planner.plan(List.of(v1), history.list(), PlanOptions.forValidate(true));

        assertThat(plan.errors()).extracting(Problem::kind).containsExactly(Problem.Kind.FUTURE);
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void warnsAboutAMissingVersionOnMigrateAndFailsOnValidate() {
        Migration v1 = versioned("1");
        Migration v3 = versioned("3");
        history.applied(v1).appliedElsewhere("2", "V2__deleted.sql").applied(v3);

        Plan migrate = plan(List.of(v1, v3));
        Plan validate = Planner.plan(List.of(v1, v3), history.list(), PlanOptions.forValidate(false));

        assertThat(stateOf(migrate, "2")).isEqualTo(MigrationState.MISSING);
        assertThat(migrate.errors()).isEmpty();
        assertThat(migrate.warnings()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.MISSING);
            assertThat(problem.message()).contains("V2__deleted.sql", "deleted or renamed");
        });
        assertThat(validate.errors()).extracting(Problem::kind).containsExactly(Problem.Kind.MISSING);
        assertThat(validate.warnings()).isEmpty();
    }

    @Test
    void callsEveryAppliedVersionFutureWhenNoVersionedFileIsLocal() {
        history.appliedElsewhere("1", "V1__a.sql");

        Plan plan = plan(List.of());

        assertThat(stateOf(plan, "1")).isEqualTo(MigrationState.FUTURE);
    }

    @Test
    void listsHistoryOnlyVersionsAmongLocalOnesByVersion() {
        Migration v1 = versioned("1");
        Migration v3 = versioned("3");
        history.applied(v1).appliedElsewhere("2", "V2__gone.sql").applied(v3).appliedElsewhere("4", "V4__next.sql");

        Plan plan = plan(List.of(v3, v1));

        assertThat(plan.migrations()).extracting(m -> m.version().toString()).containsExactly("1", "2", "3", "4");
        assertThat(states(plan)).containsExactly(
                MigrationState.APPLIED, MigrationState.MISSING, MigrationState.APPLIED, MigrationState.FUTURE);
    }

    @Test
    void reportsAPartiallyAppliedMigrationWhoseFileIsGoneByItsScriptName() {
        Migration v1 = versioned("1");
        history.applied(v1).failed(versioned("2"), 1, 4);

        Plan plan = plan(List.of(v1));

        assertThat(stateOf(plan, "2")).isEqualTo(MigrationState.FAILED);
        assertThat(plan.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.PARTIALLY_APPLIED);
            assertThat(problem.files()).containsExactly("V2__step.sql");
            assertThat(problem.message()).contains("statement 1 ", "statement 2");
        });
    }

    // ---- repeatables ---------------------------------------------------------------------

    @Test
    void appliesRepeatablesAfterEveryVersionedMigrationByDescription() {
        Migration v1 = versioned("1");
        Migration views = repeatable("views", "sha256:a");
        Migration functions = repeatable("functions", "sha256:b");

        Plan plan = plan(List.of(views, functions, v1));

        assertThat(plan.pending()).containsExactly(v1, functions, views);
        assertThat(plan.migrations()).extracting(PlanEntry::description).containsExactly("step 1", "functions", "views");
    }

    @Test
    void reappliesARepeatableWhoseChecksumChanged() {
        history.applied(repeatable("views", "sha256:old"));
        Migration views = repeatable("views", "sha256:new");

        Plan plan = plan(List.of(views));

        assertThat(states(plan)).containsExactly(MigrationState.OUTDATED);
        assertThat(plan.pending()).containsExactly(views);
        assertThat(plan.errors()).isEmpty();
    }

    @Test
    void matchesRepeatablesByDescriptionEvenWhenTheScriptWasRenamed() {
        Migration before = repeatable("views", "sha256:a");
        history.applied(before);
        Migration moved = new Migration(null, "views", MigrationType.REPEATABLE, "R__views.sql",
                "db/other/R__views.sql", "sha256:a", "select 1;");

        Plan plan = plan(List.of(moved));

        assertThat(states(plan)).containsExactly(MigrationState.APPLIED);
        assertThat(plan.isUpToDate()).isTrue();
    }

    @Test
    void retriesAFailedRepeatable() {
        Migration views = repeatable("views", "sha256:a");
        history.applied(views).failed(views, 1, 3);

        Plan plan = plan(List.of(views));

        assertThat(states(plan)).containsExactly(MigrationState.FAILED);
        assertThat(plan.pending()).containsExactly(views);
        assertThat(plan.errors()).isEmpty();
    }

    @Test
    void warnsAboutAMissingRepeatableAndFailsOnValidate() {
        history.applied(repeatable("old views", "sha256:a"));

        Plan migrate = plan(List.of());
        Plan validate = Planner.plan(List.of(), history.list(), PlanOptions.forValidate(false));

        assertThat(states(migrate)).containsExactly(MigrationState.MISSING);
        assertThat(migrate.warnings()).extracting(Problem::kind).containsExactly(Problem.Kind.MISSING);
        assertThat(migrate.warnings().get(0).message()).contains("R__old views.sql");
        assertThat(validate.errors()).extracting(Problem::kind).containsExactly(Problem.Kind.MISSING);
    }

    // ---- contract ------------------------------------------------------------------------

    @Test
    void rejectsTwoLocalFilesWithOneVersionNamingBoth() {
        Migration a = versioned("1.0");
        Migration b = versioned("1");

        assertThatThrownBy(() -> plan(List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db/migration/V1.0__step.sql")
                .hasMessageContaining("db/migration/V1__step.sql");
    }

    // ---- builders ------------------------------------------------------------------------

    // ---- undo and adoption rows --------------------------------------------------------------

    @Test
    void stopsForRepairWhenAnUndoFailedPartWayOverAnAppliedVersion() {
        Migration v1 = versioned("1");
        history.applied(v1).undoFailed(v1, 1, 2);

        Plan plan = plan(List.of(v1, undo("1")));

        assertThat(plan.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.PARTIALLY_APPLIED);
            assertThat(problem.message()).contains("U1__step.sql", "statement 1 took effect", "statement 2 of 2",
                    "installed_rank 2", "'undone'");
        });
    }

    @Test
    void anUndoThatFailedWithNothingDoneLeavesTheVersionApplied() {
        Migration v1 = versioned("1");
        history.applied(v1).undoFailed(v1, 0, 2);

        Plan plan = plan(List.of(v1, undo("1")));

        assertThat(plan.errors()).isEmpty();
        assertThat(stateOf(plan, "1")).isEqualTo(MigrationState.APPLIED);
    }

    @Test
    void acceptsAnyLocalFileForAVersionAdoptedWithoutAChecksum() {
        Migration v1 = versioned("1");
        history.adoptedWithoutChecksum(v1);

        Plan plan = plan(List.of(v1));

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.isUpToDate()).isTrue();
    }

    private Plan plan(List<Migration> local) {
        return Planner.plan(local, history.list(), MIGRATE);
    }

    static Migration versioned(String version) {
        return versioned(version, "sha256:" + version);
    }

    static Migration versioned(String version, String checksum) {
        String script = "V" + version + "__step.sql";
        return new Migration(Version.parse(version), "step " + version, MigrationType.SQL, script,
                "db/migration/" + script, checksum, "select 1;");
    }

    static Migration repeatable(String description, String checksum) {
        String script = "R__" + description + ".sql";
        return new Migration(null, description, MigrationType.REPEATABLE, script,
                "db/migration/" + script, checksum, "select 1;");
    }

    static Migration undo(String version) {
        String script = "U" + version + "__step.sql";
        return new Migration(Version.parse(version), "step " + version, MigrationType.UNDO, script,
                "db/migration/" + script, "sha256:u" + version, "select 1;");
    }

    private static MigrationState stateOf(Plan plan, String version) {
        Version wanted = Version.parse(version);
        return plan.migrations().stream()
                .filter(m -> wanted.equals(m.version()))
                .map(PlanEntry::state)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no migration " + version + " in " + plan.migrations()));
    }

    private static List<MigrationState> states(Plan plan) {
        return plan.migrations().stream().map(PlanEntry::state).toList();
    }

    private static List<String> scripts(List<Migration> migrations) {
        return migrations.stream().map(Migration::script).toList();
    }

    /** History rows in installed-rank order, as the database layer would read them. */
    static final class HistoryRows {
        private final List<HistoryRow> rows = new ArrayList<>();

        List<HistoryRow> list() {
            return List.copyOf(rows);
        }

        HistoryRows applied(Migration m) {
            return add(m.version(), m.description(), m.type(), m.script(), m.checksum(), MigrationStatus.APPLIED, 1, 1);
        }

        HistoryRows failed(Migration m, int done, int total) {
            return add(m.version(), m.description(), m.type(), m.script(), m.checksum(), MigrationStatus.FAILED, total, done);
        }

        HistoryRows failed(Migration m, int done, int total, String error) {
            rows.add(new HistoryRow(rows.size() + 1, m.version(), m.description(), m.type(), m.script(), m.checksum(),
                    MigrationStatus.FAILED, total, done, "app", "replica-0:1", null, null, null, error));
            return this;
        }

        HistoryRows running(Migration m) {
            return add(m.version(), m.description(), m.type(), m.script(), m.checksum(), MigrationStatus.RUNNING, 3, 1);
        }

        /** The version's applied row turned to {@code undone}, as the undo verb leaves it. */
        HistoryRows undone(Migration m) {
            return add(m.version(), m.description(), m.type(), m.script(), m.checksum(), MigrationStatus.UNDONE, 1, 1);
        }

        /** The audit row of type UNDO that an undo appends. */
        HistoryRows undoAudit(Migration m) {
            return add(m.version(), m.description(), MigrationType.UNDO, "U" + m.version() + "__step.sql",
                    "sha256:u", MigrationStatus.APPLIED, 1, 1);
        }

        /** An undo audit row that failed after {@code done} of {@code total} statements took effect. */
        HistoryRows undoFailed(Migration m, int done, int total) {
            return add(m.version(), m.description(), MigrationType.UNDO, "U" + m.version() + "__step.sql",
                    "sha256:u", MigrationStatus.FAILED, total, done);
        }

        /** A version adopted from another tool's history without a local file: no checksum. */
        HistoryRows adoptedWithoutChecksum(Migration m) {
            return add(m.version(), m.description(), m.type(), m.script(), null, MigrationStatus.APPLIED, 0, 0);
        }

        /** A version applied by another release: no local file of ours has it. */
        HistoryRows appliedElsewhere(String version, String script) {
            return add(Version.parse(version), script, MigrationType.SQL, script, "sha256:x", MigrationStatus.APPLIED, 1, 1);
        }

        HistoryRows baseline(String version) {
            return add(Version.parse(version), "<< baseline >>", MigrationType.BASELINE, "<< baseline >>", null,
                    MigrationStatus.APPLIED, 0, 0);
        }

        private HistoryRows add(Version version, String description, MigrationType type, String script,
                                String checksum, MigrationStatus status, int total, int done) {
            rows.add(new HistoryRow(rows.size() + 1, version, description, type, script, checksum, status,
                    total, done, "app", "replica-0:1", null, null, null, null));
            return this;
        }
    }
}

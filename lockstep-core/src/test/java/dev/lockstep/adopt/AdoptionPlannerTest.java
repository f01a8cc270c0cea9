package dev.lockstep.adopt;

import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AdoptionPlannerTest {
    private static final String FLYWAY = "flyway_schema_history";
    private static final String GOLANG = "schema_migrations";

    @Test
    void recordsEachVersionFlywayAppliedWithTheLocalChecksum() {
        List<FlywayRow> rows = List.of(
                flyway(1, "1", "SQL", "V1__init.sql", true),
                flyway(2, "2", "SQL", "V2__users.sql", true),
                flyway(3, null, "SQL", "R__views.sql", true));

        Adoption adoption = AdoptionPlanner.fromFlyway(rows, List.of(file("1"), file("2"), file("3")), FLYWAY);

        assertThat(adoption.refusals()).isEmpty();
        assertThat(adoption.recorded()).extracting(r -> r.version().toString()).containsExactly("1", "2");
        assertThat(adoption.recorded()).extracting(Adoption.Recorded::checksum).containsExactly("sha256:1", "sha256:2");
        assertThat(adoption.recorded()).extracting(Adoption.Recorded::installedBy).containsOnly("flyway_user");
        assertThat(adoption.notLocal()).isEmpty();
    }

    @Test
    void followsFlywaysLatestRowPerVersionThroughUndoAndBaseline() {
        List<FlywayRow> rows = List.of(
                flyway(1, "0", "SCHEMA", "<< Flyway Schema Creation >>", true),
                flyway(2, "1", "BASELINE", "<< Flyway Baseline >>", true),
                flyway(3, "2", "SQL", "V2__a.sql", true),
                flyway(4, "3", "SQL", "V3__b.sql", true),
                flyway(5, "3", "UNDO_SQL", "U3__b.sql", true));

        Adoption adoption = AdoptionPlanner.fromFlyway(rows, List.of(file("2"), file("3")), FLYWAY);

        assertThat(adoption.baseline()).isEqualTo(Version.parse("1"));
        assertThat(adoption.recorded()).extracting(r -> r.version().toString()).containsExactly("2");
    }

    @Test
    void listsVersionsFlywayAppliedThatHaveNoLocalFile() {
        List<FlywayRow> rows = List.of(flyway(1, "1", "SQL", "V1__init.sql", true), flyway(2, "1.5", "SQL", "V1.5__gone.sql", true));

        Adoption adoption = AdoptionPlanner.fromFlyway(rows, List.of(file("1")), FLYWAY);

        assertThat(adoption.notLocal()).containsExactly("1.5 (V1.5__gone.sql)");
        assertThat(adoption.recorded()).filteredOn(r -> r.checksum() == null).extracting(Adoption.Recorded::script)
                .containsExactly("V1.5__gone.sql");
    }

    @Test
    void refusesAFlywayHistoryWithAFailedMigration() {
        List<FlywayRow> rows = List.of(flyway(1, "1", "SQL", "V1__init.sql", true), flyway(2, "2", "SQL", "V2__half.sql", false));

        Adoption adoption = AdoptionPlanner.fromFlyway(rows, List.of(file("1"), file("2")), FLYWAY);

        assertThat(adoption.refusals()).singleElement().asString().contains("V2__half.sql", "success = false", "flyway repair");
    }

    @Test
    void recordsEveryLocalVersionUpToGolangMigratesCurrentOne() {
        Adoption adoption = AdoptionPlanner.fromGolangMigrate(Optional.of(new GolangMigrateState(2, false)),
                List.of(file("000001"), file("000002"), file("000003")), GOLANG);

        assertThat(adoption.recorded()).extracting(r -> r.version().toString()).containsExactly("000001", "000002");
        assertThat(adoption.notLocal()).isEmpty();
    }

    @Test
    void listsGolangMigratesCurrentVersionWhenItHasNoLocalFile() {
        Adoption adoption = AdoptionPlanner.fromGolangMigrate(Optional.of(new GolangMigrateState(20240101, false)),
                List.of(file("1")), GOLANG);

        assertThat(adoption.recorded()).extracting(r -> r.version().toString()).containsExactly("1", "20240101");
        assertThat(adoption.notLocal()).containsExactly("20240101 (20240101 (golang-migrate))");
    }

    @Test
    void refusesADirtyGolangMigrateVersionWithTheReason() {
        Adoption adoption = AdoptionPlanner.fromGolangMigrate(Optional.of(new GolangMigrateState(3, true)), List.of(file("3")), GOLANG);

        assertThat(adoption.recorded()).isEmpty();
        assertThat(adoption.refusals()).singleElement().asString().contains("version 3 as dirty", "stopped part-way", "force");
    }

    @Test
    void adoptsNothingFromAnEmptyGolangMigrateTable() {
        Adoption adoption = AdoptionPlanner.fromGolangMigrate(Optional.empty(), List.of(file("1")), GOLANG);

        assertThat(adoption.recorded()).isEmpty();
        assertThat(adoption.refusals()).isEmpty();
        assertThat(adoption.warnings()).singleElement().asString().contains("applied nothing");
    }

    private static FlywayRow flyway(int rank, String version, String type, String script, boolean success) {
        return new FlywayRow(rank, version, script, type, script, "flyway_user", success);
    }

    private static Migration file(String version) {
        String script = "V" + version + "__step.sql";
        return new Migration(Version.parse(version), "step", MigrationType.SQL, script, "db/migration/" + script,
                "sha256:" + Version.parse(version).toString().replaceFirst("^0+", ""), "SELECT 1;");
    }
}

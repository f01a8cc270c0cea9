package dev.lockstep;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the core deciding and the edges acting, and the API sealed (docs/architecture.md, decision 0019). */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lockstep");
    }

    @Test
    void modelPlanSqlAndLintUseNoJdbcFilesOrClock() {
        noClasses().that().resideInAnyPackage("dev.lockstep.model..", "dev.lockstep.plan..", "dev.lockstep.sql..",
                        "dev.lockstep.lint..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "java.nio.file..", "java.io..")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(java.time.Instant.class, "now")
                .check(core);
    }

    @Test
    void modelPlanSqlAndLintDependOnNothingThatActs() {
        noClasses().that().resideInAnyPackage("dev.lockstep.model..", "dev.lockstep.plan..", "dev.lockstep.sql..",
                        "dev.lockstep.lint..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.lockstep.db..", "dev.lockstep.engine..", "dev.lockstep.source..")
                .check(core);
    }

    @Test
    void onlyTheEngineAndDatabaseLayerTouchJdbc() {
        noClasses().that().resideInAnyPackage("dev.lockstep.source..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .check(core);
    }

    @Test
    void databaseLayerDoesNotReachIntoTheEngine() {
        noClasses().that().resideInAPackage("dev.lockstep.db..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lockstep.engine..", "dev.lockstep.plan..")
                .check(core);
    }

    /**
     * Each database is one provider in its own package, found through ServiceLoader: no database borrows from
     * another, and nothing else names one (README "Adding a database").
     */
    @Test
    void eachDatabaseIsAPackageOfItsOwnThatNothingElseNames() {
        List<String> databases = List.of("postgres", "mysql", "sqlite");
        for (String database : databases) {
            String[] others = databases.stream().filter(d -> !d.equals(database)).map(d -> "dev.lockstep.db." + d + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.lockstep.db." + database + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(core);
        }
        noClasses().that().resideOutsideOfPackages("dev.lockstep.db.postgres..", "dev.lockstep.db.mysql..",
                        "dev.lockstep.db.sqlite..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lockstep.db.postgres..", "dev.lockstep.db.mysql..",
                        "dev.lockstep.db.sqlite..")
                .check(core);
    }

    @Test
    void preflightStandsBesideTheEngine() {
        noClasses().that().resideInAPackage("dev.lockstep.preflight..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lockstep.engine..", "dev.lockstep.db..",
                        "dev.lockstep.plan..", "dev.lockstep.source..", "java.sql..", "javax.sql..")
                .check(core);
    }

    @Test
    void coreNeverSeesTheCommandLine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..", "dev.lockstep.cli..",
                        "com.fasterxml.jackson..")
                .check(core);
    }

    /** The packages an application may use: what the module descriptor exports. */
    static Set<String> exported() {
        ModuleDescriptor descriptor = Lockstep.class.getModule().getDescriptor();
        assertThat(descriptor).as("tests run on the module path, so the descriptor is the one that ships").isNotNull();
        return descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    @Test
    void exportsTheFrontDoorItsResultsEventsErrorsLintPreflightAndJavaMigrationsOnly() {
        assertThat(exported()).containsExactlyInAnyOrder("dev.lockstep", "dev.lockstep.result", "dev.lockstep.event",
                "dev.lockstep.error", "dev.lockstep.lint", "dev.lockstep.preflight", "dev.lockstep.migration");
    }

    @Test
    void whatIsExportedNeverShowsWhatIsNot() {
        Set<String> exported = exported();
        List<String> leaks = new ArrayList<>();
        for (JavaClass type : core) {
            if (!exported.contains(type.getPackageName()) || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
                continue;
            }
            for (JavaCodeUnit member : type.getCodeUnits()) {
                if (!member.getModifiers().contains(JavaModifier.PUBLIC)) {
                    continue;
                }
                Stream.concat(Stream.of(member.getReturnType()), member.getParameterTypes().stream())
                        .flatMap(t -> t.getAllInvolvedRawTypes().stream())
                        .filter(t -> internal(t, exported))
                        .forEach(t -> leaks.add(member.getFullName() + " shows " + t.getName()));
            }
            for (JavaField field : type.getFields()) {
                if (field.getModifiers().contains(JavaModifier.PUBLIC)) {
                    field.getType().getAllInvolvedRawTypes().stream().filter(t -> internal(t, exported))
                            .forEach(t -> leaks.add(field.getFullName() + " shows " + t.getName()));
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static boolean internal(JavaClass type, Set<String> exported) {
        JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
        return base.getPackageName().startsWith("dev.lockstep") && !exported.contains(base.getPackageName());
    }

    @Test
    void resultsAndErrorsDependOnNothingElseOfLockstep() {
        noClasses().that().resideInAnyPackage("dev.lockstep.result..", "dev.lockstep.error..")
                .should().dependOnClassesThat(otherLockstepPackagesThan("dev.lockstep.result", "dev.lockstep.error"))
                .check(core);
    }

    @Test
    void whatAJavaMigrationImplementsNamesOnlyJdbc() {
        noClasses().that().resideInAPackage("dev.lockstep.migration..")
                .should().dependOnClassesThat(otherLockstepPackagesThan("dev.lockstep.migration"))
                .check(core);
    }

    @Test
    void eventsSpeakInResults() {
        noClasses().that().resideInAPackage("dev.lockstep.event..")
                .should().dependOnClassesThat(otherLockstepPackagesThan("dev.lockstep.event", "dev.lockstep.result"))
                .check(core);
    }

    @Test
    void whatDecidesNeverSeesTheFrontDoor() {
        noClasses().that().resideInAnyPackage("dev.lockstep.model..", "dev.lockstep.plan..", "dev.lockstep.sql..",
                        "dev.lockstep.lint..", "dev.lockstep.source..")
                .should().dependOnClassesThat().resideInAPackage("dev.lockstep")
                .check(core);
    }

    private static DescribedPredicate<JavaClass> otherLockstepPackagesThan(String... allowed) {
        Set<String> ok = Set.of(allowed);
        return DescribedPredicate.describe("lockstep packages other than " + ok,
                c -> c.getPackageName().startsWith("dev.lockstep") && !ok.contains(c.getPackageName()));
    }
}

package dev.lockstep;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the core deciding and the edges acting (STYLE.md, habit 1). */
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
}

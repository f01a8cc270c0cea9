package dev.lockstep.cli;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.lockstep.Lockstep;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The command line is a shell over the library's public API: it uses what an application could use, nothing more. */
class ArchitectureTest {
    private static JavaClasses cli;
    private static Set<String> exported;

    @BeforeAll
    static void importCli() throws URISyntaxException {
        cli = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lockstep.cli");
        Path core = Path.of(Lockstep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleReference module = ModuleFinder.of(core).findAll().stream().findFirst().orElseThrow();
        exported = module.descriptor().exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    @Test
    void readsTheExportsFromTheCoreModuleDescriptor() {
        assertThat(exported).contains("dev.lockstep", "dev.lockstep.result").doesNotContain("dev.lockstep.engine");
    }

    @Test
    void onlyExitCodeTurnsAReasonIntoANumber() {
        noClasses().that().resideInAPackage("dev.lockstep.cli..").and().doNotHaveSimpleName("ExitCode")
                .should().callMethod(Reason.class, "exitCode")
                .orShould().callMethod(LockstepException.class, "exitCode")
                .because("one table maps outcomes to exit codes (ExitCode, ExitCodeTest)")
                .check(cli);
    }

    @Test
    void usesOnlyWhatTheCoreExports() {
        DescribedPredicate<JavaClass> internal = DescribedPredicate.describe("lockstep-core packages it does not export",
                c -> c.getPackageName().startsWith("dev.lockstep") && !c.getPackageName().startsWith("dev.lockstep.cli")
                        && !exported.contains(c.getPackageName()));
        noClasses().that().resideInAPackage("dev.lockstep.cli..")
                .should().dependOnClassesThat(internal)
                .check(cli);
    }
}

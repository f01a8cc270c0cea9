package dev.lockstep.spring;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.lockstep.Lockstep;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The starter is built on lockstep-core's front door only: the packages its module exports, never the engine's. */
class ExportedApiTest {

    @Test
    void usesOnlyThePackagesLockstepCoreExports() throws Exception {
        Path core = Path.of(Lockstep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> exported = ModuleFinder.of(core).find("dev.lockstep.core").orElseThrow().descriptor().exports()
                .stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        noClasses().that().resideInAPackage("dev.lockstep.spring..")
                .should().dependOnClassesThat(DescribedPredicate.describe("lockstep-core internals",
                        (JavaClass c) -> c.getPackageName().startsWith("dev.lockstep.")
                                && !c.getPackageName().startsWith("dev.lockstep.spring")
                                && !exported.contains(c.getPackageName())))
                .check(new ClassFileImporter().importPath(Path.of("target/classes")));
    }
}

package dev.lockstep.source;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** Name parsing, text normalisation and checksums decide from their inputs alone, so they are tested without files. */
class PureSourceArchitectureTest {

    @Test
    void nameParsingTextAndChecksumDoNoIo() {
        JavaClasses pure = new ClassFileImporter().importClasses(
                MigrationFileName.class, ParsedName.class, FileRole.class, MalformedNameException.class,
                MigrationText.class, Checksum.class, MigrationLocation.class);

        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "java.sql..")
                .check(pure);
    }
}

package dev.lockstep.source;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationType;
import dev.lockstep.testing.JavaMigrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Java migrations are found in classpath locations by their classes' names, in a jar as a build writes it: each is a
 * versioned migration of type JAVA whose checksum is what its class gives; a class named like a migration that cannot
 * be one is an invalid migration naming it, never skipped.
 */
class JavaMigrationScanTest {
    @TempDir
    Path dir;

    private static String migration(String name, String body) {
        return "package db.migration;\nimport dev.lockstep.migration.*;\npublic class " + name
                + " implements JavaMigration {\n" + body + "\npublic void migrate(Context context) {}\n}\n";
    }

    private URLClassLoader loader(Map<String, String> sources, Map<String, String> resources) throws Exception {
        Path jar = JavaMigrations.jar(dir.resolve("migrations.jar"), sources, resources);
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void findsJavaMigrationsByClassNameBesideSqlFilesWithTheChecksumTheClassGives() throws Exception {
        try (URLClassLoader loader = loader(Map.of(
                "V2__Fill_emails", migration("V2__Fill_emails", "Runnable helper = new Runnable() { public void run() {} };"),
                "V1_1__Versioned", migration("V1_1__Versioned", "public String checksum() { return \"7\"; }"),
                "Helper", "package db.migration;\npublic class Helper {}\n"),
                Map.of("db/migration/V1__init.sql", "SELECT 1;"))) {

            ScanResult result = new MigrationScanner(loader).scan("classpath:db/migration");

            assertThat(result.migrations()).extracting(Migration::displayName)
                    .containsExactly("V1 (init)", "V1.1 (Versioned)", "V2 (Fill emails)");
            Migration fill = result.migrations().get(2);
            assertThat(fill.type()).isEqualTo(MigrationType.JAVA);
            assertThat(fill.isVersioned()).isTrue();
            assertThat(fill.script()).isEqualTo("db.migration.V2__Fill_emails");
            assertThat(fill.path()).isEqualTo("classpath:db/migration/V2__Fill_emails.class");
            assertThat(fill.checksum()).as("by default, of the class's name").isEqualTo(Checksum.of("db.migration.V2__Fill_emails"));
            assertThat(result.migrations().get(1).checksum()).isEqualTo(Checksum.of("7"));
        }
    }

    @Test
    void refusesEveryClassNamedLikeAMigrationThatCannotBeOneInOneMessage() throws Exception {
        try (URLClassLoader loader = loader(Map.of(
                "V3__Plain", "package db.migration;\npublic class V3__Plain {}\n",
                "V4_Typo", migration("V4_Typo", ""),
                "R__Views", migration("R__Views", ""),
                "V5__Needs_arguments", migration("V5__Needs_arguments", "public V5__Needs_arguments(int x) {}"),
                "V2__Also_sql", migration("V2__Also_sql", ""),
                "BaseJavaMigration", "package org.flywaydb.core.api.migration;\npublic abstract class BaseJavaMigration {}\n",
                "V6__From_flyway", "package db.migration;\npublic class V6__From_flyway extends"
                        + " org.flywaydb.core.api.migration.BaseJavaMigration {}\n"),
                Map.of("db/migration/V2__also.sql", "SELECT 2;"))) {

            assertThatThrownBy(() -> new MigrationScanner(loader).scan("classpath:db/migration"))
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_MIGRATIONS);
                        assertThat(e.getMessage()).contains(
                                "V3__Plain.class: Java migration db.migration.V3__Plain is named like a migration but"
                                        + " does not implement dev.lockstep.migration.JavaMigration",
                                "V4_Typo.class: not a valid migration name: needs two underscores",
                                "R__Views.class: not a valid migration name: a repeatable migration cannot be a Java class",
                                "V5__Needs_arguments needs a public constructor without arguments",
                                "version 2 is also used by",
                                "V6__From_flyway is named like a migration but does not implement"
                                        + " dev.lockstep.migration.JavaMigration (it is a Flyway migration");
                    });
        }
    }
}

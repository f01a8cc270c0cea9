package dev.lockstep.source;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.Callback;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationType;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationScannerTest {
    private static final ClassLoader NO_CLASSPATH = new URLClassLoader(new URL[0], null);

    @TempDir
    Path dir;

    private final MigrationScanner scanner = new MigrationScanner(NO_CLASSPATH);

    @Test
    void findsMigrationsInSubFoldersSortedByTypeThenVersionOrDescription() throws IOException {
        write("V1.10__ten.sql", "SELECT 10;");
        write("sub/V1.9__nine.sql", "SELECT 9;");
        write("sub/deeper/V2__two.sql", "SELECT 2;");
        write("3_three.up.sql", "SELECT 3;");
        write("3_three.down.sql", "SELECT -3;");
        write("sub/U1.9__unnine.sql", "SELECT -9;");
        write("R__views.sql", "SELECT 'v';");
        write("sub/R__grants.sql", "SELECT 'g';");

        ScanResult result = scanner.scan(dir.toString());

        assertThat(result.migrations()).extracting(Migration::displayName).containsExactly(
                "V1.9 (nine)", "V1.10 (ten)", "V2 (two)", "V3 (three)", "U1.9 (unnine)", "U3 (three)", "R (grants)", "R (views)");
        assertThat(result.versioned()).extracting(Migration::script)
                .containsExactly("V1.9__nine.sql", "V1.10__ten.sql", "V2__two.sql", "3_three.up.sql");
        assertThat(result.undos()).extracting(Migration::script).containsExactly("U1.9__unnine.sql", "3_three.down.sql");
        assertThat(result.repeatables()).extracting(Migration::description).containsExactly("grants", "views");
    }

    @Test
    void recordsEachMigrationsScriptPathChecksumAndNormalisedText() throws IOException {
        write("sub/V1__create_users.sql", "\uFEFFCREATE TABLE users (id int);\r\n");

        Migration migration = scanner.scan(dir + "/").migrations().get(0);

        assertThat(migration.type()).isEqualTo(MigrationType.SQL);
        assertThat(migration.version()).hasToString("1");
        assertThat(migration.description()).isEqualTo("create users");
        assertThat(migration.script()).isEqualTo("V1__create_users.sql");
        assertThat(migration.path()).isEqualTo(dir + "/sub/V1__create_users.sql");
        assertThat(migration.sql()).isEqualTo("CREATE TABLE users (id int);\n");
        assertThat(migration.checksum()).isEqualTo(Checksum.of("CREATE TABLE users (id int);\n"));
    }

    @Test
    void givesEveryFileTheChecksumOfItsNormalisedTextWhateverItsBytes() throws IOException {
        // Plain ASCII is hashed as read; the others are decoded and normalised first: the same checksum either way.
        write("V1__plain.sql", "CREATE TABLE t (id int);\nSELECT 1;\n");
        write("V2__crlf.sql", "CREATE TABLE t (id int);\r\nSELECT 1;\r\n");
        write("V3__bom.sql", "\uFEFFCREATE TABLE t (id int);\nSELECT 1;\n");
        write("V4__accent.sql", "SELECT 'caf\u00e9';\n");
        write("V5__empty.sql", "");

        List<Migration> found = scanner.scan(dir.toString()).migrations();

        String lf = Checksum.of("CREATE TABLE t (id int);\nSELECT 1;\n");
        assertThat(found).extracting(Migration::checksum)
                .containsExactly(lf, lf, lf, Checksum.of("SELECT 'caf\u00e9';\n"), Checksum.of(""));
        assertThat(found).extracting(Migration::sql).containsExactly("CREATE TABLE t (id int);\nSELECT 1;\n",
                "CREATE TABLE t (id int);\nSELECT 1;\n", "CREATE TABLE t (id int);\nSELECT 1;\n", "SELECT 'caf\u00e9';\n", "");
    }

    @Test
    void prefixesPathsWithTheLocationAsGiven() throws IOException {
        write("V1__x.sql", "SELECT 1;");

        assertThat(scanner.scan("filesystem:" + dir).migrations().get(0).path()).isEqualTo("filesystem:" + dir + "/V1__x.sql");
    }

    @Test
    void reportsOtherSqlFilesAsIgnoredAndSkipsEverythingElseSilently() throws IOException {
        write("V1__x.sql", "SELECT 1;");
        write("seed.sql", "INSERT INTO t VALUES (1);");
        write("data/more.SQL", "SELECT 2;");
        write("README.md", "# migrations");
        write(".gitkeep", "");

        ScanResult result = scanner.scan(dir.toString());

        assertThat(result.migrations()).hasSize(1);
        assertThat(result.ignored()).containsExactly(dir + "/data/more.SQL", dir + "/seed.sql");
        assertThat(result.callbacks()).isEmpty();
    }

    @Test
    void exposesCallbackFilesWithoutTreatingThemAsMigrations() throws IOException {
        write("beforeMigrate.sql", "SET x = 1;\r\n");
        write("sub/afterMigrate.sql", "SELECT 1;");

        ScanResult result = scanner.scan(dir.toString());

        assertThat(result.migrations()).isEmpty();
        assertThat(result.ignored()).isEmpty();
        assertThat(result.callbacks()).containsExactly(
                new Callback("beforeMigrate", dir + "/beforeMigrate.sql", "SET x = 1;\n"),
                new Callback("afterMigrate", dir + "/sub/afterMigrate.sql", "SELECT 1;"));
    }

    @Test
    void acceptsAnEmptyFolder() {
        ScanResult result = scanner.scan(dir.toString());

        assertThat(result.migrations()).isEmpty();
        assertThat(result.ignored()).isEmpty();
    }

    @Test
    void acceptsAnUndoAndAVersionedMigrationOfOneVersion() throws IOException {
        write("V1__x.sql", "CREATE TABLE x (id int);");
        write("U1__x.sql", "DROP TABLE x;");

        assertThat(scanner.scan(dir.toString()).migrations()).extracting(Migration::type)
                .containsExactly(MigrationType.SQL, MigrationType.UNDO);
    }

    @Test
    void refusesTwoFilesWithOneVersionInDifferentFoldersNamingBoth() throws IOException {
        write("a/V1__first.sql", "SELECT 1;");
        write("b/V1.0__second.sql", "SELECT 1;");

        assertThatThrownBy(() -> scanner.scan(dir.toString())).satisfies(invalidMigrations(message -> assertThat(message)
                .contains(dir + "/b/V1.0__second.sql: version 1.0 is also used by " + dir + "/a/V1__first.sql")
                .contains("give one of them another version")));
    }

    @Test
    void refusesAFlywayAndAnUpDownFileWithOneVersion() throws IOException {
        write("V2__x.sql", "SELECT 1;");
        write("2_x.up.sql", "SELECT 1;");

        assertThatThrownBy(() -> scanner.scan(dir.toString())).satisfies(invalidMigrations(message -> assertThat(message)
                .contains(dir + "/V2__x.sql", dir + "/2_x.up.sql")));
    }

    @Test
    void refusesTwoUndoFilesWithOneVersion() throws IOException {
        write("U2__x.sql", "SELECT 1;");
        write("2_x.down.sql", "SELECT 1;");

        assertThatThrownBy(() -> scanner.scan(dir.toString())).satisfies(invalidMigrations(message -> assertThat(message)
                .contains("undo version 2", dir + "/U2__x.sql", dir + "/2_x.down.sql")));
    }

    @Test
    void refusesTwoRepeatablesWithOneDescription() throws IOException {
        write("R__refresh_views.sql", "SELECT 1;");
        write("other/R__refresh views.sql", "SELECT 2;");

        assertThatThrownBy(() -> scanner.scan(dir.toString())).satisfies(invalidMigrations(message -> assertThat(message)
                .contains("the repeatable description 'refresh views'", dir + "/R__refresh_views.sql",
                        dir + "/other/R__refresh views.sql", "another description")));
    }

    @Test
    void refusesTextThatIsNotUtf8NamingTheLine() throws IOException {
        Files.write(dir.resolve("V1__latin1.sql"), "SELECT 1;\n-- caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> scanner.scan(dir.toString())).satisfies(invalidMigrations(message -> assertThat(message)
                .contains(dir + "/V1__latin1.sql: not valid UTF-8 at line 2", "re-save the file as UTF-8")));
    }

    @Test
    void listsEveryProblemOfAScanInOneMessageOnePerLine() throws IOException {
        write("V1_init.sql", "SELECT 1;");
        write("V2__x.SQL.bak", "SELECT 1;");
        Files.write(dir.resolve("V3__latin1.sql"), new byte[] {'-', '-', (byte) 0xE9});
        write("a/V4__a.sql", "SELECT 1;");
        write("b/V4__b.sql", "SELECT 1;");
        write("seed.sql", "SELECT 1;");

        assertThatThrownBy(() -> scanner.scan(dir.toString())).satisfies(invalidMigrations(message -> {
            assertThat(message.lines()).hasSize(5);
            assertThat(message).startsWith("4 migration files are invalid; fix them all, then run again:")
                    .contains(dir + "/V1_init.sql: not a valid migration name", dir + "/V2__x.SQL.bak: not a valid migration name",
                            dir + "/V3__latin1.sql: not valid UTF-8", dir + "/b/V4__b.sql: version 4 is also used by")
                    .doesNotContain("seed.sql");
        }));
    }

    @Test
    void refusesAMissingLocationAsConfigurationNamingIt() {
        String missing = dir.resolve("nope").toString();

        assertThatThrownBy(() -> scanner.scan(missing)).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains("'" + missing + "' does not exist", "Create the folder");
        });
    }

    @Test
    void refusesAFileGivenAsLocation() throws IOException {
        write("V1__x.sql", "SELECT 1;");

        assertThatThrownBy(() -> scanner.scan(dir.resolve("V1__x.sql").toString())).satisfies(configuration("is a file, not a folder"));
    }

    @Test
    void refusesAnEmptyListOfLocations() {
        assertThatThrownBy(() -> scanner.scan()).satisfies(configuration("No migration location"));
    }

    @Test
    void checksEveryLocationBeforeReadingAny() throws IOException {
        write("V1_bad.sql", "SELECT 1;");

        assertThatThrownBy(() -> scanner.scan(dir.toString(), "s3:bucket")).satisfies(configuration("unknown prefix 's3:'"));
    }

    @Test
    void refusesAMigrationThatIsABrokenLinkInsteadOfSkippingIt() throws IOException {
        Files.createSymbolicLink(dir.resolve("V1__gone.sql"), dir.resolve("nowhere.sql"));

        assertThatThrownBy(() -> scanner.scan(dir.toString())).satisfies(configuration("Cannot read migration file '" + dir + "/V1__gone.sql'"));
    }

    @Test
    void followsLinksButSkipsHiddenFoldersSuchAsAConfigMapsDataFolders() throws IOException {
        // The layout Kubernetes gives a ConfigMap volume: visible links into a hidden, versioned folder.
        write("..2024_01_01/V1__init.sql", "SELECT 1;");
        Files.createSymbolicLink(dir.resolve("..data"), dir.resolve("..2024_01_01"));
        Files.createSymbolicLink(dir.resolve("V1__init.sql"), dir.resolve("..data/V1__init.sql"));
        write(".git/V9__not_mine.sql", "SELECT 9;");

        assertThat(scanner.scan(dir.toString()).migrations()).extracting(Migration::path).containsExactly(dir + "/V1__init.sql");
    }

    @Test
    void scansALocationGivenTwiceOnce() throws IOException {
        write("V1__x.sql", "SELECT 1;");

        assertThat(scanner.scan(dir.toString(), dir.toString()).migrations()).hasSize(1);
    }

    @Test
    void findsClasspathMigrationsInAResourceFolder() {
        ScanResult result = new MigrationScanner(getClass().getClassLoader()).scan("classpath:db/scanner-test");

        assertThat(result.migrations()).extracting(Migration::path)
                .containsExactly("classpath:db/scanner-test/V1__init.sql", "classpath:db/scanner-test/sub/R__views.sql");
        assertThat(result.migrations().get(0).sql()).isEqualTo("CREATE TABLE users (id int);\n");
        assertThat(result.callbacks()).extracting(Callback::path).containsExactly("classpath:db/scanner-test/afterMigrate.sql");
    }

    @Test
    void findsClasspathMigrationsInAJar() throws IOException {
        Path jar = jar("app.jar", Map.of(
                "db/migration/V1__init.sql", "CREATE TABLE t (id int);\r\n",
                "db/migration/sub/V2__more.sql", "ALTER TABLE t ADD c int;",
                "db/migration/sub/R__views.sql", "CREATE VIEW v AS SELECT 1;",
                "db/migration/seed.sql", "SELECT 1;",
                "db/migration/.hidden/V9__x.sql", "SELECT 9;",
                "db/other/V3__elsewhere.sql", "SELECT 3;"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ScanResult result = new MigrationScanner(loader).scan("classpath:db/migration");

            assertThat(result.migrations()).extracting(Migration::path).containsExactly(
                    "classpath:db/migration/V1__init.sql", "classpath:db/migration/sub/V2__more.sql",
                    "classpath:db/migration/sub/R__views.sql");
            assertThat(result.migrations().get(0).checksum()).isEqualTo(Checksum.of("CREATE TABLE t (id int);\n"));
            assertThat(result.ignored()).containsExactly("classpath:db/migration/seed.sql");
        }
    }

    @Test
    void refusesOneClasspathMigrationInTwoJarsNamingBothJars() throws IOException {
        Path first = jar("first.jar", Map.of("db/migration/V1__x.sql", "SELECT 1;"));
        Path second = jar("second.jar", Map.of("db/migration/V1__x.sql", "SELECT 2;"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {first.toUri().toURL(), second.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> new MigrationScanner(loader).scan("classpath:db/migration"))
                    .satisfies(invalidMigrations(message -> assertThat(message)
                            .contains("classpath:db/migration/V1__x.sql (jar:" + second.toUri().toURL())
                            .contains("classpath:db/migration/V1__x.sql (jar:" + first.toUri().toURL())));
        }
    }

    @Test
    void refusesAClasspathLocationThatIsNotOnTheClasspath() {
        assertThatThrownBy(() -> new MigrationScanner(getClass().getClassLoader()).scan("classpath:db/nothing-here"))
                .satisfies(configuration("'classpath:db/nothing-here' is not on the classpath"));
    }

    @Test
    void refusesAClasspathLocationThatCannotBeRead() {
        ClassLoader broken = new ClassLoader(null) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                throw new IOException("disk on fire");
            }
        };

        assertThatThrownBy(() -> new MigrationScanner(broken).scan("classpath:db/migration"))
                .satisfies(configuration("Cannot read migration location 'classpath:db/migration'", "disk on fire"));
    }

    private void write(String relativePath, String content) throws IOException {
        Path file = dir.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** A jar with an entry for every folder, as Maven and the jar tool write them. */
    private Path jar(String name, Map<String, String> files) throws IOException {
        Path jar = dir.resolve(name);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files.keySet().stream().sorted().forEach(path -> {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                entries.putIfAbsent(path.substring(0, slash + 1), null);
            }
            entries.put(path, files.get(path).getBytes(StandardCharsets.UTF_8));
        });
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jarOut.putNextEntry(new JarEntry(entry.getKey()));
                if (entry.getValue() != null) {
                    jarOut.write(entry.getValue());
                }
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    private static ThrowingConsumer<Throwable> invalidMigrations(ThrowingConsumer<String> message) {
        return thrown -> {
            assertThat(thrown).isInstanceOf(LockstepException.class);
            assertThat(((LockstepException) thrown).reason()).isEqualTo(Reason.INVALID_MIGRATIONS);
            message.accept(thrown.getMessage());
        };
    }

    private static ThrowingConsumer<Throwable> configuration(String... fragments) {
        return thrown -> {
            assertThat(thrown).isInstanceOf(LockstepException.class);
            assertThat(((LockstepException) thrown).reason()).isEqualTo(Reason.CONFIGURATION);
            assertThat(thrown.getMessage()).contains(fragments);
        };
    }
}

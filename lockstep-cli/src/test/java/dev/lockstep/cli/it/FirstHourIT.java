package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** What a new user meets in the first hour, as the real jar answers it: mistakes fail at once with the right code. */
class FirstHourIT {
    @TempDir
    Path folder;

    private Path migrations() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__firsthour.sql"), "CREATE TABLE firsthour_t (id int);\n");
        return migrations;
    }

    @Test
    void aMalformedPortIsExitTwoAtOnceAndTheDriversWarningComesThroughLockstepsLog() throws Exception {
        CliProcess migrate = CliProcess.start(folder, "migrate", "migrate", "--url",
                "jdbc:postgresql://127.0.0.1:notaport/postgres?user=postgres", "--locations", migrations().toString(),
                "--connect-timeout", "60s");

        assertThat(migrate.exitCode(30)).as(migrate.stderr()).isEqualTo(2);
        assertThat(migrate.stderr())
                .contains("malformed", "not retried")
                .doesNotContain("Retrying")
                .as("the JDK's own console format").doesNotContain("WARNING: ")
                .containsPattern("(?m)^\\S+ WARN .*invalid port number: notaport");
    }

    @Test
    void mariaDbWithoutTlsOnTheServerIsExitThreeAtOnceWithTheFix() throws Exception {
        CliProcess migrate = CliProcess.start(folder, "migrate", "migrate", "--url",
                "jdbc:mariadb://127.0.0.1:3306/firsthour_none?user=root", "--locations", migrations().toString(),
                "--connect-timeout", "60s");

        assertThat(migrate.exitCode(30)).as(migrate.stderr()).isEqualTo(3);
        assertThat(migrate.stderr()).contains("sslMode=disable", "not retried").doesNotContain("Retrying");
    }

    @Test
    void validateGivesTheExitCodeMigrateGivesForAMariaDbMigrationStoppedPartWay() throws Exception {
        String database = "firsthour_partway_" + ProcessHandle.current().pid();
        admin("CREATE DATABASE " + database);
        try {
            String url = TestDatabase.MYSQL_ADMIN.replace("3306/?", "3306/" + database + "?");
            Path migrations = Files.createDirectories(folder.resolve("db/migration"));
            Files.writeString(migrations.resolve("V1__partway.sql"),
                    "CREATE TABLE firsthour_a (id int);\nCREATE TABLE firsthour_a (id int);\n");
            CliProcess first = CliProcess.start(folder, "first", "migrate", "--url", url, "--locations", migrations.toString());
            assertThat(first.exitCode(60)).as(first.stderr()).isNotZero();

            CliProcess migrate = CliProcess.start(folder, "migrate", "migrate", "--url", url, "--locations", migrations.toString());
            CliProcess validate = CliProcess.start(folder, "validate", "validate", "--url", url, "--locations", migrations.toString());

            assertThat(migrate.exitCode(60)).as(migrate.stderr()).isEqualTo(7);
            assertThat(validate.exitCode(60)).as("one state, one code: " + validate.stdout() + validate.stderr()).isEqualTo(7);
        } finally {
            admin("DROP DATABASE IF EXISTS " + database);
        }
    }

    @Test
    void readOnlyCommandsOnASqliteFileThatDoesNotExistSayTheFileIsMissingAndCreateNothing() throws Exception {
        Path typo = folder.resolve("typo.db");
        for (String command : new String[] {"info", "validate", "history"}) {
            CliProcess run = CliProcess.start(folder, command, command, "--url", "jdbc:sqlite:" + typo,
                    "--locations", migrations().toString());

            assertThat(run.exitCode(30)).as(run.stderr()).isEqualTo(3);
            assertThat(run.stderr()).as(command).contains(typo.toString(), "does not exist", "lockstep migrate");
            assertThat(typo).as(command + " changes nothing").doesNotExist();
        }
    }

    @Test
    void readOnlyCommandsReadAnExistingSqliteFileAndLeaveItAsItWas() throws Exception {
        Path db = folder.resolve("app.db");
        CliProcess migrate = CliProcess.start(folder, "migrate", "migrate", "--url", "jdbc:sqlite:" + db,
                "--locations", migrations().toString());
        assertThat(migrate.exitCode(60)).as(migrate.stderr()).isZero();
        byte[] before = Files.readAllBytes(db);

        CliProcess info = CliProcess.start(folder, "info", "info", "--url", "jdbc:sqlite:" + db,
                "--locations", migrations().toString());

        assertThat(info.exitCode(30)).as(info.stderr()).isZero();
        assertThat(info.stdout()).contains("firsthour");
        assertThat(Files.readAllBytes(db)).as("info wrote nothing").isEqualTo(before);
    }

    @Test
    void twoReplicasWithTheSameHostNameAndPidOneStillHaveTwoReplicaIds() throws Exception {
        Path db = folder.resolve("replicas.db");
        Path migrations = migrations();
        Map<String, String> sameHost = Map.of("HOSTNAME", "firsthour-vm");
        CliProcess first = CliProcess.startAsPidOne(folder, "first", sameHost, "migrate", "--url", "jdbc:sqlite:" + db,
                "--locations", migrations.toString());
        assertThat(first.exitCode(60)).as(first.stderr()).isZero();
        Files.writeString(migrations.resolve("V2__second.sql"), "CREATE TABLE firsthour_u (id int);\n");
        CliProcess second = CliProcess.startAsPidOne(folder, "second", sameHost, "migrate", "--url", "jdbc:sqlite:" + db,
                "--locations", migrations.toString());
        assertThat(second.exitCode(60)).as(second.stderr()).isZero();

        List<String> replicas = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT replica FROM lockstep_history ORDER BY installed_rank")) {
            while (rows.next()) {
                replicas.add(rows.getString(1));
            }
        }
        assertThat(replicas).hasSize(2).allMatch(id -> id.startsWith("firsthour-vm:1:"), "the host name and pid, readable");
        assertThat(replicas.get(0)).as("each process is told apart").isNotEqualTo(replicas.get(1));
    }

    @Test
    void aLongStatementSaysEveryIntervalWhichStatementRunsAndForHowLong() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder, "firsthour_progress")) {
            Path migrations = Files.createDirectories(folder.resolve("slow"));
            Files.writeString(migrations.resolve("V1__slow.sql"), "CREATE TABLE firsthour_slow (id int);\nSELECT pg_sleep(2);\n");

            CliProcess migrate = CliProcess.start(folder, "migrate", "migrate", "--url", db.url(), "--locations",
                    migrations.toString(), "--progress-interval", "250ms");

            assertThat(migrate.exitCode(60)).as(migrate.stderr()).isZero();
            assertThat(migrate.stderr()).containsPattern("INFO V1__slow.sql: statement 2 of 2 running for \\d+s")
                    .as("not a terminal: plain lines").doesNotContain("\r");
        }
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.MYSQL_ADMIN); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

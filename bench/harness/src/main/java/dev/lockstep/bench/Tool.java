package dev.lockstep.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A migration tool as one replica runs it: a separate JVM started from its own jar, with the
 * same folder of files ({@link Workload}) and the same database. {@link #manualStep} is what a human
 * runs when a replica cannot carry on by itself (S2).
 */
enum Tool {
    LOCKSTEP, FLYWAY, LIQUIBASE;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Tool of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** {@code migrate} (Liquibase: {@code update}) as replica {@code replica}. */
    List<String> migrate(Jars jars, Target target, Path dir, String replica) {
        return switch (this) {
            case LOCKSTEP -> lockstep(List.of(jars.launcher().toString()), target, dir, replica);
            case FLYWAY -> java("-cp", jars.flyway().toString(), "dev.lockstep.bench.flyway.FlywayRunner", "migrate",
                    target.url(), dir.resolve("migrations").toString());
            case LIQUIBASE -> java("-cp", jars.liquibase().toString(), "dev.lockstep.bench.liquibase.LiquibaseRunner",
                    "update", target.url(), dir.toString());
        };
    }

    /** lockstep's jar started bare, {@code java -jar lockstep.jar}, without the launcher's JVM options. */
    static List<String> lockstepBareJar(Jars jars, Target target, Path dir, String replica) {
        return lockstep(List.of(Jars.javaBinary(), "-jar", jars.lockstep().toString()), target, dir, replica);
    }

    private static List<String> lockstep(List<String> start, Target target, Path dir, String replica) {
        List<String> command = new ArrayList<>(start);
        command.addAll(List.of("migrate", "--url", target.url(), "--locations", dir.resolve("migrations").toString(),
                "--replica-id", replica, "--lock-timeout", "5m", "--connect-timeout", "30s"));
        return command;
    }

    /** The documented manual step after a dead holder, or {@code null} when the tool has none. */
    List<String> manualStep(Jars jars, Target target, Path dir) {
        return switch (this) {
            case LOCKSTEP -> null;
            case FLYWAY -> java("-cp", jars.flyway().toString(), "dev.lockstep.bench.flyway.FlywayRunner", "repair",
                    target.url(), dir.resolve("migrations").toString());
            case LIQUIBASE -> java("-cp", jars.liquibase().toString(), "dev.lockstep.bench.liquibase.LiquibaseRunner",
                    "release-locks", target.url(), dir.toString());
        };
    }

    /** How a human would name {@link #manualStep}. */
    String manualStepName() {
        return switch (this) {
            case LOCKSTEP -> "none";
            case FLYWAY -> "flyway repair";
            case LIQUIBASE -> "liquibase release-locks";
        };
    }

    /** Applied versions in the tool's history, counted once per row: equal to the file count when exactly once. */
    String appliedRowsSql() {
        return switch (this) {
            case LOCKSTEP -> "SELECT COUNT(*) FROM lockstep_history WHERE status = 'applied'";
            case FLYWAY -> "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL";
            case LIQUIBASE -> "SELECT COUNT(*) FROM DATABASECHANGELOG";
        };
    }

    /** Distinct applied versions: fewer than {@link #appliedRowsSql} rows means something ran twice. */
    String distinctAppliedSql() {
        return switch (this) {
            case LOCKSTEP -> "SELECT COUNT(DISTINCT version) FROM lockstep_history WHERE status = 'applied'";
            case FLYWAY -> "SELECT COUNT(DISTINCT version) FROM flyway_schema_history WHERE success AND version IS NOT NULL";
            case LIQUIBASE -> "SELECT COUNT(DISTINCT ID) FROM DATABASECHANGELOG";
        };
    }

    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Jars.javaBinary());
        command.addAll(List.of(args));
        return command;
    }
}

package dev.lockstep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where each tool's jar is. lockstep runs through its launcher {@code ./lockstep}, as users run it:
 * the launcher adds its JVM options and the AppCDS archive that {@code package} builds beside the jar.
 */
record Jars(Path launcher, Path lockstep, Path flyway, Path liquibase, Path bench, Path springLockstep, Path springFlyway) {

    static Jars under(Path root) {
        return new Jars(root.resolve("lockstep"), root.resolve("lockstep-cli/target/lockstep.jar"),
                root.resolve("bench/flyway/target/flyway-runner.jar"),
                root.resolve("bench/liquibase/target/liquibase-runner.jar"),
                root.resolve("bench/harness/target/bench.jar"),
                root.resolve("examples/spring-boot-app/target/spring-boot-app.jar"),
                root.resolve("bench/spring-boot-flyway/target/spring-boot-app-flyway.jar"));
    }

    /** Every jar the chosen scenarios and tools run: the peers' only for the scenarios that compare with them. */
    void check(Options options) {
        List<Path> needed = new java.util.ArrayList<>(List.of(lockstep, bench));
        if (options.scenarios().stream().anyMatch(List.of("S1", "S2", "S3", "S4")::contains)) {
            if (options.tools().contains(Tool.FLYWAY)) {
                needed.add(flyway);
            }
            if (options.tools().contains(Tool.LIQUIBASE)) {
                needed.add(liquibase);
            }
        }
        if (options.scenarios().contains("S6")) {
            needed.addAll(List.of(springLockstep, springFlyway));
        }
        for (Path jar : needed) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run ./bench/run, which builds it");
            }
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

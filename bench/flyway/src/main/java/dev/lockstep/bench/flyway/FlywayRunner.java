package dev.lockstep.bench.flyway;

import org.flywaydb.core.Flyway;

/**
 * One Flyway replica: {@code migrate} or {@code repair} (the manual step after a failed migration)
 * with the folder of SQL files, through Flyway's Java API, its fastest path (its CLI starts more).
 * Exit 0 on success, 1 with the error's message on stderr otherwise: Flyway has no exit-code table.
 *
 * <p>Usage: {@code FlywayRunner migrate|repair <jdbc-url> <folder>}.
 */
public final class FlywayRunner {
    private FlywayRunner() {
    }

    public static void main(String[] args) {
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(args[1], null, null)
                    .locations("filesystem:" + args[2])
                    .load();
            switch (args[0]) {
                case "migrate" -> flyway.migrate();
                case "repair" -> flyway.repair();
                default -> throw new IllegalArgumentException("unknown verb " + args[0]);
            }
        } catch (RuntimeException e) {
            System.err.println("flyway: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}

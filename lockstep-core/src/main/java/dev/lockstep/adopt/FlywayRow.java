package dev.lockstep.adopt;

/**
 * One row of Flyway's {@code flyway_schema_history}, the columns adoption needs.
 *
 * @param version {@code null} for repeatable migrations and Flyway's own schema-creation row
 * @param type    {@code SQL}, {@code JDBC}, {@code BASELINE}, {@code UNDO_SQL}, {@code DELETE}, {@code SCHEMA}, ...
 * @param success Flyway's {@code success} column: false for a migration that failed part-way
 */
public record FlywayRow(int installedRank, String version, String description, String type, String script,
                        String installedBy, boolean success) {
}

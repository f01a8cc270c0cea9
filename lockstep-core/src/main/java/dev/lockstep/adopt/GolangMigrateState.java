package dev.lockstep.adopt;

/**
 * golang-migrate's {@code schema_migrations}: its one row.
 *
 * @param version the version applied last, or -1 (golang-migrate's "no version")
 * @param dirty   whether golang-migrate stopped part-way through {@code version}
 */
public record GolangMigrateState(long version, boolean dirty) {
}

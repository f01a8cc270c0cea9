/**
 * Java migrations: a class on the classpath named like a versioned migration ({@code db.migration.V7__Backfill_emails})
 * that implements {@link dev.lockstep.migration.JavaMigration}, given the migration's connection and the backfill
 * helper the SQL {@code -- lockstep:batch} statements use.
 */
package dev.lockstep.migration;

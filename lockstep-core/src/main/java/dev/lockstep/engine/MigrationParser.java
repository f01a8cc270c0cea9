package dev.lockstep.engine;

import dev.lockstep.db.Dialect;
import dev.lockstep.model.Migration;
import dev.lockstep.source.JavaMigrationClass;
import dev.lockstep.source.Placeholders;

/**
 * Splits migrations for one database, with their placeholders resolved first. The checksum stays the
 * file's own, taken before substitution, so a changed value never looks like an edited migration.
 */
final class MigrationParser {
    private final Dialect dialect;
    private final Placeholders placeholders;
    private final ClassLoader classLoader;

    /** @param classLoader makes Java migrations' instances */
    MigrationParser(Dialect dialect, Placeholders placeholders, ClassLoader classLoader) {
        this.dialect = dialect;
        this.placeholders = placeholders;
        this.classLoader = classLoader;
    }

    /**
     * @throws dev.lockstep.error.LockstepException {@code INVALID_MIGRATIONS} for an undefined placeholder,
     *                                              SQL that cannot be split, or a statement that would drop the lock
     */
    ParsedMigration parse(Migration migration) {
        if (migration.isJava()) {
            return ParsedMigration.ofJava(migration, JavaMigrationClass.instantiate(classLoader, migration.script()),
                    dialect.supportsTransactionalDdl());
        }
        return ParsedMigration.of(resolve(migration), dialect.sqlDialect(), dialect.supportsTransactionalDdl());
    }

    /** The migration with its placeholders replaced and its checksum unchanged. */
    Migration resolve(Migration migration) {
        if (migration.isJava()) {
            return migration;
        }
        String sql = placeholders.resolve(migration.sql(), migration.path());
        if (sql.equals(migration.sql())) {
            return migration;
        }
        return new Migration(migration.version(), migration.description(), migration.type(), migration.script(),
                migration.path(), migration.checksum(), sql);
    }
}

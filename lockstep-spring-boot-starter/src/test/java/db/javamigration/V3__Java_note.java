package db.javamigration;

import dev.lockstep.migration.Context;
import dev.lockstep.migration.JavaMigration;

import java.sql.Statement;

/** A Java migration on the application's classpath, in one transaction with its history row. */
public class V3__Java_note implements JavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement insert = context.connection().createStatement()) {
            insert.executeUpdate("INSERT INTO notes (id, text) VALUES (3, 'from java')");
        }
    }
}

package db.javamigration;

import dev.lockstep.migration.Context;
import dev.lockstep.migration.JavaMigration;

import java.sql.PreparedStatement;

/** A Java backfill on the application's classpath: one note per batch, each batch in its own transaction. */
public class V4__Java_backfill implements JavaMigration {
    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        context.backfill(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE notes SET text = upper(text)"
                    + " WHERE id IN (SELECT id FROM notes WHERE text <> upper(text) LIMIT 1)")) {
                return update.executeUpdate();
            }
        });
    }
}

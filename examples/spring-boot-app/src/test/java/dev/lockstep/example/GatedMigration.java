package dev.lockstep.example;

import dev.lockstep.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A slow migration the test ends when it has seen what it needs: {@code V3} makes a table {@code gate}, and
 * {@code V4} runs statement after statement, each a short sleep (a short computation on SQLite, which cannot sleep)
 * while {@code gate} is empty and nothing once the test has inserted a row. So "while one replica migrates" lasts
 * exactly as long as the test needs, however slowly the machine starts six JVMs, and no assertion depends on timing.
 * {@code V4} runs outside a transaction, statement by statement with lockstep's journal, so a SIGTERM stops it between
 * two statements and the next replica resumes it.
 */
final class GatedMigration {
    /** Enough gated statements for about two minutes (PostgreSQL, MariaDB) or one and a half (SQLite) while closed. */
    private static final int STATEMENTS = 240;

    private GatedMigration() {
    }

    static Path write(Path folder, TestDatabase.Kind kind) throws IOException {
        Path dir = Files.createDirectories(folder.resolve("slow"));
        Files.writeString(dir.resolve("V3__gate.sql"), "CREATE TABLE IF NOT EXISTS gate (opened INTEGER);\n");
        StringBuilder slow = new StringBuilder("-- lockstep:no-transaction\n");
        for (int i = 0; i < STATEMENTS; i++) {
            slow.append(switch (kind) {
                case POSTGRESQL -> "SELECT pg_sleep(0.5) WHERE NOT EXISTS (SELECT 1 FROM gate);";
                case MARIADB -> "SELECT SLEEP(0.5) FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM gate);";
                case SQLITE -> "WITH RECURSIVE c(x) AS (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM gate)"
                        + " UNION ALL SELECT x + 1 FROM c WHERE x < 500000) SELECT count(*) FROM c;";
            }).append('\n');
        }
        Files.writeString(dir.resolve("V4__slow.sql"), slow);
        return dir;
    }

    static void open(TestDatabase database) throws Exception {
        database.execute("INSERT INTO gate (opened) VALUES (1)");
    }
}

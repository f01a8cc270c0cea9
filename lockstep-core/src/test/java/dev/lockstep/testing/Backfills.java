package dev.lockstep.testing;

/**
 * The migrations of the backfill tests, for each database: a {@code users} table of {@code rows} rows, then a column
 * and its backfill in batches of {@link #BATCH}, bounded by the statement itself. {@code touched} counts each row's
 * updates by the backfill, so a test sees that no row was backfilled twice.
 */
public final class Backfills {
    public static final int BATCH = 5_000;

    private Backfills() {
    }

    /** V1: the table and its rows. */
    public static String table(TestDatabase.Kind kind, int rows) {
        String create = "CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(200) NOT NULL,"
                + " visits INTEGER NOT NULL DEFAULT 0, touched INTEGER NOT NULL DEFAULT 0);\n";
        return create + switch (kind) {
            case POSTGRESQL -> "INSERT INTO users (id, email) SELECT g, 'User' || g || '@Example.com'"
                    + " FROM generate_series(1, " + rows + ") g;\n";
            case MARIADB -> "INSERT INTO users (id, email) SELECT seq, CONCAT('User', seq, '@Example.com')"
                    + " FROM seq_1_to_" + rows + ";\n";
            case SQLITE -> "INSERT INTO users (id, email) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1"
                    + " FROM c WHERE x < " + rows + ") SELECT x, 'User' || x || '@Example.com' FROM c;\n";
        };
    }

    /** V2: {@code ALTER TABLE} on line 1, {@code directive} on line 3, the backfill on line 4. */
    public static String backfill(TestDatabase.Kind kind, String directive) {
        return "ALTER TABLE users ADD COLUMN email_lower VARCHAR(200);\n\n" + directive + "\n" + bounded(kind) + ";\n";
    }

    /** The backfill's statement, bounded to {@link #BATCH} rows and leaving out the rows it changed. */
    public static String bounded(TestDatabase.Kind kind) {
        return kind == TestDatabase.Kind.MARIADB
                ? "UPDATE users SET email_lower = lower(email), touched = touched + 1 WHERE email_lower IS NULL"
                + " ORDER BY id LIMIT " + BATCH
                : "UPDATE users SET email_lower = lower(email), touched = touched + 1 WHERE id IN"
                + " (SELECT id FROM users WHERE email_lower IS NULL LIMIT " + BATCH + ")";
    }

    /**
     * V2 bounded by key ranges: {@code ALTER TABLE} on line 1, {@code -- lockstep:batch key=id size=5000} and
     * {@code options} on line 3, and on line 4 an {@code UPDATE} of every row with no condition at all: only the key
     * journaled with each batch keeps a resumed backfill from changing a row twice.
     */
    public static String keyed(String options) {
        return "ALTER TABLE users ADD COLUMN email_lower VARCHAR(200);\n\n-- lockstep:batch key=id size=" + BATCH
                + (options.isEmpty() ? "" : " " + options)
                + "\nUPDATE users SET email_lower = lower(email), touched = touched + 1;\n";
    }

    /** The statement that refreshes the catalog's estimate of the table's rows. */
    public static String analyze(TestDatabase.Kind kind) {
        return switch (kind) {
            case POSTGRESQL -> "ANALYZE users";
            case MARIADB -> "ANALYZE TABLE users";
            case SQLITE -> "ANALYZE";
        };
    }

    /** {@code a:b} in the database's SQL. */
    public static String concat(TestDatabase.Kind kind, String a, String b) {
        return kind == TestDatabase.Kind.MARIADB ? "CONCAT(" + a + ", ':', " + b + ")" : a + " || ':' || " + b;
    }
}

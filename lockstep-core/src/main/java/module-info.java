/**
 * lockstep: database migrations that are safe when many replicas start at once.
 *
 * <p>What an application may use: the front door {@link dev.lockstep.Lockstep} and its configuration, what the verbs
 * return ({@code result}), the events a run tells its listeners ({@code event}), the one exception and its reasons
 * ({@code error}), the interface a Java migration implements ({@code migration}), and the linter and volume preflight that stand beside the engine. Everything else (the engine, the
 * planner, the database layer, the file scanner, the SQL splitter) is how lockstep works, not what it promises, and
 * may change in any release.
 */
module dev.lockstep.core {
    requires transitive java.sql;
    requires org.slf4j;

    exports dev.lockstep;
    exports dev.lockstep.error;
    exports dev.lockstep.event;
    exports dev.lockstep.lint;
    exports dev.lockstep.migration;
    exports dev.lockstep.preflight;
    exports dev.lockstep.result;

    // Each database lockstep works with, found by dev.lockstep.db.Databases (META-INF/services lists the same for a
    // class path). README "Adding a database".
    uses dev.lockstep.db.DatabaseProvider;
    provides dev.lockstep.db.DatabaseProvider with
            dev.lockstep.db.postgres.PostgresProvider,
            dev.lockstep.db.mysql.MySqlProvider,
            dev.lockstep.db.sqlite.SqliteProvider;
}

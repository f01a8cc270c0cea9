package dev.lockstep.engine;

import dev.lockstep.db.CatalogProbe;
import dev.lockstep.sql.CatalogFact;
import dev.lockstep.sql.Statement;
import dev.lockstep.sql.StatementEffect;
import dev.lockstep.sql.StatementKind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges the statement that was in flight when a migration running statement by statement stopped
 * without recording it (its replica died, or its statement was cancelled): statement
 * {@code done + 1}, where {@code done} is what the journal says. See
 * {@code docs/decisions/0008-judging-the-statement-in-flight.md}.
 *
 * @param verdict what the database holds
 * @param reason  why, for the history and the log
 */
record InFlight(Verdict verdict, String reason) {

    enum Verdict {
        /** It completed: count it as done and go on with the next one. */
        TOOK_EFFECT,
        /** It left nothing behind, or running it again is harmless: run it again. */
        RUNS_AGAIN,
        /** Nothing tells: a person must look (exit 7). */
        IN_DOUBT
    }

    /** How many statements count as done once this verdict is applied to a journal at {@code done}. */
    int done(int journaled) {
        return verdict == Verdict.TOOK_EFFECT ? journaled + 1 : journaled;
    }

    /**
     * @param parsed the migration as it is now, from the very file that ran (equal checksums)
     * @param done   the statements the journal records as done
     */
    static InFlight judge(ParsedMigration parsed, int done, Session session) throws SQLException {
        if (done >= parsed.size()) {
            return new InFlight(Verdict.RUNS_AGAIN, "all " + parsed.size() + " statements had taken effect");
        }
        if (parsed.isJava()) {
            // Its class declared it cannot run in a transaction, and so that it is safe to run again (JavaMigration).
            return new InFlight(Verdict.RUNS_AGAIN, "a Java migration outside a transaction runs again from the start,"
                    + " as its class promises it can; its backfills resume with their next batch");
        }
        Statement statement = parsed.statement(done + 1);
        String which = "statement " + (done + 1) + " (line " + statement.line() + ")";
        if (statement.isBatch()) {
            return new InFlight(Verdict.RUNS_AGAIN, which + " is a backfill whose batches commit with their counts:"
                    + " the batch in flight rolled back, and the backfill resumes with the next batch");
        }
        if (parsed.atomicWithJournal(statement)) {
            return new InFlight(Verdict.RUNS_AGAIN, which + " commits together with its journal entry, which is not"
                    + " there: the database rolled it back");
        }
        StatementKind kind = statement.kind();
        if (kind == StatementKind.QUERY || kind == StatementKind.SESSION || kind == StatementKind.TRANSACTION_CONTROL
                || kind == StatementKind.OTHER) {
            return new InFlight(Verdict.RUNS_AGAIN, which + " changes no schema or rows lockstep could count twice"
                    + " (" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "): it runs again");
        }
        if (kind == StatementKind.DML) {
            return new InFlight(Verdict.IN_DOUBT, which + " changes rows outside lockstep's transaction, and the"
                    + " catalog cannot tell whether it committed");
        }
        // Look where the statement ran: in the session its migration's own SET and USE statements made.
        session.dialect().restoreSession(session.connection());
        try (java.sql.Statement jdbc = session.connection().createStatement()) {
            for (Statement set : parsed.sessionStatementsUpTo(done)) {
                jdbc.execute(set.sql());
            }
        }
        session.dialect().cleanUpAfterFailedStatement(session.connection(), statement.sql());
        StatementEffect effect = StatementEffect.of(statement.sql(), session.dialect().sqlDialect());
        if (effect instanceof StatementEffect.Repeatable r) {
            return new InFlight(Verdict.RUNS_AGAIN, which + ": " + r.why() + "; it runs again");
        }
        if (effect instanceof StatementEffect.Observable o) {
            return probe(which, o.facts(), session.dialect().catalog(session.connection()));
        }
        return new InFlight(Verdict.IN_DOUBT, which + " may or may not have taken effect: "
                + ((StatementEffect.Undecidable) effect).why());
    }

    /** All facts as the statement leaves them: it took effect; none: it did not; anything else is in doubt. */
    private static InFlight probe(String which, List<CatalogFact> facts, CatalogProbe catalog) throws SQLException {
        List<String> after = new ArrayList<>();
        List<String> before = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (CatalogFact fact : facts) {
            Optional<Boolean> exists = catalog.exists(fact);
            if (exists.isEmpty()) {
                unknown.add(fact.describe());
            } else if (exists.get() == fact.present()) {
                after.add(fact.describe());
            } else {
                before.add(fact.describe());
            }
        }
        if (unknown.isEmpty() && before.isEmpty()) {
            return new InFlight(Verdict.TOOK_EFFECT, which + " took effect: the catalog has " + String.join(", ", after));
        }
        if (unknown.isEmpty() && after.isEmpty()) {
            return new InFlight(Verdict.RUNS_AGAIN, which + " did not take effect: the catalog does not have "
                    + String.join(", ", facts.stream().map(CatalogFact::describe).toList()) + "; it runs again");
        }
        return new InFlight(Verdict.IN_DOUBT, which + " may have taken effect in part: the catalog has "
                + (after.isEmpty() ? "none" : String.join(", ", after)) + " but not " + String.join(", ", before)
                + (unknown.isEmpty() ? "" : ", and cannot tell " + String.join(", ", unknown)));
    }
}

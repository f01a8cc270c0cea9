package dev.lockstep.lint;

import java.util.Arrays;
import java.util.Optional;

import static dev.lockstep.lint.Severity.ERROR;
import static dev.lockstep.lint.Severity.INFO;
import static dev.lockstep.lint.Severity.WARNING;

/**
 * Every finding lockstep can report, with its stable code and severity. Codes are grouped by family
 * (0xx unreadable SQL, 1xx idempotency, 2xx PostgreSQL locking, 3xx MySQL/MariaDB locking, 4xx transactions, 5xx rolling
 * deploys, 6xx missing undo, 7xx row changes, 9xx suppression problems) and never reused for another meaning.
 */
public enum RuleCode {
    LS001(ERROR, "SQL that cannot be split into statements",
            "Close the string, quoted name or comment the message names; the database would refuse the file too."),
    LS101(WARNING, "CREATE without IF NOT EXISTS or OR REPLACE",
            "Write CREATE ... IF NOT EXISTS (CREATE OR REPLACE for views and functions) so a retry steps over what an interrupted attempt made."),
    LS102(WARNING, "DROP without IF EXISTS",
            "Write DROP ... IF EXISTS so a retry steps over what an interrupted attempt already dropped."),
    LS103(WARNING, "ADD COLUMN without IF NOT EXISTS",
            "Write ADD COLUMN IF NOT EXISTS so a retry steps over a column an interrupted attempt added."),
    LS201(ERROR, "CREATE INDEX without CONCURRENTLY on an existing table",
            "Use CREATE INDEX CONCURRENTLY IF NOT EXISTS, in a migration of its own: it does not block writes."),
    LS202(ERROR, "ADD COLUMN ... NOT NULL without a default",
            "Add the column nullable (or with a constant DEFAULT), backfill, then add the NOT NULL constraint."),
    LS203(ERROR, "ADD COLUMN whose default rewrites the table",
            "Add the column without the default, set the default for new rows, and backfill existing rows in batches."),
    LS204(ERROR, "ALTER COLUMN ... TYPE rewrites the table",
            "Add a column of the new type, write both, backfill in batches, switch reads, then drop the old column."),
    LS205(ERROR, "ADD CONSTRAINT without NOT VALID",
            "Add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later migration: validating takes a weaker lock."),
    LS206(ERROR, "SET NOT NULL scans the table under an exclusive lock",
            "Add CHECK (col IS NOT NULL) NOT VALID, validate it, then SET NOT NULL (PostgreSQL 12+ then skips the scan)."),
    LS207(ERROR, "DDL on an existing table without a lock_timeout",
            "Keep lockstep's lock_timeout (--ddl-lock-timeout), or set a non-zero one, so the DDL fails fast instead of queueing every query behind it."),
    LS208(INFO, "CREATE INDEX CONCURRENTLY shares its file with other statements",
            "Put CREATE INDEX CONCURRENTLY in a migration of its own: the whole file then runs outside a transaction."),
    LS301(ERROR, "ALTER TABLE without an online algorithm",
            "Name the algorithm: ALGORITHM=INSTANT, or ALGORITHM=INPLACE, LOCK=NONE; the server then refuses rather than locks."),
    LS302(ERROR, "ALGORITHM=INSTANT with a LOCK clause",
            "Drop the LOCK clause (or write LOCK=DEFAULT): INSTANT takes no lock, and the server rejects any other LOCK."),
    LS303(ERROR, "CREATE or DROP INDEX without ALGORITHM=INPLACE LOCK=NONE",
            "Append ALGORITHM=INPLACE LOCK=NONE so the index is built without blocking writes."),
    LS401(ERROR, "CONCURRENTLY in a file that opens a transaction",
            "Remove BEGIN/COMMIT: lockstep runs a file with CONCURRENTLY outside a transaction by itself."),
    LS402(ERROR, "Transaction control in a migration file",
            "Remove BEGIN/COMMIT/ROLLBACK: lockstep runs each migration in a transaction where the database allows it."),
    LS403(ERROR, "DDL and DML in one MySQL/MariaDB migration",
            "Split the file: one migration for the DDL, another for the row changes, so each can be retried."),
    LS501(WARNING, "DROP of a table or column the previous release uses",
            "Contract in two releases: ship code that no longer uses it, then drop it in a later migration."),
    LS502(WARNING, "RENAME of a table or column the previous release uses",
            "Expand and contract: add the new name, write both, backfill, switch reads, drop the old name in a later release."),
    LS601(WARNING, "Versioned migration without an undo file",
            "Add the undo file: U<version>__<description>.sql or <version>_<description>.down.sql."),
    LS701(WARNING, "UPDATE or DELETE of an existing table in one transaction, unbounded",
            "Bound it (LIMIT 5000, or WHERE id IN (SELECT id ... LIMIT 5000)) and put -- lockstep:batch on the line before it,"
                    + " or put -- lockstep:batch key=id before it as it is (an integer primary key)."),
    LS901(WARNING, "Suppression without a reason",
            "Say why after the code: -- lockstep:ignore LS201 table has 10 rows"),
    LS902(WARNING, "Suppression of an unknown code",
            "Use a code from lockstep's rule table, such as LS201.");

    private final Severity severity;
    private final String title;
    private final String help;

    RuleCode(Severity severity, String title, String help) {
        this.severity = severity;
        this.title = title;
        this.help = help;
    }

    public String code() {
        return name();
    }

    public Severity severity() {
        return severity;
    }

    /** One line naming the problem. */
    public String title() {
        return title;
    }

    /** The general fix; each finding also carries one for its own statement. */
    public String help() {
        return help;
    }

    /** The code written in a suppression, in any case. */
    public static Optional<RuleCode> of(String code) {
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(code)).findFirst();
    }
}

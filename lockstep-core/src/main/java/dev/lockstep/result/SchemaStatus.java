package dev.lockstep.result;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the schema stands against the local migrations, read from the history without taking the lock:
 * what {@link dev.lockstep.Lockstep#status}, {@link dev.lockstep.Lockstep#awaitSchema} and health probes report.
 *
 * @param database       where, without secrets
 * @param schema         the schema of the history table
 * @param currentVersion the newest applied version, or {@code null}
 * @param pending        local migrations not applied yet (up to the target), in the order migrate applies them
 * @param running        history rows a replica is applying now (or was applying when it died)
 * @param problems       why migrate would refuse to go on (checksum mismatch, repair needed); empty when none
 * @param backfills      how far the backfills of the {@code running} migrations have come; empty when none runs
 */
public record SchemaStatus(String database, String schema, String currentVersion, List<MigrationRef> pending,
                           List<HistoryEntry> running, List<String> problems, List<RunningBackfill> backfills) {

    public SchemaStatus {
        pending = List.copyOf(pending);
        running = List.copyOf(running);
        problems = List.copyOf(problems);
        backfills = List.copyOf(backfills);
    }

    /** Without backfill progress. */
    public SchemaStatus(String database, String schema, String currentVersion, List<MigrationRef> pending,
                        List<HistoryEntry> running, List<String> problems) {
        this(database, schema, currentVersion, pending, running, problems, List.of());
    }

    /** The backfill of {@code row}'s statement in flight, if one has committed batches. */
    public java.util.Optional<RunningBackfill> backfillOf(HistoryEntry row) {
        return backfills.stream().filter(b -> b.script().equals(row.script()) && b.statement() == row.statementInFlight())
                .findFirst();
    }

    /** At the target: nothing pending, nothing running, nothing wrong. */
    public boolean isReady() {
        return pending.isEmpty() && running.isEmpty() && problems.isEmpty();
    }

    /**
     * What the schema waits for, in one line: {@code V7__orders.sql being applied by replica api-2:41
     * (statement 3 of 5, since ...); 2 pending: V8__a.sql, V9__b.sql}, or {@code up to date at version 9}.
     */
    public String describe() {
        if (isReady()) {
            return "up to date at " + (currentVersion == null ? "no version" : "version " + currentVersion);
        }
        StringBuilder text = new StringBuilder();
        if (!problems.isEmpty()) {
            text.append(String.join("; ", problems));
        }
        for (HistoryEntry row : running) {
            separate(text).append(row.script()).append(" being applied by replica ").append(row.replica())
                    .append(" (").append(row.progress());
            backfillOf(row).ifPresent(b -> text.append(", a backfill: ").append(b.batches()).append(" batches, ")
                    .append(b.rows()).append(" rows"));
            text.append(", since ").append(row.startedAt()).append(")");
        }
        if (!pending.isEmpty()) {
            separate(text).append(pending.size()).append(" pending: ")
                    .append(pending.stream().limit(5).map(MigrationRef::script).collect(Collectors.joining(", ")))
                    .append(pending.size() > 5 ? ", ..." : "");
        }
        return text.toString();
    }


    private static StringBuilder separate(StringBuilder text) {
        return text.isEmpty() ? text : text.append("; ");
    }
}

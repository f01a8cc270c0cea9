package dev.lockstep.cli;

import dev.lockstep.Fleet;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.HistoryResult;
import dev.lockstep.result.TenantResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "The audit trail: every row of the history table in the order written, failed attempts and undos included,",
        "with who ran it (database user and replica), when, how long it took, how it ended and its error.",
        "Takes no lock and changes nothing."})
final class HistoryCommand extends DatabaseCommand {
    @Mixin
    TenantOptions tenants;

    @Override
    public Integer call() {
        if (tenants.selected()) {
            Fleet fleet = root.stop.attach(tenants.fleet(connection.configure(), connection.schema, new FleetProgress()).load());
            List<TenantResult<HistoryResult>> results = fleet.history();
            print(() -> FleetReads.historyText(results), () -> FleetReads.historyJson(results));
            return ExitCode.ofFleetRead(root.stop, FleetReads.allRead(results));
        }
        HistoryResult result = connection.load(root.stop).history();
        print(() -> text(result), () -> result);
        return ExitCode.OK;
    }

    static String text(HistoryResult result) {
        StringBuilder text = new StringBuilder(result.database()).append(", history table ").append(result.schema())
                .append('.').append(result.table()).append("\n\n");
        if (result.rows().isEmpty()) {
            return text.append("No history yet: lockstep has not migrated this schema.").toString();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Rank", "Version", "Description", "Type", "Status", "Statements", "Installed by", "Replica",
                "Started at", "Took"});
        List<String> errors = new ArrayList<>();
        for (HistoryEntry row : result.rows()) {
            rows.add(new String[] {
                    Integer.toString(row.installedRank()),
                    row.version() == null ? "" : row.version(),
                    row.description(),
                    row.type().name(),
                    row.status().dbValue(),
                    row.statementsDone() + "/" + row.statementsTotal(),
                    orEmpty(row.installedBy()),
                    orEmpty(row.replica()),
                    seconds(row.startedAt()),
                    row.executionMs() == null ? "" : row.executionMs() + " ms"});
            if (row.error() != null && !row.error().isBlank()) {
                errors.add("  " + row.installedRank() + " (" + row.script() + "): " + row.error().strip().replaceAll("\\s+", " "));
            }
        }
        text.append(Table.render(rows));
        if (!errors.isEmpty()) {
            text.append("\nErrors:\n").append(String.join("\n", errors)).append('\n');
        }
        return text.toString();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String seconds(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

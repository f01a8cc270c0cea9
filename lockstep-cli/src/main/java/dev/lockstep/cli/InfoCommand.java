package dev.lockstep.cli;

import dev.lockstep.Fleet;
import dev.lockstep.result.FleetInfoResult;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.InfoResult;
import dev.lockstep.result.MigrationInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
import java.util.List;

@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "List every migration with its state: pending, applied, failed, running, future, missing, outdated.",
        "Takes no lock and changes nothing."})
final class InfoCommand extends DatabaseCommand {
    @Mixin
    TenantOptions tenants;

    @Override
    public Integer call() {
        if (tenants.selected()) {
            Fleet fleet = root.stop.attach(tenants.fleet(connection.configure(), connection.schema, new FleetProgress()).load());
            FleetInfoResult result = fleet.info();
            print(() -> FleetRenderer.text(result), () -> FleetRenderer.json(result));
            return ExitCode.of(result);
        }
        InfoResult result = connection.load(root.stop).info();
        print(() -> text(result), () -> result);
        return ExitCode.OK;
    }

    static String text(InfoResult result) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Version", "Description", "Type", "State", "Installed at", "Replica"});
        for (MigrationInfo m : result.migrations()) {
            HistoryEntry row = m.applied();
            rows.add(new String[] {
                    m.version() == null ? "" : m.version(),
                    m.description(),
                    m.type().name(),
                    m.state().label(),
                    row == null || row.startedAt() == null ? "" : row.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                    row == null || row.replica() == null ? "" : row.replica()});
        }
        StringBuilder text = new StringBuilder(result.database()).append(", schema ").append(result.schema())
                .append(", current version: ").append(result.currentVersion() == null ? "none" : result.currentVersion())
                .append("\n\n");
        if (result.migrations().isEmpty()) {
            text.append("No migrations found.\n");
        } else {
            text.append(Table.render(rows));
        }
        for (String warning : result.warnings()) {
            text.append("\nWarning: ").append(warning);
        }
        return text.toString();
    }
}

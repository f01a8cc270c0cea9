package dev.lockstep.cli;

import dev.lockstep.Fleet;
import dev.lockstep.LockstepConfig;
import dev.lockstep.result.Problem;
import dev.lockstep.result.TenantResult;
import dev.lockstep.result.ValidateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "Compare the local migrations with the database's history: changed files (checksums), duplicate and",
        "out-of-order versions, applied migrations missing locally. Exits 5 when anything is wrong. Takes no lock."})
final class ValidateCommand extends DatabaseCommand {

    @Mixin
    PlaceholderOptions placeholders;
    @Mixin
    TenantOptions tenants;

    @Option(names = "--strict", description = "Also fail on migrations applied in the database that are newer than every local one.")
    boolean strict;

    @Override
    public Integer call() {
        LockstepConfig.Builder builder = placeholders.applyTo(connection.configure(), root.environment);
        if (tenants.selected()) {
            Fleet fleet = root.stop.attach(tenants.fleet(builder, connection.schema, new FleetProgress()).load());
            List<TenantResult<ValidateResult>> results = fleet.validate(strict);
            print(() -> FleetReads.validateText(results), () -> FleetReads.validateJson(results));
            return ExitCode.ofFleetRead(root.stop, FleetReads.allValid(results));
        }
        ValidateResult result = ConnectionOptions.load(builder, root.stop).validate(strict);
        print(() -> text(result), () -> result);
        return ExitCode.of(result);
    }

    static String text(ValidateResult result) {
        StringBuilder text = new StringBuilder();
        if (result.isValid()) {
            text.append("Validated ").append(result.migrations()).append(" migration").append(result.migrations() == 1 ? "" : "s")
                    .append(" against ").append(result.database()).append(": no problems.");
        } else {
            text.append("Validation of ").append(result.migrations()).append(" migrations against ").append(result.database())
                    .append(" failed with ").append(result.errors().size()).append(" problem")
                    .append(result.errors().size() == 1 ? "" : "s").append(":");
            for (Problem problem : result.errors()) {
                text.append("\n  - ").append(problem.message());
            }
        }
        for (Problem warning : result.warnings()) {
            text.append("\nWarning: ").append(warning.message());
        }
        return text.toString();
    }
}

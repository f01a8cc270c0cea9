package dev.lockstep.cli;

import dev.lockstep.Fleet;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Tenants;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.FleetListener;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Which tenants a command runs on when it runs on a fleet, and how many at once. */
final class TenantOptions {
    @Option(names = "--schemas", split = ",", paramLabel = "SCHEMA", description = "Run on these schemas (MySQL/MariaDB:"
            + " databases; SQLite: files), comma-separated, each under its own lock.")
    List<String> schemas;

    @Option(names = "--schemas-like", paramLabel = "PATTERN", description = "Run on every schema (MySQL/MariaDB: database)"
            + " whose name matches this SQL LIKE pattern, such as 'tenant_%%', found in the catalog when the run starts.")
    String schemasLike;

    @Option(names = "--tenants-file", paramLabel = "FILE", description = "Run on the tenants listed in this file: one"
            + " schema (SQLite: one file) or one JDBC URL a line; blank lines and # comments are skipped.")
    Path tenantsFile;

    @Option(names = "--parallel", paramLabel = "N", description = "With a tenant selection: how many tenants at once"
            + " (default: 1); each takes one database connection.")
    Integer parallel;

    /** Whether a tenant selection was given: the command then runs on the fleet. */
    boolean selected() {
        return schemas != null || schemasLike != null || tenantsFile != null;
    }

    /** The fleet over the selected tenants, each configured as {@code base} says but for its schema or URL. */
    Fleet.Builder fleet(LockstepConfig.Builder base, String schema, FleetListener listener) {
        if (schema != null) {
            throw usage("--schema names one schema; a tenant selection names many. Give one or the other");
        }
        return Fleet.configure(base).tenants(tenants()).parallel(parallel == null ? 1 : parallel).listener(listener);
    }

    private Tenants tenants() {
        int given = (schemas != null ? 1 : 0) + (schemasLike != null ? 1 : 0) + (tenantsFile != null ? 1 : 0);
        if (given > 1) {
            throw usage("--schemas, --schemas-like and --tenants-file each select the tenants; give one of them");
        }
        if (schemas != null) {
            return Tenants.schemas(schemas);
        }
        if (schemasLike != null) {
            return Tenants.schemasLike(schemasLike);
        }
        try {
            return Tenants.fromLines(Files.readAllLines(tenantsFile, StandardCharsets.UTF_8), tenantsFile.toString());
        } catch (IOException e) {
            throw usage("cannot read the tenants file " + tenantsFile + " (" + e.getClass().getSimpleName()
                    + "); check the path given with --tenants-file");
        }
    }

    private static LockstepException usage(String message) {
        return new LockstepException(Reason.CONFIGURATION, "Invalid options: " + message + ".");
    }
}

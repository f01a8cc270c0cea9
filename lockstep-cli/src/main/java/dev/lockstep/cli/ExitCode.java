package dev.lockstep.cli;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.result.FleetInfoResult;
import dev.lockstep.result.FleetResult;
import dev.lockstep.result.ValidateResult;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place the command line turns an outcome into its exit code. The numbers are the library's {@link Reason}
 * table (docs/architecture.md); this class says which reason each outcome is (a thrown error, an invalid set, a lint
 * that fails, a fleet with failed tenants) and what {@code lockstep --help} says of each code. No other class of the
 * command line asks a reason for its number (ArchitectureTest), and ExitCodeTest enumerates the table.
 */
final class ExitCode {
    static final int OK = 0;
    static final int INTERNAL = of(Reason.INTERNAL);
    static final int USAGE = of(Reason.CONFIGURATION);
    /** {@code exec}: the app's command was not found, as a shell says it (once the app runs, its own code is the exit code). */
    static final int APP_NOT_FOUND = 127;
    /** {@code exec}: the app's command cannot be run by this user, as a shell says it. */
    static final int APP_NOT_EXECUTABLE = 126;

    /** What {@code --help} lists for each reason's code. */
    private static final Map<Reason, String> MEANING = new EnumMap<>(Map.ofEntries(
            Map.entry(Reason.INTERNAL, "internal error (a bug: please report it)"),
            Map.entry(Reason.CONFIGURATION, "usage or configuration error"),
            Map.entry(Reason.DATABASE_UNREACHABLE, "database unreachable within --connect-timeout, or refused at once"
                    + " (credentials, TLS, unknown database)"),
            Map.entry(Reason.LOCK_TIMEOUT, "lock, or the schema (wait, exec --no-migrate), not obtained within its timeout"),
            Map.entry(Reason.INVALID_MIGRATIONS, "invalid migration set (checksum, duplicate or out-of-order version, bad"
                    + " name or UTF-8)"),
            Map.entry(Reason.MIGRATION_FAILED, "a migration failed; the message says in what state the database was left"),
            Map.entry(Reason.REPAIR_NEEDED, "the database needs repair before migrating again"),
            Map.entry(Reason.PREFLIGHT_FAILED, "preflight failed: a --writable directory cannot be used as it is"),
            Map.entry(Reason.LINT_FAILED, "lint found problems at or above --fail-on (lint, migrate --lint)"),
            Map.entry(Reason.TENANTS_FAILED, "some tenants of a fleet failed, or were invalid, unreadable or behind"
                    + " (--schemas, --schemas-like, --tenants-file)"),
            Map.entry(Reason.INTERRUPTED, "stopped by SIGINT"),
            Map.entry(Reason.TERMINATED, "stopped by SIGTERM")));

    private ExitCode() {
    }

    static int of(Reason reason) {
        return reason.exitCode();
    }

    /** {@link #OK} unless {@code failed}, then {@code reason}'s code. */
    static int of(boolean failed, Reason reason) {
        return failed ? of(reason) : OK;
    }

    /** Why a command failed: a {@link LockstepException}'s reason; anything else is a bug. */
    static Reason reasonOf(Throwable error) {
        return error instanceof LockstepException e ? e.reason() : Reason.INTERNAL;
    }

    static int of(Throwable error) {
        return of(reasonOf(error));
    }

    /** Why a validation failed: a set that needs repair first, else an invalid one; {@code null} when it is valid. */
    static Reason reasonOf(ValidateResult result) {
        if (result.isValid()) {
            return null;
        }
        return result.needsRepair() ? Reason.REPAIR_NEEDED : Reason.INVALID_MIGRATIONS;
    }

    static int of(ValidateResult result) {
        Reason reason = reasonOf(result);
        return reason == null ? OK : of(reason);
    }

    /** 0 when every tenant was done, the stop's code after a stop, else {@link Reason#TENANTS_FAILED}'s. */
    static int of(FleetResult result) {
        if (result.stoppedBy() != null) {
            return of(result.stoppedBy());
        }
        return of(!result.failed().isEmpty() || !result.notStarted().isEmpty(), Reason.TENANTS_FAILED);
    }

    /** {@link Reason#TENANTS_FAILED}'s code when a tenant could not be read. */
    static int of(FleetInfoResult result) {
        return of(result.tenants().stream().anyMatch(t -> t.status() == null), Reason.TENANTS_FAILED);
    }

    /** A read over a fleet: the stop's code after a stop, 0 when every tenant is as asked, else {@link Reason#TENANTS_FAILED}'s. */
    static int ofFleetRead(StopRequest stop, boolean allAsAsked) {
        if (stop.isRequested()) {
            return of(stop.reason());
        }
        return of(!allAsAsked, Reason.TENANTS_FAILED);
    }

    /** The list {@code lockstep --help} shows: each code, in order, and what it means. */
    static Map<String, String> help() {
        Map<String, String> help = new LinkedHashMap<>();
        help.put(Integer.toString(OK), "done, or nothing to do");
        for (Reason reason : Reason.values()) {
            String meaning = MEANING.get(reason);
            if (meaning == null) {
                throw new IllegalStateException("no --help meaning for exit code " + of(reason) + " (" + reason + ")");
            }
            help.put(Integer.toString(of(reason)), meaning);
        }
        return help;
    }
}

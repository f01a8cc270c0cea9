package dev.lockstep.adopt;

import dev.lockstep.OtherTool;
import dev.lockstep.model.Migration;
import dev.lockstep.result.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides what adopting another tool's history records. Pure: no JDBC, no files.
 *
 * <p>Checksums cannot be compared: Flyway's are CRC32 of its own line handling and golang-migrate keeps
 * none. So each version the other tool applied is recorded with lockstep's checksum of the local file,
 * and from then on lockstep guards that file; a version with no local file is recorded without a
 * checksum and listed. Repeatable migrations are not adopted: lockstep runs each once on the next
 * migrate, which repeatables are written to allow.
 */
public final class AdoptionPlanner {

    private AdoptionPlanner() {
    }

    /** @param rows every row of {@code flyway_schema_history}, in any order */
    public static Adoption fromFlyway(List<FlywayRow> rows, List<Migration> local, String table) {
        Map<Version, Migration> files = versioned(local);
        List<String> refusals = new ArrayList<>();
        Map<Version, FlywayRow> latest = new TreeMap<>();
        for (FlywayRow row : rows.stream().sorted((a, b) -> Integer.compare(a.installedRank(), b.installedRank())).toList()) {
            if (row.version() == null || row.type().equalsIgnoreCase("SCHEMA")) {
                continue;
            }
            if (!Version.isValid(row.version())) {
                refusals.add(table + " row " + row.installedRank() + " has version '" + row.version() + "', which is not a"
                        + " version lockstep reads (digits, parts separated by '.' or '_').");
                continue;
            }
            latest.put(Version.parse(row.version()), row);
        }
        Version baseline = null;
        List<Adoption.Recorded> recorded = new ArrayList<>();
        List<String> notLocal = new ArrayList<>();
        for (Map.Entry<Version, FlywayRow> entry : latest.entrySet()) {
            Version version = entry.getKey();
            FlywayRow row = entry.getValue();
            String type = row.type().toUpperCase(Locale.ROOT);
            if (!row.success()) {
                refusals.add(table + " records version " + version + " (" + row.script() + ") as failed (success = false):"
                        + " Flyway stopped part-way through it, and the schema may be half-changed. Finish or revert it by"
                        + " hand and run flyway repair, as Flyway itself would need, then adopt again.");
            } else if (type.contains("BASELINE")) {
                baseline = version;
            } else if (!type.startsWith("UNDO") && !type.equals("DELETE")) {
                record(version, files.get(version), row.description(), row.script(), row.installedBy(), recorded, notLocal);
            }
        }
        List<String> warnings = new ArrayList<>();
        if (local.stream().anyMatch(Migration::isRepeatable)) {
            warnings.add("Repeatable migrations are not adopted: the next migrate runs each local R__ file once.");
        }
        return new Adoption(OtherTool.FLYWAY, baseline, recorded, notLocal, refusals, warnings);
    }

    /** @param state the one row of {@code schema_migrations}, or empty when the table has none */
    public static Adoption fromGolangMigrate(Optional<GolangMigrateState> state, List<Migration> local, String table) {
        List<Adoption.Recorded> recorded = new ArrayList<>();
        List<String> notLocal = new ArrayList<>();
        if (state.isPresent() && state.get().dirty()) {
            long version = state.get().version();
            return new Adoption(OtherTool.GOLANG_MIGRATE, null, recorded, notLocal, List.of(table + " marks version "
                    + version + " as dirty: golang-migrate stopped part-way through it, and the schema may be half-changed."
                    + " Finish or revert that migration by hand and clear the flag as golang-migrate needs too (migrate"
                    + " force " + version + " once finished, or force the previous version once reverted), then adopt"
                    + " again."), List.of());
        }
        if (state.isEmpty() || state.get().version() < 0) {
            return new Adoption(OtherTool.GOLANG_MIGRATE, null, recorded, notLocal, List.of(),
                    List.of(table + " holds no version: golang-migrate applied nothing, so nothing is adopted."));
        }
        // golang-migrate applies in order and keeps only the last version: everything up to it ran.
        Version current = Version.parse(Long.toString(state.get().version()));
        Map<Version, Migration> files = versioned(local);
        files.values().stream().filter(m -> m.version().compareTo(current) < 0)
                .forEach(m -> record(m.version(), m, null, null, null, recorded, notLocal));
        record(current, files.get(current), "adopted from golang-migrate", current + " (golang-migrate)", null,
                recorded, notLocal);
        return new Adoption(OtherTool.GOLANG_MIGRATE, null, recorded, notLocal, List.of(), List.of());
    }

    private static void record(Version version, Migration file, String description, String script, String installedBy,
                               List<Adoption.Recorded> recorded, List<String> notLocal) {
        if (file != null) {
            // The history keeps the version as the file writes it (000002), not as the other tool did (2).
            recorded.add(new Adoption.Recorded(file.version(), file.description(), file.script(), file.checksum(), installedBy));
        } else {
            recorded.add(new Adoption.Recorded(version, description, script, null, installedBy));
            notLocal.add(version + " (" + script + ")");
        }
    }

    private static Map<Version, Migration> versioned(List<Migration> local) {
        return local.stream().filter(Migration::isVersioned)
                .collect(Collectors.toMap(Migration::version, Function.identity(), (a, b) -> a, TreeMap::new));
    }
}

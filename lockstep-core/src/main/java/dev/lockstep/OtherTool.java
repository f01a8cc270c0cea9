package dev.lockstep;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A migration tool whose history lockstep can adopt, with the table it keeps its history in. */
public enum OtherTool {
    /** Flyway: one row per migration run in {@code flyway_schema_history}. */
    FLYWAY("flyway", "flyway_schema_history"),
    /** golang-migrate: one row, the current version and a dirty flag, in {@code schema_migrations}. */
    GOLANG_MIGRATE("golang-migrate", "schema_migrations");

    private final String label;
    private final String defaultTable;

    OtherTool(String label, String defaultTable) {
        this.label = label;
        this.defaultTable = defaultTable;
    }

    /** The name users write: {@code flyway}, {@code golang-migrate}. */
    public String label() {
        return label;
    }

    /** The table the tool uses unless configured otherwise. */
    public String defaultTable() {
        return defaultTable;
    }

    public static Optional<OtherTool> of(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label.toLowerCase(Locale.ROOT))).findFirst();
    }
}

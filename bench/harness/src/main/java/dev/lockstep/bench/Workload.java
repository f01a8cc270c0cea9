package dev.lockstep.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The same migrations for every tool, as files: {@code migrations/V<n>__<description>.sql} for lockstep
 * and Flyway, and {@code changelog.xml} beside the folder with one {@code sqlFile} change set per file
 * for Liquibase. The SQL runs unchanged on PostgreSQL, MariaDB and SQLite and is shaped like real
 * work: V1 creates {@code items}; every tenth migration creates a table and its index (DDL); the
 * others insert and update a row of {@code items} (DML), so running one twice would fail on the
 * primary key and {@code SELECT COUNT(*) FROM items} proves each ran exactly once.
 */
final class Workload {
    record Step(int version, String description, String sql) {
        String fileName() {
            return "V" + version + "__" + description + ".sql";
        }
    }

    private final List<Step> steps;

    private Workload(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** {@code count} migrations as described above. */
    static Workload standard(int count) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(1, "create_items",
                "CREATE TABLE items (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, qty INTEGER NOT NULL);\n"));
        for (int v = 2; v <= count; v++) {
            steps.add(v % 10 == 0
                    ? new Step(v, "create_table_" + v, "CREATE TABLE t_" + v + " (id INTEGER NOT NULL PRIMARY KEY, label VARCHAR(50));\n"
                    + "CREATE INDEX t_" + v + "_label ON t_" + v + " (label);\n")
                    : new Step(v, "add_item_" + v, "-- item " + v + "\nINSERT INTO items (id, name, qty) VALUES (" + v + ", 'item "
                    + v + "', " + (v % 7) + ");\nUPDATE items SET qty = qty + 1 WHERE id = " + v + ";\n"));
        }
        return new Workload(steps);
    }

    /** V1 creates {@code items}, V2 is busy for {@code seconds}, V3 inserts a row: the holder dies in V2. */
    static Workload withLongStep(Target.Kind kind, int seconds) {
        return new Workload(List.of(
                new Step(1, "create_items", "CREATE TABLE items (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, qty INTEGER NOT NULL);\n"),
                new Step(2, "long_backfill", kind.sleepSql(seconds) + "\n"),
                new Step(3, "add_item", "INSERT INTO items (id, name, qty) VALUES (3, 'item 3', 1);\n")));
    }

    List<Step> steps() {
        return steps;
    }

    /** How many rows {@code items} holds once every step ran exactly once. */
    long expectedItems() {
        return steps.stream().filter(s -> s.sql().startsWith("-- item") || s.description().equals("add_item")).count();
    }

    /** Writes the files under {@code dir}; returns the migrations folder. */
    Path writeTo(Path dir) throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        StringBuilder changelog = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """);
        for (Step step : steps) {
            Files.writeString(migrations.resolve(step.fileName()), step.sql());
            changelog.append("  <changeSet id=\"").append(step.version()).append("\" author=\"bench\">\n")
                    .append("    <sqlFile path=\"migrations/").append(step.fileName()).append("\"/>\n")
                    .append("  </changeSet>\n");
        }
        Files.writeString(dir.resolve("changelog.xml"), changelog.append("</databaseChangeLog>\n"));
        return migrations;
    }
}

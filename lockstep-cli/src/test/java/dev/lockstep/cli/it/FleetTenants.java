package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fleet of tenants made for one test and dropped after it: schemas {@code fleet_<id>_tNN} of a database
 * {@code fleet_<id>} on PostgreSQL, databases {@code fleet_<id>_tNN} on MariaDB, files {@code fleet_<id>_tNN.db} on SQLite.
 */
final class FleetTenants implements AutoCloseable {
    private final TestDatabase.Kind kind;
    private final String id = "fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Path folder;
    private final List<String> names = new ArrayList<>();

    FleetTenants(TestDatabase.Kind kind, Path folder, int count) throws SQLException, IOException {
        this.kind = kind;
        this.folder = folder;
        if (kind == TestDatabase.Kind.POSTGRESQL) {
            admin(TestDatabase.PG_ADMIN, "CREATE DATABASE " + id);
        }
        for (int i = 0; i < count; i++) {
            add(String.format("%s_t%02d", id, i));
        }
    }

    /** Makes one more tenant, named as given (quoted, so any name the database accepts). */
    String add(String name) throws SQLException, IOException {
        switch (kind) {
            case POSTGRESQL -> execute("CREATE SCHEMA " + pgQuote(name));
            case MARIADB -> admin(TestDatabase.MYSQL_ADMIN, "CREATE DATABASE `" + name.replace("`", "``") + "`");
            case SQLITE -> Files.createFile(folder.resolve(name + ".db"));
        }
        names.add(name);
        return name;
    }

    List<String> names() {
        return names;
    }

    /** The prefix every tenant's name starts with, for {@code --schemas-like}. */
    String prefix() {
        return id + "_t";
    }

    /** The URL the fan-out connects with: the database of the schemas, the server of the databases, none for SQLite. */
    String url() {
        return switch (kind) {
            case POSTGRESQL -> TestDatabase.PG_ADMIN.replace("/postgres?", "/" + id + "?");
            case MARIADB -> TestDatabase.MYSQL_ADMIN;
            case SQLITE -> "jdbc:sqlite:" + folder.resolve(id + "_base.db");
        };
    }

    /** How a tenant is named on the command line: a schema or database, or a SQLite file's path. */
    String selector(String name) {
        return kind == TestDatabase.Kind.SQLITE ? folder.resolve(name + ".db").toString() : name;
    }

    /** One query in one tenant; the first column of every row. */
    List<String> query(String tenant, String sql) throws SQLException {
        try (Connection c = connect(tenant); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        }
    }

    /** The history table of a tenant, qualified as its database needs. */
    String history(String tenant) {
        return switch (kind) {
            case POSTGRESQL -> pgQuote(tenant) + ".lockstep_history";
            case MARIADB -> "`" + tenant.replace("`", "``") + "`.lockstep_history";
            case SQLITE -> "lockstep_history";
        };
    }

    String table(String tenant, String table) {
        return switch (kind) {
            case POSTGRESQL -> pgQuote(tenant) + "." + table;
            case MARIADB -> "`" + tenant.replace("`", "``") + "`." + table;
            case SQLITE -> table;
        };
    }

    void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection connect(String tenant) throws SQLException {
        return kind == TestDatabase.Kind.SQLITE ? DriverManager.getConnection("jdbc:sqlite:" + selector(tenant))
                : DriverManager.getConnection(url());
    }

    static String pgQuote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws SQLException {
        switch (kind) {
            case POSTGRESQL -> admin(TestDatabase.PG_ADMIN, "DROP DATABASE IF EXISTS " + id + " WITH (FORCE)");
            case MARIADB -> {
                for (String name : names) {
                    admin(TestDatabase.MYSQL_ADMIN, "DROP DATABASE IF EXISTS `" + name.replace("`", "``") + "`");
                }
            }
            case SQLITE -> { }
        }
    }

    private static void admin(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package dev.lockstep.bench.liquibase;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * One Liquibase replica: {@code update}, or {@code release-locks} (the manual step after a holder
 * died), with {@code changelog.xml} of the folder ({@code sqlFile} change sets for the same SQL
 * files the other tools run), through Liquibase's Java API, its fastest path (its CLI starts more).
 * Exit 0 on success, 1 with the error's message on stderr otherwise.
 *
 * <p>Usage: {@code LiquibaseRunner update|release-locks <jdbc-url> <folder>}.
 */
public final class LiquibaseRunner {
    private LiquibaseRunner() {
    }

    public static void main(String[] args) {
        try (Connection connection = DriverManager.getConnection(args[1])) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Liquibase liquibase = new Liquibase("changelog.xml", new DirectoryResourceAccessor(Path.of(args[2])), database);
            switch (args[0]) {
                case "update" -> liquibase.update(new Contexts(), new LabelExpression());
                case "release-locks" -> liquibase.forceReleaseLocks();
                default -> throw new IllegalArgumentException("unknown verb " + args[0]);
            }
        } catch (Exception e) {
            System.err.println("liquibase: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}

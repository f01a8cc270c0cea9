package dev.lockstep.maven;

import dev.lockstep.LockMode;
import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.error.LockstepException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Driver;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The goals that connect (validate, info, migrate): the CLI's options as parameters, each also a user property
 * ({@code -Dlockstep.url=...}), with the CLI's defaults. The JDBC driver is a dependency of the plugin in the
 * project's POM, as for Flyway's plugin. A lockstep error fails the build with lockstep's message; the password never
 * appears in it.
 */
abstract class ConnectedMojo extends AbstractMojo {
    /** JDBC URL of the database. */
    @Parameter(property = "lockstep.url", required = true)
    String url;

    @Parameter(property = "lockstep.user")
    String user;

    /** Prefer the environment or settings.xml over the POM: {@code -Dlockstep.password=${env.DB_PASSWORD}}. */
    @Parameter(property = "lockstep.password")
    String password;

    /** Migration folders ({@code filesystem:} or bare) or {@code classpath:} locations of the project's build output. */
    @Parameter(property = "lockstep.locations", defaultValue = "filesystem:${project.basedir}/src/main/resources/db/migration")
    List<String> locations;

    @Parameter(property = "lockstep.schema")
    String schema;

    @Parameter(property = "lockstep.table")
    String table;

    @Parameter(property = "lockstep.connectTimeout")
    String connectTimeout;

    @Parameter(property = "lockstep.lockTimeout")
    String lockTimeout;

    /** session (default) or lease. */
    @Parameter(property = "lockstep.lock")
    String lock;

    @Parameter(property = "lockstep.leaseDuration")
    String leaseDuration;

    @Parameter(property = "lockstep.ddlLockTimeout")
    String ddlLockTimeout;

    @Parameter(property = "lockstep.ddlRetryFor")
    String ddlRetryFor;

    @Parameter(property = "lockstep.statementTimeout")
    String statementTimeout;

    @Parameter(property = "lockstep.maxDuration")
    String maxDuration;

    @Parameter(property = "lockstep.stopGrace")
    String stopGrace;

    @Parameter(property = "lockstep.replicaId")
    String replicaId;

    /** latest (default) or a version. */
    @Parameter(property = "lockstep.target")
    String target;

    @Parameter(property = "lockstep.outOfOrder", defaultValue = "false")
    boolean outOfOrder;

    @Parameter(property = "lockstep.baselineOnMigrate", defaultValue = "false")
    boolean baselineOnMigrate;

    @Parameter(property = "lockstep.baselineVersion")
    String baselineVersion;

    @Parameter
    Map<String, String> placeholders;

    @Parameter(property = "lockstep.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true)
    File outputDirectory;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("lockstep: skipped (lockstep.skip)");
            return;
        }
        MavenLogProvider.use(getLog());
        try (URLClassLoader project = projectClassLoader()) {
            registerDrivers();
            run(configure(project).load());
        } catch (LockstepException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new MojoExecutionException("Cannot close the project's class loader: " + e.getMessage(), e);
        }
    }

    /** The goal's one call to the library. */
    abstract void run(Lockstep lockstep) throws MojoFailureException;

    LockstepConfig.Builder configure(ClassLoader classpath) throws MojoExecutionException {
        LockstepConfig.Builder builder = Lockstep.configure().url(url).user(user).password(password)
                .locations(locations).schema(schema).replicaId(replicaId).classLoader(classpath)
                .outOfOrder(outOfOrder).baselineOnMigrate(baselineOnMigrate);
        if (table != null) {
            builder.table(table);
        }
        if (connectTimeout != null) {
            builder.connectTimeout(DurationText.parse("connectTimeout", connectTimeout));
        }
        if (lockTimeout != null) {
            builder.lockTimeout(DurationText.parse("lockTimeout", lockTimeout));
        }
        if (lock != null) {
            builder.lockMode(lockMode(lock));
        }
        if (leaseDuration != null) {
            builder.leaseDuration(DurationText.parse("leaseDuration", leaseDuration));
        }
        if (ddlLockTimeout != null) {
            builder.ddlLockTimeout(DurationText.parse("ddlLockTimeout", ddlLockTimeout));
        }
        if (ddlRetryFor != null) {
            builder.ddlRetryFor(DurationText.parse("ddlRetryFor", ddlRetryFor));
        }
        if (statementTimeout != null) {
            builder.statementTimeout(DurationText.parse("statementTimeout", statementTimeout));
        }
        if (maxDuration != null) {
            builder.maxDuration(DurationText.parse("maxDuration", maxDuration));
        }
        if (stopGrace != null) {
            builder.stopGrace(DurationText.parse("stopGrace", stopGrace));
        }
        if (target != null && !target.equalsIgnoreCase("latest")) {
            builder.target(target);
        }
        if (baselineVersion != null) {
            builder.baselineVersion(baselineVersion);
        }
        if (placeholders != null) {
            builder.placeholders(placeholders);
        }
        return builder;
    }

    private static LockMode lockMode(String text) throws MojoExecutionException {
        try {
            return LockMode.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Invalid configuration: lock '" + text + "' is not a lock mode; use session or lease.");
        }
    }

    /** {@code classpath:} locations are looked up in the project's build output (after process-resources). */
    private URLClassLoader projectClassLoader() throws MojoExecutionException {
        try {
            return new URLClassLoader(new URL[] {outputDirectory.toURI().toURL()}, getClass().getClassLoader());
        } catch (MalformedURLException e) {
            throw new MojoExecutionException("Cannot read " + outputDirectory + ": " + e.getMessage(), e);
        }
    }

    /**
     * DriverManager registers the drivers it finds once per JVM, with the class loader of that moment; a Maven build
     * runs plugins in class loaders of their own, so the drivers given to this plugin are loaded here, which registers
     * them.
     */
    private void registerDrivers() {
        for (Driver driver : ServiceLoader.load(Driver.class, getClass().getClassLoader())) {
            getLog().debug("lockstep: JDBC driver " + driver.getClass().getName());
        }
    }
}

package dev.lockstep.maven;

import dev.lockstep.MigrationFiles;
import dev.lockstep.error.LockstepException;
import dev.lockstep.lint.Finding;
import dev.lockstep.lint.LintDialect;
import dev.lockstep.lint.LintOptions;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSource;
import dev.lockstep.lint.Linter;
import dev.lockstep.lint.Severity;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;
import java.util.Locale;

/**
 * {@code lockstep:lint}: the CLI's linter in the build. Fails it on a statement that locks a production table, breaks
 * a retry or a rolling deploy, or fights lockstep's transactions, at or above {@code failOn}; every finding is printed
 * with its file, line, rule and fix either way. Never connects. Bound to {@code verify} unless the POM binds it
 * elsewhere.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class LintMojo extends AbstractMojo {
    /** Migration files or folders, searched recursively. */
    @Parameter(property = "lockstep.lint.paths", defaultValue = "${project.basedir}/src/main/resources/db/migration")
    List<File> paths;

    /** postgresql, mysql, mariadb or sqlite; default: the dialect of {@code url}, else sqlite. */
    @Parameter(property = "lockstep.dialect")
    String dialect;

    /** Only tells the dialect; lint never connects. */
    @Parameter(property = "lockstep.url")
    String url;

    /** Fail the build when a finding is at least this severe: info, warning or error. */
    @Parameter(property = "lockstep.failOn", defaultValue = "error")
    String failOn;

    /** Report versioned migrations without an undo (down) file. */
    @Parameter(property = "lockstep.requireUndo", defaultValue = "false")
    boolean requireUndo;

    @Parameter(property = "lockstep.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("lockstep: skipped (lockstep.skip)");
            return;
        }
        MavenLogProvider.use(getLog());
        Severity threshold = severity(failOn);
        try {
            LintDialect chosen = dialect != null ? LintDialect.named(dialect).orElseThrow(() -> new MojoExecutionException(
                    "Invalid configuration: dialect '" + dialect + "' is not one of postgresql, mysql, mariadb or sqlite."))
                    : MigrationFiles.dialectOf(url);
            List<LintSource> sources = MigrationFiles.readForLint(paths.stream().map(File::getPath).toList());
            LintReport report = new Linter(new LintOptions(chosen, requireUndo)).lint(sources);
            for (Finding f : report.findings()) {
                String line = f.file() + ":" + f.line() + ":" + f.column() + " " + f.code() + " " + f.message()
                        + (f.fix() == null || f.fix().isBlank() ? "" : " Fix: " + f.fix());
                switch (f.severity()) {
                    case ERROR -> getLog().error(line);
                    case WARNING -> getLog().warn(line);
                    default -> getLog().info(line);
                }
            }
            String summary = "linted " + report.files() + " file" + (report.files() == 1 ? "" : "s") + " (" + chosen.label()
                    + "): " + (report.findings().isEmpty() ? "no findings"
                    : report.count(Severity.ERROR) + " errors, " + report.count(Severity.WARNING) + " warnings, "
                    + report.count(Severity.INFO) + " infos");
            if (report.reaches(threshold)) {
                throw new MojoFailureException("lockstep: lint found problems at or above " + threshold.label() + ": "
                        + summary + ". Fix them as each finding says, or suppress one with '-- lockstep:ignore <CODE> <reason>'.");
            }
            getLog().info("lockstep: " + summary);
        } catch (LockstepException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private static Severity severity(String text) throws MojoExecutionException {
        for (Severity s : Severity.values()) {
            if (s.label().equalsIgnoreCase(text.strip()) || s.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new MojoExecutionException("Invalid configuration: failOn '" + text + "' is not one of info, warning or error.");
    }
}

package dev.lockstep.cli;

import dev.lockstep.MigrationFiles;
import dev.lockstep.error.Reason;
import dev.lockstep.lint.LintDialect;
import dev.lockstep.lint.LintOptions;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSource;
import dev.lockstep.lint.Linter;
import dev.lockstep.lint.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.util.List;

@Command(name = "lint", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "Check migration files for statements that lock production tables, break a retry or a rolling deploy,",
        "or fight lockstep's transactions. Needs no database. Exits 9 when a finding reaches --fail-on."})
final class LintCommand extends BaseCommand {
    enum Format { text, json, sarif, github }


    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Migration files or folders (searched recursively). Default: --locations, else db/migration.")
    List<String> paths;

    @Option(names = "--dialect", paramLabel = "DIALECT", converter = LintDialectConverter.class,
            description = "postgresql, mysql, mariadb or sqlite (default: the dialect of --url, else sqlite).")
    LintDialect dialect;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 9 when a finding is at least this severe: info, warning or error (default: error).")
    Severity failOn;

    @Option(names = "--require-undo", description = "Report versioned migrations without an undo (down) file.")
    boolean requireUndo;

    @Option(names = "--url", paramLabel = "JDBC-URL", description = "Only tells the dialect; lint never connects.")
    String url;

    @Option(names = "--locations", split = ",", paramLabel = "LOCATION", description = "Migration folders, comma-separated.")
    List<String> locations;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: text).")
    Format format;

    @Option(names = "--json", description = "Short for --format json.")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;

    @Override
    public Integer call() {
        LintDialect chosen = dialect != null ? dialect : MigrationFiles.dialectOf(url);
        Severity threshold = failOn == null ? Severity.ERROR : failOn;
        List<LintSource> sources = MigrationFiles.readForLint(targets(paths, locations));
        LintReport report = new Linter(new LintOptions(chosen, requireUndo)).lint(sources);
        boolean failed = report.reaches(threshold);
        Format chosenFormat = json ? Format.json : format == null ? Format.text : format;
        switch (chosenFormat) {
            case text -> Output.text(out(), LintTextRenderer.render(report, sources, chosen.label()));
            case json -> Output.json(out(), LintJsonRenderer.render(report, chosen.label(), threshold.label(), failed));
            case sarif -> Output.json(out(), SarifRenderer.render(report, new Cli.VersionProvider().getVersion()[0]));
            case github -> {
                out().print(GithubAnnotationRenderer.render(report));
                out().flush();
            }
        }
        return ExitCode.of(failed, Reason.LINT_FAILED);
    }

    /** The paths given, else the locations, else the default location. */
    static List<String> targets(List<String> paths, List<String> locations) {
        if (paths != null && !paths.isEmpty()) {
            return paths;
        }
        return locations != null && !locations.isEmpty() ? locations : List.of(ConnectionOptions.DEFAULT_LOCATION);
    }

    @Override
    OutputOptions output() {
        OutputOptions output = new OutputOptions();
        output.json = json || format == Format.json;
        output.debug = debug;
        return output;
    }

    /** Reads {@code --dialect}: the four names, plus {@code postgres} and {@code pg}. */
    static final class LintDialectConverter implements ITypeConverter<LintDialect> {
        @Override
        public LintDialect convert(String value) {
            return LintDialect.named(value).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is not a dialect: use postgresql, mysql, mariadb or sqlite"));
        }
    }
}

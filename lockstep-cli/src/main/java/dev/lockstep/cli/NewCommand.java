package dev.lockstep.cli;

import dev.lockstep.MigrationFiles;
import dev.lockstep.lint.LintDialect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

@Command(name = "new", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "Write the next versioned migration and its undo file, from a template of safe, idempotent forms for the dialect."})
final class NewCommand extends BaseCommand {
    enum Style { flyway, updown }

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "DESCRIPTION", arity = "1..*", description = "What the migration does, such as: add customer email.")
    List<String> description;

    @Option(names = "--dialect", paramLabel = "DIALECT", converter = LintCommand.LintDialectConverter.class,
            description = "postgresql, mysql, mariadb or sqlite (default: the dialect of --url, else sqlite).")
    LintDialect dialect;

    @Option(names = "--style", paramLabel = "STYLE", description = "flyway (V2__x.sql, U2__x.sql) or updown"
            + " (2_x.up.sql, 2_x.down.sql); default: the style of the newest migration in the folder, else flyway.")
    Style style;

    @Option(names = "--url", paramLabel = "JDBC-URL", description = "Only tells the dialect; new never connects.")
    String url;

    @Option(names = "--locations", split = ",", paramLabel = "LOCATION", description = "The first is the folder to write to.")
    List<String> locations;

    @Override
    public Integer call() throws IOException {
        String location = locations == null || locations.isEmpty() ? ConnectionOptions.DEFAULT_LOCATION : locations.get(0);
        LintDialect chosen = dialect != null ? dialect : MigrationFiles.dialectOf(url);
        MigrationFiles.Created created = MigrationFiles.create(location, String.join(" ", description),
                style == null ? null : style == Style.updown ? MigrationFiles.Style.UP_DOWN : MigrationFiles.Style.FLYWAY,
                chosen);
        List<String> files = created.files().stream().map(Path::toString).toList();
        output.print(spec, () -> "Created " + files.get(0) + " and " + files.get(1) + " (" + chosen.label() + ").",
                () -> new Created(created.version(), chosen.label(), files));
        return ExitCode.OK;
    }

    /** The document of {@code new}: the version, the dialect its template is for and the two files written. */
    record Created(String version, String dialect, List<String> files) {
    }

    @Override
    OutputOptions output() {
        return output;
    }
}

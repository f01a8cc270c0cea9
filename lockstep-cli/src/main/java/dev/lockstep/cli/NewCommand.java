package dev.lockstep.cli;

import dev.lockstep.LockstepConfig;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.lint.LintDialect;
import dev.lockstep.lint.MigrationTemplate;
import dev.lockstep.source.MigrationLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "new", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "Write the next versioned migration and its undo file, from a template of safe, idempotent forms for the dialect."})
final class NewCommand implements Callable<Integer>, LockstepCommand {
    enum Style { flyway, updown }

    @Mixin
    OutputOptions output;
    @Spec
    CommandSpec spec;

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
        String location = locations == null || locations.isEmpty() ? LockstepConfig.DEFAULT_LOCATION : locations.get(0);
        if (location.startsWith(MigrationLocation.CLASSPATH_PREFIX)) {
            throw new LockstepException(Reason.CONFIGURATION, "new writes to a folder, not to '" + location + "'.");
        }
        Path folder = Path.of(location.replaceFirst("^" + MigrationLocation.FILESYSTEM_PREFIX, ""));
        LintDialect chosen = dialect != null ? dialect : LintInputs.dialectOf(url);
        NextMigration next = NextMigration.in(folder, String.join(" ", description), style == null ? null : style == Style.updown);
        Files.createDirectories(folder);
        String text = String.join(" ", description);
        write(folder.resolve(next.upName()), MigrationTemplate.up(chosen, text));
        write(folder.resolve(next.downName()), MigrationTemplate.down(chosen, text));
        List<String> files = List.of(folder.resolve(next.upName()).toString(), folder.resolve(next.downName()).toString());
        output.print(spec, () -> "Created " + files.get(0) + " and " + files.get(1) + " (" + chosen.label() + ").",
                () -> json(next.version(), chosen, files));
        return ExitCode.OK;
    }

    private static Map<String, Object> json(String version, LintDialect dialect, List<String> files) {
        Map<String, Object> json = Output.object();
        json.put("version", version);
        json.put("dialect", dialect.label());
        json.put("files", files);
        return json;
    }

    /** Writes a new file; never replaces one. */
    private static void write(Path file, String text) throws IOException {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new LockstepException(Reason.CONFIGURATION, file + " already exists; lockstep new never overwrites a file.");
        }
    }

    @Override
    public OutputOptions output() {
        return output;
    }
}

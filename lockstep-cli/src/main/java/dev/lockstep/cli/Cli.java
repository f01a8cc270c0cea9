package dev.lockstep.cli;

import dev.lockstep.cli.log.LogSettings;
import dev.lockstep.cli.log.Redactor;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Wires the commands to their inputs (arguments, environment, properties file) and outputs, and
 * turns every outcome into one exit code from the README's table (held by Reason). Errors are one paragraph on
 * stderr, and also a JSON object on stdout under {@code --format json}; stack traces only with {@code --debug}.
 */
final class Cli {
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final PrintWriter out;
    private final PrintWriter err;
    private final StopRequest stop;

    Cli(Map<String, String> environment, Path workingDirectory, PrintWriter out, PrintWriter err, StopRequest stop) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
        this.out = out;
        this.err = err;
        this.stop = stop;
    }

    Cli(Map<String, String> environment, Path workingDirectory, PrintWriter out, PrintWriter err) {
        this(environment, workingDirectory, out, err, new StopRequest());
    }

    /** The real process: its environment, folder and streams, with SIGTERM and SIGINT stopping it safely. */
    static Cli standard() {
        PrintWriter err = new PrintWriter(System.err, true);
        StopRequest stop = new StopRequest();
        SignalHandlers.install(stop, err);
        return new Cli(System.getenv(), Path.of("").toAbsolutePath(), new PrintWriter(System.out, true), err, stop);
    }

    int run(String... args) {
        List<String> arguments = Arrays.asList(args);
        Redactor.rememberFrom(arguments, environment, new Properties());
        Logging.configure(arguments, environment, new Properties());
        CommandLine commandLine = model(arguments);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(this::onFailure);
        commandLine.setParameterExceptionHandler(this::onBadArguments);
        CommandLine exec = commandLine.getSubcommands().get("exec");
        if (exec != null) {
            exec.setStopAtPositional(true); // the app's own options are the app's
        }
        wholeSummaries(commandLine);
        commandLine.getCommandSpec().usageMessage().exitCodeList(ExitCode.help());
        try {
            Properties file = ConfigFile.load(arguments, environment, workingDirectory);
            Redactor.rememberFrom(List.of(), Map.of(), file);
            Logging.configure(arguments, environment, file);
            Set<String> keys = optionKeys(commandLine);
            if (!keys.containsAll(file.stringPropertyNames())) {
                keys = optionKeys(model(List.of())); // a key of another command is known too: the file serves them all
            }
            ConfigFile.checkKeys(ConfigFile.where(arguments, environment, workingDirectory), file, keys);
            commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment, file));
        } catch (LockstepException e) {
            fail(e.getMessage(), null);
            return ExitCode.of(e);
        }
        return commandLine.execute(args);
    }

    /**
     * The command model. picocli builds a model by reflection for each command it is given, which was about a third
     * of a start that has nothing to migrate; so when the first argument names a command, only that one is modelled,
     * and {@code --version} alone needs none. Everything else ({@code --help}, {@code help}, a misspelt or missing command) gets them all, for the list and
     * the suggestions.
     */
    private CommandLine model(List<String> arguments) {
        CommandLine commandLine = new CommandLine(new Root(stop, environment));
        String first = arguments.isEmpty() ? "" : arguments.get(0);
        Class<?> only = SUBCOMMANDS.get(first);
        if (only != null && !first.equals("help")) {
            commandLine.addSubcommand(only);
        } else if (!(arguments.size() == 1 && (first.equals("--version") || first.equals("-V")))) {
            SUBCOMMANDS.values().forEach(commandLine::addSubcommand);
        }
        return commandLine;
    }

    /** Every command by name, in the order {@code lockstep --help} lists them. */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands(MigrateCommand.class, InfoCommand.class,
            ValidateCommand.class, RepairCommand.class, LintCommand.class, NewCommand.class, UndoCommand.class,
            BaselineCommand.class, HistoryCommand.class, ExecCommand.class, WaitCommand.class, ServeCommand.class,
            PreflightCommand.class, CommandLine.HelpCommand.class);

    private static Map<String, Class<?>> subcommands(Class<?>... commands) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> command : commands) {
            byName.put(command.getAnnotation(Command.class).name(), command);
        }
        return byName;
    }

    private int onFailure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        OutputOptions output = command.getCommand() instanceof BaseCommand c ? c.output() : new OutputOptions();
        int exitCode = ExitCode.of(e);
        String message = Redactor.redact(e instanceof LockstepException ? e.getMessage()
                : "internal error: " + e + ". This is a bug in lockstep; please report it with the output of --debug.");
        fail(message, output.debug ? e : null);
        if (output.isJson()) {
            Output.json(out, new ErrorDocument(new ErrorDocument.Error(ExitCode.reasonOf(e), exitCode, message)));
        }
        return exitCode;
    }

    private int onBadArguments(CommandLine.ParameterException e, String[] args) {
        // picocli prefixes some of its messages with "Error: "; after "lockstep: " that says it twice.
        String message = e.getMessage() == null ? e.toString() : e.getMessage().replaceFirst("^Error: ", "");
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && unmatched.getUnmatched().stream().anyMatch(arg -> arg.startsWith("-"))) {
            message = unknownOptions(unmatched);
        }
        if (LogSettings.format() == LogSettings.Format.json) {
            fail(message + " See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.", null);
            return ExitCode.USAGE;
        }
        err.println("lockstep: " + Redactor.redact(message));
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (first.startsWith("-")) {
                List<String> near = Suggestions.near(first, e.getCommandLine().getCommandSpec().optionsMap().keySet());
                if (!near.isEmpty()) {
                    err.println("Did you mean: " + String.join(" or ", near) + "?");
                }
            } else {
                // picocli's own, for a misspelt command: "Did you mean: lockstep migrate?"
                CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
            }
        }
        CommandLine command = e.getCommandLine();
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCode.USAGE;
    }

    /**
     * The final error: {@code lockstep: <message>} on stderr, with the stack trace when {@code error} is given; with
     * {@code --log-format json} one JSON log line instead (the stack in its {@code stack} field), as line-based log
     * shippers need, however many lines the message has.
     */
    private void fail(String message, Throwable error) {
        if (LogSettings.format() == LogSettings.Format.json) {
            Logger log = LoggerFactory.getLogger("dev.lockstep");
            if (error == null) {
                log.error(message);
            } else {
                log.error(message, error);
            }
            return;
        }
        err.println(Redactor.redact("lockstep: " + message));
        if (error != null) {
            StringWriter stack = new StringWriter();
            error.printStackTrace(new PrintWriter(stack));
            err.print(Redactor.redact(stack.toString()));
        }
        err.flush();
    }

    /**
     * Names the unknown options but never what follows them: after a mistyped {@code --pasword} comes the
     * password. An option's own {@code =value} is cut off too.
     */
    private static String unknownOptions(CommandLine.UnmatchedArgumentException e) {
        List<String> options = new ArrayList<>();
        int values = 0;
        for (String arg : e.getUnmatched()) {
            if (arg.startsWith("-")) {
                int equals = arg.indexOf('=');
                options.add("'" + (equals < 0 ? arg : arg.substring(0, equals) + "=...") + "'");
            } else {
                values++;
            }
        }
        return "Unknown option" + (options.size() == 1 ? " " : "s ") + String.join(", ", options)
                + (values == 0 ? "." : " (the " + values + " value" + (values == 1 ? "" : "s") + " after it not shown: it may be a secret).");
    }

    /**
     * A command's description is written as several source lines for the code's sake; picocli would print each as a
     * line of its own, and the list of commands in {@code lockstep --help} only the first, cut mid-sentence. One
     * string, wrapped by picocli, shows it whole in both.
     */
    private static void wholeSummaries(CommandLine commandLine) {
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            String[] description = sub.getCommandSpec().usageMessage().description();
            if (description.length > 1) {
                sub.getCommandSpec().usageMessage().description(String.join(" ", description));
            }
        }
    }

    private static Set<String> optionKeys(CommandLine commandLine) {
        Set<String> keys = new HashSet<>();
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            for (OptionSpec option : sub.getCommandSpec().options()) {
                if (!option.usageHelp() && !option.versionHelp()) {
                    keys.add(EnvironmentDefaults.key(option.longestName()));
                }
            }
        }
        return keys;
    }

    @Command(name = "lockstep", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Database migrations that are safe when many replicas start at once.",
            exitCodeListHeading = "%nExit codes:%n") // the list: ExitCode.help(); the commands: SUBCOMMANDS
    static final class Root implements Runnable {
        @picocli.CommandLine.Spec
        CommandSpec spec;

        /** Trips a safe stop of the running command; shared with the subcommands. */
        final StopRequest stop;
        /** The process environment, for settings given by prefix ({@code LOCKSTEP_PLACEHOLDER_<NAME>}). */
        final Map<String, String> environment;

        Root(StopRequest stop, Map<String, String> environment) {
            this.stop = stop;
            this.environment = environment;
        }

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: migrate, info, validate, repair,"
                    + " lint, new, undo, baseline, history, exec, wait, serve or preflight");
        }
    }

    /** The version from the jar's manifest. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"lockstep " + (version == null ? "development build" : version)};
        }
    }

    /** What {@code --json} writes when a command fails: why (a {@link Reason}'s name), the exit code and the message. */
    record ErrorDocument(Error error) {
        record Error(Reason reason, int exitCode, String message) {
        }
    }
}

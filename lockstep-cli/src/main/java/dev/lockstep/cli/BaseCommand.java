package dev.lockstep.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every command shares: its picocli spec (where its output goes), the root (the stop request, the environment),
 * and how its errors are written. picocli reads the annotated fields of this class for each command that extends it.
 *
 * <p>A command does not catch its errors: it returns the exit code of its outcome ({@link ExitCode}) and lets a
 * failure propagate to the one handler in {@link Cli}, which writes it as {@link #output()} asks (text, or a JSON
 * error object) and exits with {@code ExitCode.of(error)}. Logging is set up in {@link Cli} too, before the
 * arguments are parsed, so that parsing itself logs as asked.
 */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @ParentCommand
    Cli.Root root;

    /** How this command's result and errors are written. */
    abstract OutputOptions output();

    /** The command's standard output. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}

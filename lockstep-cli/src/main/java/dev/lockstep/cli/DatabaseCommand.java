package dev.lockstep.cli;

import picocli.CommandLine.Mixin;

import java.util.function.Supplier;

/**
 * A command that works on a database: the connection options ({@code --url}, {@code --user}, the locations, the
 * timeouts) and the output options ({@code --format}, {@code --json}, {@code --debug}, {@code --log-format}) every
 * such command takes.
 */
abstract class DatabaseCommand extends BaseCommand {
    @Mixin
    ConnectionOptions connection;
    @Mixin
    OutputOptions output;

    @Override
    OutputOptions output() {
        return output;
    }

    /** Writes the result in the chosen format; only that form is built. */
    void print(Supplier<String> text, Supplier<Object> document) {
        output.print(spec, text, document);
    }
}

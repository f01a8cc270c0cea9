package dev.lockstep.cli;

import dev.lockstep.cli.log.LogSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.util.function.Supplier;

/** How results are written: text for people, JSON for scripts; stack traces only on request. */
final class OutputOptions {

    enum Format { text, json }

    @Option(names = "--format", paramLabel = "FORMAT", description = "Output format: ${COMPLETION-CANDIDATES} (default: text).")
    Format format;

    @Option(names = "--json", description = "Short for --format json.")
    boolean json;

    @Option(names = "--debug", description = "Log every step and print stack traces with errors.")
    boolean debug;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "Log lines on stderr: ${COMPLETION-CANDIDATES}"
            + " (default: text); json writes one object per line with time, level, replica, event, migration, message.")
    LogSettings.Format logFormat;

    boolean isJson() {
        return json || format == Format.json;
    }

    /** Writes a command's result to its stdout in the chosen format; only that form is built. */
    void print(CommandSpec spec, Supplier<String> text, Supplier<Object> document) {
        if (isJson()) {
            Output.json(spec.commandLine().getOut(), document.get());
        } else {
            Output.text(spec.commandLine().getOut(), text.get());
        }
    }
}

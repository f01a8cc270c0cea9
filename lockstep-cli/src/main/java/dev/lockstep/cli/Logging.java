package dev.lockstep.cli;

import dev.lockstep.cli.log.JulBridge;
import dev.lockstep.cli.log.LogSettings;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Sets up the CLI's logging (its own SLF4J provider, {@link dev.lockstep.cli.log}) before a command runs:
 * logs go to stderr, one line each, as text or as JSON ({@code --log-format json}), so stdout carries only
 * the command's result. Read from the raw arguments, before picocli, so the very first line obeys them;
 * arguments after {@code --} belong to the app that {@code exec} starts and are not read. What the drivers log
 * through {@code java.util.logging} goes the same way ({@link JulBridge}).
 */
final class Logging {
    private Logging() {
    }

    static void configure(List<String> arguments, Map<String, String> environment, Properties file) {
        List<String> own = arguments.contains("--") ? arguments.subList(0, arguments.indexOf("--")) : arguments;
        boolean debug = own.contains("--debug") || "true".equalsIgnoreCase(setting("debug", environment, file));
        String format = value(own, "--log-format");
        if (format == null) {
            format = setting("log-format", environment, file);
        }
        LogSettings.configure("json".equalsIgnoreCase(format == null ? "" : format.strip())
                ? LogSettings.Format.json : LogSettings.Format.text, debug);
        JulBridge.install();
    }

    /** Who this process is, in every JSON log line from now on. */
    static void replica(String replicaId) {
        LogSettings.replica(replicaId);
    }

    private static String setting(String key, Map<String, String> environment, Properties file) {
        String fromEnvironment = environment.get("LOCKSTEP_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        return fromEnvironment != null && !fromEnvironment.isEmpty() ? fromEnvironment : file.getProperty(key);
    }

    private static String value(List<String> arguments, String option) {
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).equals(option) && i + 1 < arguments.size()) {
                return arguments.get(i + 1);
            }
            if (arguments.get(i).startsWith(option + "=")) {
                return arguments.get(i).substring(option.length() + 1);
            }
        }
        return null;
    }
}

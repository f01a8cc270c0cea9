package dev.lockstep.cli.log;

import org.slf4j.event.Level;

/**
 * How the process logs, set once the command line is read and readable from any thread. Loggers consult
 * it on every call, so a logger made before the settings were known still obeys them.
 */
public final class LogSettings {
    /** How each line is written. */
    public enum Format { text, json }

    private static volatile Format format = Format.text;
    private static volatile boolean debug;
    private static volatile String replica;
    private static volatile boolean terminal = System.console() != null;

    private LogSettings() {
    }

    public static void configure(Format format, boolean debug) {
        LogSettings.format = format;
        LogSettings.debug = debug;
    }

    /** Who this process is, for the {@code replica} field of JSON lines. */
    public static void replica(String replica) {
        LogSettings.replica = replica;
    }

    /** Whether a person watches the output on a terminal (progress lines then rewrite themselves). */
    public static boolean terminal() {
        return terminal;
    }

    /** For tests: as if on a terminal, or not. */
    public static void terminal(boolean onTerminal) {
        terminal = onTerminal;
    }

    public static Format format() {
        return format;
    }

    static String replica() {
        return replica;
    }

    /** lockstep's own lines from INFO (DEBUG with {@code --debug}); the drivers' and libraries' from WARN. */
    static boolean enabled(String logger, Level level) {
        Level threshold = logger.startsWith("dev.lockstep") ? (debug ? Level.DEBUG : Level.INFO) : Level.WARN;
        return level.toInt() >= threshold.toInt();
    }
}

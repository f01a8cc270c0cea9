package dev.lockstep.cli;

/**
 * Configures slf4j-simple before the first logger exists: logs go to stderr, one line each, with
 * time and level, so stdout carries only the command's result.
 */
final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    static void configure(boolean debug) {
        set("logFile", "System.err");
        set("defaultLogLevel", "warn");
        set("log.dev.lockstep", debug ? "debug" : "info");
        set("showDateTime", "true");
        set("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        set("showThreadName", "false");
        set("showLogName", "false");
        set("showShortLogName", "false");
        set("levelInBrackets", "false");
    }

    private static void set(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}

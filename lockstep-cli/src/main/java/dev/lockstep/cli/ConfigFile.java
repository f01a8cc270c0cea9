package dev.lockstep.cli;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The optional properties file: {@code --config FILE}, else {@code LOCKSTEP_CONFIG}, else
 * {@code lockstep.properties} in the working directory when it exists. Keys are option names
 * without dashes; an unknown key is an error, because a misspelt setting silently ignored is a
 * migration run against the wrong database.
 */
final class ConfigFile {
    static final String DEFAULT_NAME = "lockstep.properties";

    private ConfigFile() {
    }

    /** The file settings come from: the one named by --config or LOCKSTEP_CONFIG, else lockstep.properties here. */
    static Path where(List<String> args, Map<String, String> environment, Path workingDirectory) {
        String named = named(args);
        if (named == null) {
            named = environment.get("LOCKSTEP_CONFIG");
        }
        return named != null ? workingDirectory.resolve(named) : workingDirectory.resolve(DEFAULT_NAME);
    }

    static Properties load(List<String> args, Map<String, String> environment, Path workingDirectory) {
        boolean named = named(args) != null || environment.get("LOCKSTEP_CONFIG") != null;
        Path file = where(args, environment, workingDirectory);
        Properties properties = new Properties();
        if (!named && !Files.exists(file)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return properties;
        } catch (NoSuchFileException e) {
            throw new LockstepException(Reason.CONFIGURATION, "The configuration file " + file + " does not exist. Fix"
                    + " the path given with --config or LOCKSTEP_CONFIG (a relative one is read from the working directory).", e);
        } catch (IOException e) {
            throw new LockstepException(Reason.CONFIGURATION, "Cannot read the configuration file " + file + ": " + e
                    + ". Fix the path given with --config or LOCKSTEP_CONFIG.", e);
        }
    }

    /** Fails on keys that are no option of any command, naming {@code file} and the keys each was likely meant to be. */
    static void checkKeys(Path file, Properties properties, Set<String> knownKeys) {
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(knownKeys);
        if (!unknown.isEmpty()) {
            List<String> known = knownKeys.stream().map(k -> "--" + k).toList();
            StringBuilder meant = new StringBuilder();
            for (String key : unknown) {
                List<String> near = Suggestions.near("--" + key, known);
                if (!near.isEmpty()) {
                    meant.append(meant.length() == 0 ? " Did you mean " : "; ")
                            .append(String.join(" or ", near.stream().map(n -> n.substring(2)).toList()))
                            .append(" for ").append(key);
                }
            }
            throw new LockstepException(Reason.CONFIGURATION, "Unknown setting" + (unknown.size() == 1 ? " " : "s ")
                    + unknown + " in the configuration file " + file + "." + (meant.length() == 0 ? "" : meant + "?")
                    + " Keys are option names without dashes, such as url, locations or connect-timeout; see lockstep"
                    + " migrate --help.");
        }
    }

    private static String named(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--config") && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (arg.startsWith("--config=")) {
                return arg.substring("--config=".length());
            }
            if (arg.equals("--")) {
                break;
            }
        }
        return null;
    }
}

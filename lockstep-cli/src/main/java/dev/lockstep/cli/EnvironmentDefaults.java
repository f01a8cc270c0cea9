package dev.lockstep.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where an option not given on the command line comes from: the environment variable
 * {@code LOCKSTEP_<OPTION>} ({@code --connect-timeout} → {@code LOCKSTEP_CONNECT_TIMEOUT}), then the
 * properties file ({@code connect-timeout=30s}). What neither sets keeps the library's default.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> environment;
    private final Properties file;

    EnvironmentDefaults(Map<String, String> environment, Properties file) {
        this.environment = environment;
        this.file = file;
    }

    static String variableFor(String optionName) {
        return "LOCKSTEP_" + key(optionName).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static String key(String optionName) {
        return optionName.replaceFirst("^-+", "");
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || option.longestName().equals("--config")
                || option.usageHelp() || option.versionHelp()) {
            return null; // LOCKSTEP_VERSION=1.2 in an image's environment must not turn a migrate into --version
        }
        String fromEnvironment = environment.get(variableFor(option.longestName()));
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        return file.getProperty(key(option.longestName()));
    }
}

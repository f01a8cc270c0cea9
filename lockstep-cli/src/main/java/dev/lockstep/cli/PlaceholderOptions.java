package dev.lockstep.cli;

import dev.lockstep.LockstepConfig;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Values for {@code ${name}} in migrations: {@code --placeholder name=value} (repeated), then the
 * environment's {@code LOCKSTEP_PLACEHOLDER_<NAME>}; a flag wins over the environment for the same name.
 */
final class PlaceholderOptions {
    static final String ENVIRONMENT_PREFIX = "LOCKSTEP_PLACEHOLDER_";

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE", description = "A value for $${NAME} in migrations and"
            + " callbacks; repeat for more. Also LOCKSTEP_PLACEHOLDER_<NAME>. A second $ written before $${NAME} keeps the text"
            + " $${NAME} as it is.")
    Map<String, String> placeholders = new LinkedHashMap<>();

    LockstepConfig.Builder applyTo(LockstepConfig.Builder builder, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        environment.forEach((key, value) -> {
            if (key.startsWith(ENVIRONMENT_PREFIX) && key.length() > ENVIRONMENT_PREFIX.length()) {
                values.put(key.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT), value);
            }
        });
        placeholders.forEach((name, value) -> {
            values.keySet().removeIf(known -> known.equalsIgnoreCase(name));
            values.put(name, value);
        });
        return builder.placeholders(values);
    }
}

package dev.lockstep.maven;

import org.apache.maven.plugin.MojoExecutionException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the CLI writes them: {@code 250ms}, {@code 30s}, {@code 10m}, {@code 1h}; a bare number means seconds. */
final class DurationText {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private DurationText() {
    }

    static Duration parse(String parameter, String value) throws MojoExecutionException {
        Matcher m = FORM.matcher(value.strip());
        if (!m.matches()) {
            throw new MojoExecutionException("Invalid configuration: " + parameter + " '" + value
                    + "' is not a duration; write it as 250ms, 30s, 10m or 1h (a bare number means seconds).");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}

package dev.lockstep.cli;

import dev.lockstep.cli.log.LogSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** --log-format and --debug are read before anything logs, and never from the app's own arguments. */
class LoggingTest {
    @AfterEach
    void reset() {
        LogSettings.configure(LogSettings.Format.text, false);
    }

    private static LogSettings.Format formatFor(List<String> args, Map<String, String> environment) {
        Logging.configure(args, environment, new Properties());
        return LogSettings.format();
    }

    @Test
    void readsTheFormatFromTheArgumentsThenTheEnvironment() {
        assertThat(formatFor(List.of("migrate", "--log-format", "json"), Map.of())).isEqualTo(LogSettings.Format.json);
        assertThat(formatFor(List.of("migrate", "--log-format=json"), Map.of())).isEqualTo(LogSettings.Format.json);
        assertThat(formatFor(List.of("migrate"), Map.of("LOCKSTEP_LOG_FORMAT", "json"))).isEqualTo(LogSettings.Format.json);
        assertThat(formatFor(List.of("migrate", "--log-format", "text"), Map.of("LOCKSTEP_LOG_FORMAT", "json")))
                .isEqualTo(LogSettings.Format.text);
    }

    @Test
    void ignoresTheAppsArgumentsAfterTheDoubleDash() {
        assertThat(formatFor(List.of("exec", "--", "app", "--log-format", "json", "--debug"), Map.of()))
                .isEqualTo(LogSettings.Format.text);
        assertThat(LoggerFactory.getLogger("dev.lockstep").isDebugEnabled()).isFalse();
    }

    @Test
    void debugShowsLockstepsOwnDebugLinesButNotTheDrivers() {
        Logging.configure(List.of("migrate", "--debug"), Map.of(), new Properties());

        assertThat(LoggerFactory.getLogger("dev.lockstep.engine.Engine").isDebugEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("org.postgresql.Driver").isInfoEnabled()).isFalse();
    }
}

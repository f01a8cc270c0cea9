package dev.lockstep.cli.log;

import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NormalizedParameters;
import org.slf4j.spi.LoggingEventAware;

import java.time.Instant;
import java.util.List;

/**
 * One named logger. Plain calls ({@code log.info("...", args)}) and fluent ones with key-value pairs
 * ({@code log.atInfo().addKeyValue("event", "migration_applied")...}) both end in {@link LineWriter}.
 */
final class LineLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;

    LineLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogSettings.enabled(name, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogSettings.enabled(name, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogSettings.enabled(name, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogSettings.enabled(name, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogSettings.enabled(name, Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable error) {
        emit(level, List.of(), MessageFormatter.basicArrayFormat(pattern, arguments), error);
    }

    @Override
    public void log(LoggingEvent event) {
        if (!LogSettings.enabled(name, event.getLevel())) {
            return;
        }
        NormalizedParameters parameters = NormalizedParameters.normalize(event);
        String message = MessageFormatter.basicArrayFormat(parameters.getMessage(), parameters.getArguments());
        emit(event.getLevel(), event.getKeyValuePairs(), message, parameters.getThrowable());
    }

    private static void emit(Level level, List<KeyValuePair> pairs, String message, Throwable error) {
        Instant now = Instant.now();
        LineWriter.write(LogSettings.format() == LogSettings.Format.json
                ? LineWriter.json(now, level, LogSettings.replica(), pairs, message, error)
                : LineWriter.text(now, level, message, error));
    }
}

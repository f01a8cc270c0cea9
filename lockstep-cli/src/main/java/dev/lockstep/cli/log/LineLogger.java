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
        if (LogSettings.format() == LogSettings.Format.json) {
            LineWriter.write(LineWriter.json(now, level, LogSettings.replica(), pairs, message, error));
        } else if (LogSettings.terminal() && isProgress(pairs)) {
            LineWriter.progress(LineWriter.text(now, level, message, error));
        } else {
            LineWriter.write(LineWriter.text(now, level, message, error));
        }
    }

    /** A line that says a statement is still running: on a terminal it replaces the one before it. */
    private static boolean isProgress(List<KeyValuePair> pairs) {
        return pairs != null && pairs.stream().anyMatch(p -> p.key.equals("event") && "statement_running".equals(p.value));
    }
}

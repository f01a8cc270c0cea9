package dev.lockstep.maven;

import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * lockstep-core logs through slf4j 2, and Maven 3.9 hands its plugins slf4j 1.7, which lacks the API the library
 * uses. So this plugin carries slf4j 2 inside it under another package name (the shade plugin relocates it, with
 * lockstep-core's references to it), and this provider sends the library's log to the goal's Maven log: the
 * library's lines appear as the build's own {@code [INFO]} and {@code [WARNING]} lines.
 */
public final class MavenLogProvider implements SLF4JServiceProvider {
    private static volatile Log log = new SystemStreamLog();

    private final ILoggerFactory loggers = name -> new MavenLogger(name);
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Where the library's log goes while a goal runs. */
    static void use(Log goalLog) {
        log = goalLog;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    /** Info and above as Maven's levels; debug only with {@code mvn -X}. */
    private static final class MavenLogger extends LegacyAbstractLogger implements LoggingEventAware {
        private static final long serialVersionUID = 1L;

        MavenLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return log.isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return log.isInfoEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return log.isWarnEnabled();
        }

        @Override
        public boolean isErrorEnabled() {
            return log.isErrorEnabled();
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        /** The fluent API's events: the message only, without the key-value pairs meant for JSON logs. */
        @Override
        public void log(LoggingEvent event) {
            Object[] arguments = event.getArgumentArray();
            handleNormalizedLoggingCall(event.getLevel(), null, event.getMessage(), arguments, event.getThrowable());
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            String message = "lockstep: " + MessageFormatter.basicArrayFormat(pattern, arguments);
            if (throwable == null) { // Maven's logs print the throwable they are given, null or not
                switch (level) {
                    case ERROR -> log.error(message);
                    case WARN -> log.warn(message);
                    case INFO -> log.info(message);
                    default -> log.debug(message);
                }
                return;
            }
            switch (level) {
                case ERROR -> log.error(message, throwable);
                case WARN -> log.warn(message, throwable);
                case INFO -> log.info(message, throwable);
                default -> log.debug(message, throwable);
            }
        }
    }
}

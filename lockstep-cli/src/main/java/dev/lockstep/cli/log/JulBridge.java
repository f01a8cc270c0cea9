package dev.lockstep.cli.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Sends what the drivers log through {@code java.util.logging} (pgjdbc does) to the CLI's own loggers, so it
 * comes out in lockstep's line format (text or JSON) and levels instead of the JDK's two-line console format.
 * The JDK's handlers are removed; the root level is WARNING, so drivers do not even build their debug lines.
 */
public final class JulBridge extends Handler {
    private final SimpleFormatter formatter = new SimpleFormatter();

    private JulBridge() {
    }

    /** Replaces the JDK's console handler with this bridge; calling it again changes nothing. */
    public static synchronized void install() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof JulBridge) {
                return;
            }
        }
        LogManager.getLogManager().reset();
        root.setLevel(Level.WARNING);
        root.addHandler(new JulBridge());
    }

    @Override
    public void publish(LogRecord record) {
        Logger logger = LoggerFactory.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
        String message = Redactor.redact(formatter.formatMessage(record));
        int level = record.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) {
            logger.error(message, record.getThrown());
        } else if (level >= Level.WARNING.intValue()) {
            logger.warn(message, record.getThrown());
        } else if (level >= Level.INFO.intValue()) {
            logger.info(message, record.getThrown());
        } else {
            logger.debug(message, record.getThrown());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}

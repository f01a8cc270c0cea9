package dev.lockstep.cli.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one log event as one line: {@code 2026-01-31T12:00:00.000Z INFO Applying V1__init.sql (2 statements)}
 * for people, or one JSON object with {@code time}, {@code level}, {@code replica}, {@code event},
 * {@code migration} and {@code message} (and {@code error}, {@code stack} with an exception) for log shippers.
 */
final class LineWriter {
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter JSON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);

    /** Loaded by the first JSON line only: text logs load no class of Jackson's, not even for a {@code catch}. */
    private static final class Json {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        static String write(Map<String, Object> line) {
            try {
                return MAPPER.writeValueAsString(line);
            } catch (JsonProcessingException e) {
                return "{\"level\":\"error\",\"message\":\"cannot write a log line as JSON: " + e.getOriginalMessage() + "\"}";
            }
        }
    }

    private LineWriter() {
    }

    static String text(Instant time, Level level, String message, Throwable error) {
        String line = textTime(time) + " " + level + " " + message;
        return error == null ? line : line + System.lineSeparator() + stack(error).stripTrailing();
    }

    /**
     * The second a text line's time was last formatted in, split around its milliseconds: lines come many a second,
     * and only their milliseconds differ ({@code 2026-01-31T12:00:00.} and {@code Z}, the zone's offset then).
     */
    private record Second(long epochSecond, String before, String after) {
        static Second of(long epochSecond) {
            String formatted = TEXT_TIME.format(Instant.ofEpochSecond(epochSecond));
            int millis = formatted.indexOf('.') + 1;
            return new Second(epochSecond, formatted.substring(0, millis), formatted.substring(millis + 3));
        }
    }

    private static volatile Second lastSecond = Second.of(0);

    /** {@link #TEXT_TIME} of {@code time}, formatted once a second. */
    static String textTime(Instant time) {
        Second second = lastSecond;
        if (second.epochSecond() != time.getEpochSecond()) {
            second = Second.of(time.getEpochSecond());
            lastSecond = second;
        }
        int millis = time.getNano() / 1_000_000;
        return second.before() + (char) ('0' + millis / 100) + (char) ('0' + millis / 10 % 10) + (char) ('0' + millis % 10)
                + second.after();
    }

    static String json(Instant time, Level level, String replica, List<KeyValuePair> pairs, String message, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", JSON_TIME.format(time));
        line.put("level", level.toString().toLowerCase(Locale.ROOT));
        if (replica != null) {
            line.put("replica", replica);
        }
        Object event = value(pairs, "event");
        if (event != null) {
            line.put("event", event);
        }
        Object migration = value(pairs, "migration");
        if (migration != null) {
            line.put("migration", migration);
        }
        line.put("message", message);
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                line.putIfAbsent(pair.key, pair.value == null ? null : String.valueOf(pair.value));
            }
        }
        if (error != null) {
            line.put("error", error.toString());
            line.put("stack", stack(error));
        }
        return Json.write(line);
    }

    /** Clears the terminal's line from its start: what a progress line is rewritten with. */
    private static final String CLEAR_LINE = "\r\u001b[K";
    private static boolean progressShown;

    /** One line to stderr, whole: lines from several threads never interleave. A progress line shown is replaced. */
    static synchronized void write(String line) {
        PrintStream err = System.err;
        if (progressShown) {
            err.print(CLEAR_LINE);
            progressShown = false;
        }
        err.println(Redactor.redact(line));
        err.flush();
    }

    /**
     * A progress line on a terminal: written over the previous one instead of below it, and replaced by the next
     * line of any kind, so a long statement shows one line that counts up.
     */
    static synchronized void progress(String line) {
        PrintStream err = System.err;
        err.print(CLEAR_LINE + Redactor.redact(line));
        err.flush();
        progressShown = true;
    }

    private static Object value(List<KeyValuePair> pairs, String key) {
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                if (pair.key.equals(key)) {
                    return pair.value == null ? null : String.valueOf(pair.value);
                }
            }
        }
        return null;
    }

    private static String stack(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}

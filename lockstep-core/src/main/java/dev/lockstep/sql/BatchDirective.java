package dev.lockstep.sql;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -- lockstep:batch [pause=200ms] [max=N] [key=id [size=5000]]} on the line before a statement: the statement is
 * a backfill, and lockstep runs it again and again, each time in its own short transaction. Without {@code key=} the
 * statement bounds itself (a {@code LIMIT}, a sub-select of a few thousand keys) and runs until it changes no row.
 * With {@code key=} lockstep bounds it: the statement runs over one range of the table's integer primary key per
 * batch ({@link KeyRange}), until the key has no row left past the last range.
 *
 * @param pause      how long to wait after each batch, so replication and other writers keep up; zero by default
 * @param maxBatches at most this many batches, then the migration fails (a statement that never stops changing
 *                   rows does not bound itself by its condition); 0 for no bound
 * @param key        the primary-key column whose ranges bound each batch, as written; {@code null} when the statement
 *                   bounds itself
 * @param size       how many keys one range spans ({@link #DEFAULT_SIZE} unless {@code size=} says); 0 without a key
 */
public record BatchDirective(Duration pause, long maxBatches, String key, int size) {
    /** The comment that marks a backfill, as written before its statement. */
    public static final String PREFIX = "-- lockstep:batch";
    /** Keys per range when {@code key=} has no {@code size=}. */
    public static final int DEFAULT_SIZE = 5_000;

    private static final Pattern OPTION = Pattern.compile("(pause|max|key|size)=(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public BatchDirective {
        if (pause.isNegative() || maxBatches < 0) {
            throw new IllegalArgumentException("pause and max must not be negative");
        }
        if (key == null ? size != 0 : size < 1 || !COLUMN.matcher(key).matches()) {
            throw new IllegalArgumentException("a key needs a plain column name and a size of 1 or more, and a size only with a key");
        }
    }

    /** A backfill that bounds itself. */
    public BatchDirective(Duration pause, long maxBatches) {
        this(pause, maxBatches, null, 0);
    }

    /** Whether lockstep bounds each batch by a range of {@link #key()}, rather than the statement itself. */
    public boolean keyed() {
        return key != null;
    }

    /** The directive as it is written: {@code -- lockstep:batch pause=200ms max=100 key=id size=5000}. */
    public String comment() {
        return PREFIX + (pause.isZero() ? "" : " pause=" + pause.toMillis() + "ms") + (maxBatches == 0 ? "" : " max=" + maxBatches)
                + (key == null ? "" : " key=" + key + " size=" + size);
    }

    /** Whether a comment's text ({@code --} and all) is this directive, well written or not. */
    static boolean matches(String comment) {
        String text = comment.strip();
        return text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && (text.length() == PREFIX.length() || Character.isWhitespace(text.charAt(PREFIX.length())));
    }

    /**
     * Reads the directive's options.
     *
     * @throws SqlSyntaxException for an option it does not know or a value it cannot read
     */
    static BatchDirective parse(String comment, int line) {
        Duration pause = Duration.ZERO;
        long max = 0;
        String key = null;
        int size = 0;
        String options = comment.strip().substring(PREFIX.length()).strip();
        for (String option : options.isEmpty() ? new String[0] : options.split("\\s+")) {
            Matcher m = OPTION.matcher(option);
            if (!m.matches()) {
                throw new SqlSyntaxException(line, "'" + option + "' is not an option of " + PREFIX
                        + ": write pause=200ms (a wait after each batch), max=N (at most N batches), or key=id with"
                        + " size=5000 (lockstep bounds each batch by a range of that primary key)");
            }
            String value = m.group(2);
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (name.equals("key")) {
                if (!COLUMN.matcher(value).matches()) {
                    throw new SqlSyntaxException(line, "key=" + value + " in " + PREFIX + " is not a column name: write"
                            + " the table's primary-key column as it is named, unquoted (key=id)");
                }
                key = value;
            } else if (name.equals("size")) {
                size = count(value, "size", "keys per batch", line);
            } else if (name.equals("pause")) {
                Matcher d = DURATION.matcher(value);
                if (!d.matches()) {
                    throw new SqlSyntaxException(line, "pause=" + value + " in " + PREFIX + " is not a duration:"
                            + " write it as 200ms, 2s or 1m");
                }
                long amount = Long.parseLong(d.group(1));
                String unit = d.group(2) == null ? "s" : d.group(2);
                pause = switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                };
            } else {
                max = count(value, "max", "batches", line);
            }
        }
        if (key == null && size != 0) {
            throw new SqlSyntaxException(line, "size=" + size + " in " + PREFIX + " sizes the ranges of a key: add"
                    + " key=<primary-key column>, or bound the statement itself and remove size=");
        }
        return new BatchDirective(pause, max, key, key == null ? 0 : size == 0 ? DEFAULT_SIZE : size);
    }

    private static int count(String value, String option, String what, int line) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1) {
            throw new SqlSyntaxException(line, option + "=" + value + " in " + PREFIX + " must be a whole number of "
                    + what + ", 1 or more");
        }
        return n;
    }
}

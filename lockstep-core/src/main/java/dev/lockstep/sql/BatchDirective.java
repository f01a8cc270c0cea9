package dev.lockstep.sql;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -- lockstep:batch [pause=200ms] [max=N]} on the line before a statement: the statement is a backfill that
 * bounds itself (a {@code LIMIT}, a sub-select of a few thousand keys), and lockstep runs it again and again, each
 * time in its own short transaction, until it changes no row.
 *
 * @param pause      how long to wait after each batch, so replication and other writers keep up; zero by default
 * @param maxBatches at most this many batches, then the migration fails (a statement that never stops changing
 *                   rows does not bound itself by its condition); 0 for no bound
 */
public record BatchDirective(Duration pause, long maxBatches) {
    /** The comment that marks a backfill, as written before its statement. */
    public static final String PREFIX = "-- lockstep:batch";

    private static final Pattern OPTION = Pattern.compile("(pause|max)=(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    public BatchDirective {
        if (pause.isNegative() || maxBatches < 0) {
            throw new IllegalArgumentException("pause and max must not be negative");
        }
    }

    /** The directive as it is written: {@code -- lockstep:batch pause=200ms max=100}. */
    public String comment() {
        return PREFIX + (pause.isZero() ? "" : " pause=" + pause.toMillis() + "ms") + (maxBatches == 0 ? "" : " max=" + maxBatches);
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
        String options = comment.strip().substring(PREFIX.length()).strip();
        for (String option : options.isEmpty() ? new String[0] : options.split("\\s+")) {
            Matcher m = OPTION.matcher(option);
            if (!m.matches()) {
                throw new SqlSyntaxException(line, "'" + option + "' is not an option of " + PREFIX
                        + ": write pause=200ms (a wait after each batch) or max=N (at most N batches)");
            }
            String value = m.group(2);
            if (m.group(1).toLowerCase(Locale.ROOT).equals("pause")) {
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
                try {
                    max = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    max = -1;
                }
                if (max < 1) {
                    throw new SqlSyntaxException(line, "max=" + value + " in " + PREFIX + " must be a whole number of"
                            + " batches, 1 or more");
                }
            }
        }
        return new BatchDirective(pause, max);
    }
}

package dev.lockstep.source;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Values for {@code ${name}} in migration and callback files. Names are compared without regard to
 * case, so {@code --placeholder tenant=a} and {@code LOCKSTEP_PLACEHOLDER_TENANT=a} fill {@code ${tenant}}
 * alike. {@code $${name}} is the escape: it stands for the text {@code ${name}} itself.
 *
 * <p>Only {@code ${...}} whose content is a name (a letter or {@code _}, then letters, digits, {@code _},
 * {@code .}, {@code -} or {@code :}) is a placeholder; other text with {@code ${} (a shell snippet in a
 * string, say) is left alone. Checksums are taken from the file before substitution, so a new value
 * never looks like an edited migration. Pure: no I/O.
 */
public final class Placeholders {
    /** No values: every placeholder in a file is undefined. */
    public static final Placeholders NONE = new Placeholders(Map.of());

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]*");

    private final Map<String, String> values;

    private Placeholders(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * @throws IllegalArgumentException naming a name that is not a placeholder name, or two names that
     *                                  differ only in case
     */
    public static Placeholders of(Map<String, String> values) {
        Map<String, String> byName = new TreeMap<>();
        values.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("placeholder name '" + name + "' is not a name (a letter or _,"
                        + " then letters, digits, _ . - or :)");
            }
            if (byName.put(name.toLowerCase(Locale.ROOT), value == null ? "" : value) != null) {
                throw new IllegalArgumentException("placeholder '" + name + "' is given twice (names ignore case)");
            }
        });
        return new Placeholders(byName);
    }

    /** The values by lower-case name. */
    public Map<String, String> values() {
        return values;
    }

    /**
     * Replaces every placeholder in {@code text}.
     *
     * @param path the file, for messages
     * @throws LockstepException {@link Reason#INVALID_MIGRATIONS} naming the file and line of each
     *                           placeholder that has no value
     */
    public String resolve(String text, String path) {
        if (!text.contains("${")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        List<String> undefined = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean escaped = text.startsWith("$${", i);
            if (escaped || text.startsWith("${", i)) {
                int open = escaped ? i + 1 : i;
                int close = text.indexOf('}', open + 2);
                String name = close < 0 ? null : text.substring(open + 2, close);
                if (name != null && NAME.matcher(name).matches()) {
                    if (escaped) {
                        out.append(text, open, close + 1);
                    } else {
                        String value = values.get(name.toLowerCase(Locale.ROOT));
                        if (value == null) {
                            undefined.add(path + ":" + line + ": ${" + name + "}");
                            out.append(text, open, close + 1);
                        } else {
                            out.append(value);
                        }
                    }
                    i = close + 1;
                    continue;
                }
            }
            if (c == '\n') {
                line++;
            }
            out.append(c);
            i++;
        }
        if (!undefined.isEmpty()) {
            throw new LockstepException(Reason.INVALID_MIGRATIONS, "Undefined placeholder" + (undefined.size() == 1 ? "" : "s")
                    + ", so nothing was applied:\n  " + String.join("\n  ", undefined) + "\nGive each a value with"
                    + " --placeholder NAME=VALUE or LOCKSTEP_PLACEHOLDER_<NAME>, or write $${NAME} for the text ${NAME} itself.");
        }
        return out.toString();
    }
}

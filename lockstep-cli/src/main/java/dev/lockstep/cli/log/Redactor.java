package dev.lockstep.cli.log;

import dev.lockstep.error.Secrets;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The last line of defence against printed credentials: every line the CLI writes (log lines, stack traces,
 * the final error, stdout) passes through {@link #redact}, which masks the URL forms {@link Secrets} knows and
 * every secret this process was given: the password from any source, the password in a URL's user-info and
 * the values of its password parameters. A driver that quotes one bare ({@code Incorrect port value :
 * PW@host}, an {@code UnknownHostException} naming {@code PW@host}) is masked too.
 */
public final class Redactor {
    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();
    private static final Set<String> PASSWORD_KEYS = Set.of("password", "LOCKSTEP_PASSWORD");
    private static final Set<String> URL_KEYS = Set.of("url", "LOCKSTEP_URL");

    private Redactor() {
    }

    /** Remembers a secret (ignored when {@code null} or empty). */
    public static void remember(String secret) {
        if (secret != null && !secret.isEmpty()) {
            SECRETS.add(secret);
        }
    }

    /** Remembers the secrets a JDBC URL holds. */
    public static void rememberUrl(String url) {
        Secrets.inUrl(url).forEach(Redactor::remember);
    }

    /** Remembers the password and URL secrets of the command line, the environment and the properties file. */
    public static void rememberFrom(List<String> args, Map<String, String> environment, Properties file) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            for (String option : List.of("--password", "--url")) {
                String value = arg.equals(option) && i + 1 < args.size() ? args.get(i + 1)
                        : arg.startsWith(option + "=") ? arg.substring(option.length() + 1) : null;
                if (value != null) {
                    remember(option.equals("--password") ? value : null);
                    rememberUrl(option.equals("--url") ? value : null);
                }
            }
        }
        environment.forEach((key, value) -> remember(key, value));
        file.stringPropertyNames().forEach(key -> remember(key, file.getProperty(key)));
    }

    private static void remember(String key, String value) {
        if (PASSWORD_KEYS.contains(key)) {
            remember(value);
        } else if (URL_KEYS.contains(key)) {
            rememberUrl(value);
        }
    }

    /** {@code text} with every known secret and every password-like URL part masked. */
    public static String redact(String text) {
        return Secrets.mask(text, SECRETS);
    }
}

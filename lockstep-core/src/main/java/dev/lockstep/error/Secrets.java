package dev.lockstep.error;

import java.util.regex.Pattern;

/**
 * Keeps credentials out of what lockstep writes: logs, messages, JSON output and the health endpoint all
 * pass text through here before a person or a log shipper sees it.
 */
public final class Secrets {
    /** {@code password=...}, {@code pwd=...} and similar parameters, up to the next separator. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|sslpassword|keystorepassword|truststorepassword)=)[^&;)\\s]*");
    /** {@code //user:password@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^@/\\s]*@");
    private static final String MASK = "****";

    private Secrets() {
    }

    /** The text with every password-like URL parameter and user-info password replaced by {@code ****}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String masked = SECRET_PARAMETER.matcher(text).replaceAll("$1" + MASK);
        return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }

    /**
     * {@link #redact} and also every occurrence of {@code password} itself, as a driver may quote it in its
     * message; a password shorter than four characters is left to the URL masking, so that masking it does not
     * garble the text.
     */
    public static String mask(String text, String password) {
        String masked = redact(text);
        if (masked != null && password != null && password.length() >= 4) {
            masked = masked.replace(password, MASK);
        }
        return masked;
    }
}

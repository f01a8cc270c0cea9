package dev.lockstep.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
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
    /** In a URL: a password-like parameter's whole value, up to the next parameter (spaces included). */
    private static final Pattern URL_SECRET_PARAMETER = Pattern.compile(
            "(?i)[?&;](?:password|passwd|pwd|secret|token|sslpassword|keystorepassword|truststorepassword)=([^&;]*)");
    /** In a URL: the password of {@code //user:password@host}, up to the last {@code @} before the path. */
    private static final Pattern URL_USER_INFO = Pattern.compile("//[^/:@\\s]*:([^/?#]*)@");

    private Secrets() {
    }

    /** The text with every password-like URL parameter and user-info password replaced by {@code ****}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        // Each pattern needs a character most lines lack ('=', or '//' and '@'): a line without it is left as it is
        // without running the pattern over it, which every log line would otherwise pay for.
        String masked = text.indexOf('=') < 0 ? text : SECRET_PARAMETER.matcher(text).replaceAll("$1" + MASK);
        return masked.indexOf("//") < 0 || masked.indexOf('@') < 0 ? masked
                : USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }

    /**
     * {@link #redact} and also every occurrence of {@code password} itself, as a driver may quote it in its
     * message; a password shorter than four characters is left to the URL masking, so that masking it does not
     * garble the text.
     */
    public static String mask(String text, String password) {
        return mask(text, password == null ? List.of() : List.of(password));
    }

    /** {@link #mask(String, String)} for several secrets: each occurrence of any of them is masked. */
    public static String mask(String text, Collection<String> secrets) {
        String masked = redact(text);
        if (masked == null) {
            return null;
        }
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }

    /**
     * The secrets written into a JDBC URL: the user-info password ({@code //user:PW@host}) and the values of
     * password-like parameters, whole (a value with spaces too), also percent-decoded. A driver may quote any
     * of them bare ({@code Incorrect port value : PW@host}), where no pattern can tell them.
     */
    public static List<String> inUrl(String url) {
        List<String> found = new ArrayList<>();
        if (url == null) {
            return found;
        }
        for (Pattern pattern : List.of(URL_USER_INFO, URL_SECRET_PARAMETER)) {
            Matcher m = pattern.matcher(url);
            while (m.find()) {
                String value = m.group(1);
                if (!value.isEmpty()) {
                    found.add(value);
                    String decoded = decode(value);
                    if (!decoded.equals(value)) {
                        found.add(decoded);
                    }
                }
            }
        }
        return found;
    }

    private static String decode(String value) {
        try {
            return java.net.URLDecoder.decode(value.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}

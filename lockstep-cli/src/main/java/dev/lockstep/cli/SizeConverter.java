package dev.lockstep.cli;

import picocli.CommandLine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code 1048576}, {@code 512K}, {@code 500M}, {@code 2G}, {@code 1T} (also {@code 2GiB}, {@code 2gb}): powers of 1024. */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([kmgt]?)(?:i?b)?");

    @Override
    public Long convert(String value) {
        Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a size; write it as 500M, 2G or a number of bytes (K, M, G, T are powers of 1024)");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long amount = Long.parseLong(m.group(1));
        if (amount > Long.MAX_VALUE >> shift) {
            throw new CommandLine.TypeConversionException("'" + value + "' is too large a size");
        }
        return amount << shift;
    }
}

package dev.lockstep.cli.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: every line must be
 * a HELP or TYPE comment or a sample of a declared family, with a valid name, labels and value. The Java
 * client has writers only; this is the grammar of the format's specification.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})?"
            + " ([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf|NaN))( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** family name → type, and every sample, in order. */
    public record Exposition(Map<String, String> types, List<Sample> samples) {
        public double value(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no sample " + name + " in " + samples)).value();
        }
    }

    private PrometheusText() {
    }

    public static Exposition parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || HELP.matcher(line).matches()) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                if (types.put(type.group(1), type.group(2)) != null) {
                    throw new AssertionError("family declared twice: " + line);
                }
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a valid exposition line: '" + line + "'");
            }
            String name = sample.group(1);
            if (family(name, types) == null) {
                throw new AssertionError("sample of an undeclared family: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(name, labels, Double.parseDouble(sample.group(4).replace("Inf", "Infinity"))));
        }
        return new Exposition(types, samples);
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            String base = sample.endsWith(suffix) ? sample.substring(0, sample.length() - suffix.length()) : null;
            if (base != null && "histogram".equals(types.get(base))) {
                return base;
            }
        }
        return null;
    }
}

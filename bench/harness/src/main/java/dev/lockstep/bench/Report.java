package dev.lockstep.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One scenario's result file, {@code bench/results/<date>-<scenario>.md}: what was measured, the
 * conditions, the command that reproduces it, then tables of medians and lockstep/peer ratios.
 */
final class Report {
    private final String slug;
    private final StringBuilder text = new StringBuilder();

    /** @param runs how many runs each figure is the median of */
    Report(String slug, String title, String what, Options options, int runs) {
        this.slug = slug;
        text.append("# ").append(title).append("\n\n").append(what).append("\n\n");
        text.append("Reproduce: `").append(options.commandLine()).append("`\n\n");
        text.append("Conditions: ").append(conditions(options, runs)).append("\n\n");
    }

    void paragraph(String paragraph) {
        text.append(paragraph).append("\n\n");
    }

    void table(List<String> header, List<List<String>> rows) {
        text.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> text.append("---|"));
        text.append('\n');
        for (List<String> row : rows) {
            text.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        text.append('\n');
    }

    Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(LocalDate.now(ZoneOffset.UTC) + "-" + slug + ".md");
        Files.writeString(file, text);
        return file;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private static String conditions(Options options, int runs) {
        List<String> parts = new ArrayList<>();
        parts.add(Runtime.getRuntime().availableProcessors() + " cores");
        parts.add(String.format(java.util.Locale.ROOT, "load average %.2f at the start",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        parts.add("Java " + System.getProperty("java.version"));
        for (Target.Kind kind : options.databases()) {
            parts.add(Target.version(kind));
        }
        parts.add(runs == 1 ? "one run per figure" : "median of " + runs + " runs per figure");
        return String.join("; ", parts) + ". " + options.note();
    }
}

package dev.lockstep.bench;

import dev.lockstep.bench.jmh.PlannerBenchmark;
import dev.lockstep.bench.jmh.SplitterBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * JMH: the statement splitter in MB/s on files of about 1 MB, and the planner (and the fingerprint)
 * over 10,000 migrations, each in a forked JVM of its own. Scenario id {@code JMH}; not in the default
 * list because it takes about two minutes.
 */
final class MicroBenchmarks implements Scenario {
    @Override
    public String id() {
        return "JMH";
    }

    @Override
    public Report run(Options options, Jars jars, Path work) throws Exception {
        Report report = new Report("jmh", "Micro-benchmarks (JMH)",
                "JMH 1.37, one fork, 3 × 1 s warm-up and 5 × 1 s measurement per figure, on the same shared machine."
                        + " Splitter: files of about 1 MB repeated from the splitter's test fixtures (dollar quotes, nested"
                        + " comments, DELIMITER blocks, trigger bodies) and a data load of INSERTs with quoted strings.", options, 1);
        Collection<RunResult> splitter = new Runner(new OptionsBuilder()
                .include(SplitterBenchmark.class.getName()).jvmArgsAppend("-cp", jars.bench().toString()).build()).run();
        List<List<String>> rows = new ArrayList<>();
        for (RunResult result : splitter) {
            String shape = result.getParams().getParam("shape");
            double perSecond = result.getPrimaryResult().getScore();
            int bytes = SplitterBenchmark.text(shape).getBytes(StandardCharsets.UTF_8).length;
            rows.add(List.of(shape, String.format(Locale.ROOT, "%.2f", bytes / 1e6),
                    String.format(Locale.ROOT, "%.1f", perSecond * bytes / 1e6),
                    String.format(Locale.ROOT, "± %.1f", result.getPrimaryResult().getScoreError() * bytes / 1e6)));
        }
        report.table(List.of("file shape", "size (MB)", "split speed (MB/s)", "99.9% error (MB/s)"), rows);

        Collection<RunResult> planner = new Runner(new OptionsBuilder()
                .include(PlannerBenchmark.class.getName()).jvmArgsAppend("-cp", jars.bench().toString()).build()).run();
        List<List<String>> planRows = new ArrayList<>();
        for (RunResult result : planner) {
            planRows.add(List.of(result.getParams().getBenchmark().replaceAll(".*\\.", ""), result.getParams().getParam("count"),
                    String.format(Locale.ROOT, "%.2f ± %.2f", result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError())));
        }
        report.table(List.of("planner benchmark", "migrations", "ms per call"), planRows);
        return report;
    }
}

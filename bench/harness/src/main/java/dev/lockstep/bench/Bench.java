package dev.lockstep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./bench/run}: runs the chosen scenarios with every chosen tool and database and writes one
 * result file per scenario to {@code bench/results/}. Exit 2 on bad options, 1 when a scenario broke.
 */
public final class Bench {
    private static final List<Scenario> SCENARIOS = List.of(new ReplicasAtOnce(), new HolderKilled(), new NothingPending(),
            new BulkApply(), new WorkersInOneProcess(), new SpringBootStart(), new FleetOfSchemas(), new Backfill(),
            new MixedFile(), new MicroBenchmarks());

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        if (List.of(args).contains("--help")) {
            System.out.print(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Jars jars = Jars.under(root);
        jars.check(options);
        Path work = Files.createTempDirectory("lockstep-bench-");
        System.err.println("bench: scratch files in " + work);
        for (Scenario scenario : SCENARIOS) {
            if (options.scenarios().contains(scenario.id())) {
                Report report = scenario.run(options, jars, work.resolve(scenario.id()));
                Path file = report.write(options.out());
                System.out.println(report);
                System.err.println("bench: wrote " + root.relativize(file));
            }
        }
    }
}

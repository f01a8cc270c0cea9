package dev.lockstep.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code ./bench/run}. Unknown options are an error, never ignored.
 *
 * @param runs repetitions per figure; {@code 0} means each scenario's own default
 * @param baseline another lockstep tree, built, that S3 and S4 measure beside this one (before and after a change), or
 *     {@code null}
 */
record Options(List<String> scenarios, List<Target.Kind> databases, List<Tool> tools, List<Integer> sizes, int runs,
               int replicas, int s1Migrations, int s4Migrations, List<Integer> fleetTenants, int fleetParallel,
               int fleetSample, int flatSize, Path java25, Path root, Path out, String note, Path baseline, List<String> args) {

    static final String USAGE = """
            usage: ./bench/run [options]
              --scenarios S1,S2,S3,S4,S5   which scenarios (default: these five; S6 the Spring Boot start, S7 a fleet, S8 a backfill of a million rows, S9 one file mixing DDL and row changes, JMH the micro-benchmarks)
              --databases pg,mariadb,sqlite (default: all three)
              --tools lockstep,flyway,liquibase (default: all three)
              --sizes 1000,5000            applied migrations for S3 (default: 1000,5000); S6 takes the first
              --runs N                     repetitions per figure (default: S1 3, S2 1, S3 5, S4 3, S5 10, S6 5)
              --replicas N                 processes started at once in S1 (default: 16)
              --s1-migrations N            migrations in S1 (default: 50)
              --s4-migrations N            migrations in S4 (default: 1000)
              --tenants 100,1000           schemas in S7, the fleet (default: 100,1000)
              --parallel N                 the fan-out's --parallel in S7 (default: 4)
              --sample N                   schemas migrated one process each, in turn, in S7 (default: 100)
              --flat-size N                applied migrations of S3's lockstep-only case, against the first size (default: 20000; 0: none)
              --java25 JDK_HOME            S3 also runs lockstep through the launcher on this JDK 25 (its AOT cache)
              --out DIR                    where result files go (default: bench/results)
              --note TEXT                  added to the conditions of every result file
              --baseline DIR               S3, S4: also run the lockstep built in DIR (another checkout, after
                                           ./mvnw -Pbench -DskipTests package), run for run beside this one
            """;

    static Options parse(String[] args, Path root) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + name + "'\n" + USAGE);
            }
            values.put(name.substring(2), args[++i]);
        }
        Options options = new Options(
                list(values.remove("scenarios"), "S1,S2,S3,S4,S5").stream().map(String::toUpperCase).toList(),
                list(values.remove("databases"), "pg,mariadb,sqlite").stream().map(Target.Kind::of).toList(),
                list(values.remove("tools"), "lockstep,flyway,liquibase").stream().map(Tool::of).toList(),
                list(values.remove("sizes"), "1000,5000").stream().map(Integer::parseInt).toList(),
                Integer.parseInt(values.getOrDefault("runs", "0")),
                Integer.parseInt(values.getOrDefault("replicas", "16")),
                Integer.parseInt(values.getOrDefault("s1-migrations", "50")),
                Integer.parseInt(values.getOrDefault("s4-migrations", "1000")),
                list(values.remove("tenants"), "100,1000").stream().map(Integer::parseInt).toList(),
                Integer.parseInt(values.getOrDefault("parallel", "4")),
                Integer.parseInt(values.getOrDefault("sample", "100")),
                Integer.parseInt(values.getOrDefault("flat-size", "20000")),
                values.containsKey("java25") ? Path.of(values.get("java25")) : null,
                root,
                root.resolve(values.getOrDefault("out", "bench/results")),
                values.getOrDefault("note", ""),
                values.containsKey("baseline") ? Path.of(values.get("baseline")).toAbsolutePath() : null,
                List.of(args));
        values.keySet().removeAll(List.of("runs", "replicas", "s1-migrations", "s4-migrations", "parallel", "sample", "out",
                "note", "flat-size", "java25", "baseline"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next() + "\n" + USAGE);
        }
        return options;
    }

    /** Repetitions for a scenario whose own default is {@code fallback}. */
    int runsOr(int fallback) {
        return runs > 0 ? runs : fallback;
    }

    String commandLine() {
        return "./bench/run" + (args.isEmpty() ? "" : " " + String.join(" ", args.stream()
                .map(a -> a.contains(" ") ? "'" + a + "'" : a).toList()));
    }

    private static List<String> list(String value, String fallback) {
        return Arrays.stream((value == null ? fallback : value).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}

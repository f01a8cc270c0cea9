package dev.lockstep.bench.jmh;

import dev.lockstep.sql.SqlDialect;
import dev.lockstep.sql.SqlSplitter;
import dev.lockstep.sql.Statement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The statement splitter on files of about 1 MB shaped like real migrations: the dialect fixtures
 * of the splitter's tests (dollar quotes, nested comments, {@code DELIMITER} blocks, trigger bodies)
 * repeated, and a data load of INSERTs with quoted strings. Throughput in files per second; the
 * JMH scenario turns it into MB/s with {@link #text}'s size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SplitterBenchmark {
    static final int TARGET_BYTES = 1 << 20;

    @Param({"postgresql", "mysql", "sqlite", "inserts"})
    public String shape;

    private String text;
    private SqlDialect dialect;

    @Setup
    public void load() {
        text = text(shape);
        dialect = dialect(shape);
    }

    @Benchmark
    public List<Statement> split() {
        return SqlSplitter.split(text, dialect);
    }

    static SqlDialect dialect(String shape) {
        return switch (shape) {
            case "mysql" -> SqlDialect.MYSQL;
            case "sqlite" -> SqlDialect.SQLITE;
            default -> SqlDialect.POSTGRESQL;
        };
    }

    /** About {@link #TARGET_BYTES} of SQL of this shape. */
    public static String text(String shape) {
        String fixture = (shape.equals("inserts") ? inserts() : fixture(shape)).strip();
        String unit = fixture.endsWith(";") ? fixture : fixture + ";"; // a fixture's last statement may lack one
        StringBuilder text = new StringBuilder(TARGET_BYTES + unit.length());
        while (text.length() < TARGET_BYTES) {
            text.append(unit).append('\n');
        }
        return text.toString();
    }

    private static String inserts() {
        StringBuilder unit = new StringBuilder("-- customers exported from the old system; names keep their quotes\n");
        for (int i = 0; i < 100; i++) {
            unit.append("INSERT INTO customers (id, name, note) VALUES (").append(i).append(", 'O''Brien ").append(i)
                    .append("', 'paid; shipped -- twice');\n");
        }
        return unit.toString();
    }

    /** The splitter tests' fixture of one dialect (lockstep-core/src/test/resources/sql), copied in by the pom. */
    private static String fixture(String shape) {
        String file = switch (shape) {
            case "postgresql" -> "postgresql/V3__orders_audit.sql";
            case "mysql" -> "mysql/V2__procedures_and_triggers.sql";
            case "sqlite" -> "sqlite/V4__audit_triggers.sql";
            default -> throw new IllegalArgumentException("no fixture for " + shape);
        };
        try (InputStream in = SplitterBenchmark.class.getResourceAsStream("/jmh/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no fixture for " + shape);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

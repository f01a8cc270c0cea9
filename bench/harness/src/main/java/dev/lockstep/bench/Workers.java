package dev.lockstep.bench;

import dev.lockstep.Lockstep;
import dev.lockstep.result.MigrateResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The process of S5: {@code threads} workers of one JVM, each with its own connection, call the
 * library's {@code migrate()} at the same instant, as a web server's workers starting together.
 * Prints {@code total_ms=<from the release to the last return> applied=<migrations applied>}.
 *
 * <p>Usage: {@code Workers <jdbc-url> <folder> <threads>}.
 */
public final class Workers {
    private Workers() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path folder = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<MigrateResult>> results = new ArrayList<>();
        for (int i = 1; i <= threads; i++) {
            String replica = "worker-" + i;
            results.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return Lockstep.configure().url(url).locations(folder.toString()).replicaId(replica).load().migrate();
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        int applied = 0;
        for (Future<MigrateResult> result : results) {
            applied += result.get().applied().size();
        }
        long totalMs = (System.nanoTime() - start) / 1_000_000;
        pool.shutdown();
        System.out.println("total_ms=" + totalMs + " applied=" + applied);
    }
}

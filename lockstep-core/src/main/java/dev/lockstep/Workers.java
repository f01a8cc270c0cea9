package dev.lockstep;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs one task on several threads of their own and waits for all of them; a task's failure is rethrown, not lost. */
final class Workers {
    interface Task {
        void run() throws InterruptedException;
    }

    private Workers() {
    }

    static void run(int threads, String name, Task task) {
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread thread = new Thread(r, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < Math.max(1, threads); i++) {
                running.add(pool.submit(() -> {
                    task.run();
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockstepException(Reason.INTERRUPTED, "Interrupted while the fleet's workers ran.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new LockstepException(Reason.INTERNAL, "A fleet worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}

package network.mostro.server.lightning.embedded.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon thread pools; every thread name starts with {@link #PREFIX}. */
final class Pools {
    /** Prefix of every thread the embedded backend starts. */
    static final String PREFIX = "embedded-ln-";

    private Pools() {}

    /** Thread names are {@code name-N}; {@code name} already carries the {@link #PREFIX}. */
    static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A pool that starts threads on demand and lets idle ones die after a few seconds. */
    static ThreadPoolExecutor cached(String name) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
                named(name));
    }

    static ScheduledThreadPoolExecutor timer(String name) {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, named(name));
        t.setRemoveOnCancelPolicy(true);
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return t;
    }

    /** Shuts down and waits until the pool's threads are gone (unless called from one of them). */
    static void stop(ExecutorService pool, String name) {
        pool.shutdown();
        if (Thread.currentThread().getName().startsWith(name + "-")) {
            return;
        }
        try {
            if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

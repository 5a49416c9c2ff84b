package network.mostro.nostr.relay.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in order, on an underlying executor, with a bound on queued tasks. Callbacks of
 * one listener go through one queue, so they are never concurrent even on a multi-threaded executor.
 * Thread-safe.
 */
final class SerialQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);
    private static final int BATCH = 128;

    private final Executor executor;
    private final int limit;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean scheduled;
    private boolean shutdown;

    SerialQueue(Executor executor, int limit) {
        this.executor = executor;
        this.limit = limit;
    }

    /** Queues a task unless {@code limit} tasks are already waiting; false when it was not queued. */
    boolean offer(Runnable task) {
        return add(task, false);
    }

    /** Queues a task regardless of the bound (for rare control callbacks); false only after shutdown. */
    boolean force(Runnable task) {
        return add(task, true);
    }

    private boolean add(Runnable task, boolean force) {
        boolean start;
        synchronized (this) {
            if (shutdown || !force && tasks.size() >= limit) {
                return false;
            }
            tasks.add(task);
            start = !scheduled;
            scheduled = true;
        }
        if (start) {
            submit();
        }
        return true;
    }

    /** Drops queued tasks and refuses new ones. */
    void shutdown() {
        synchronized (this) {
            shutdown = true;
            tasks.clear();
        }
    }

    private void submit() {
        try {
            executor.execute(this::run);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                tasks.clear();
                scheduled = false;
            }
        }
    }

    private void run() {
        for (int i = 0; i < BATCH; i++) {
            Runnable r;
            synchronized (this) {
                r = tasks.poll();
                if (r == null) {
                    scheduled = false;
                    return;
                }
            }
            try {
                r.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("relay pool listener threw; continuing", e);
            }
        }
        submit(); // yield the thread to other queues, then go on
    }
}

package network.mostro.testkit.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The received, not yet handled frames of one connection. Items are handed to the handler in arrival order,
 * in batches of whatever piled up, by at most one task at a time on the relay's handler pool, so a
 * connection's frames are handled serially while different connections proceed in parallel. Thread-safe.
 *
 * <p>{@link #offer} blocks while {@link #MAX_PENDING} items wait, so a client that sends faster than the
 * relay handles is slowed down (as when the decoder thread handled frames itself) instead of filling the heap.
 *
 * @param <T> the item type
 */
final class Inbox<T> {
    /** Most items handed to the handler at once. */
    static final int MAX_BATCH = 256;
    /** Most items waiting before {@link #offer} blocks. */
    static final int MAX_PENDING = 4096;
    private static final long WAIT_MILLIS = 50;

    private final ExecutorService executor;
    private final Consumer<List<T>> handler;
    private final ArrayDeque<T> pending = new ArrayDeque<>();
    private boolean scheduled;

    Inbox(ExecutorService executor, Consumer<List<T>> handler) {
        this.executor = executor;
        this.handler = handler;
    }

    /**
     * Queues an item for the handler. Blocks while the inbox is full; drops the item when the relay is
     * shutting down or the calling thread is interrupted (the relay is stopping then too).
     */
    synchronized void offer(T item) {
        while (pending.size() >= MAX_PENDING) {
            if (executor.isShutdown()) {
                return;
            }
            try {
                wait(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        pending.addLast(item);
        if (!scheduled) {
            scheduled = true;
            submit();
        }
    }

    private void submit() {
        try {
            executor.execute(this::drainOnce);
        } catch (RejectedExecutionException e) {
            scheduled = false; // shutting down: nothing will be handled any more
            pending.clear();
            notifyAll();
        }
    }

    /** Handles one batch; requeues itself (behind other connections' batches) while more items wait. */
    private void drainOnce() {
        List<T> batch;
        synchronized (this) {
            batch = new ArrayList<>(Math.min(pending.size(), MAX_BATCH));
            while (!pending.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(pending.pollFirst());
            }
            notifyAll();
        }
        try {
            if (!batch.isEmpty()) {
                handler.accept(batch);
            }
        } finally {
            synchronized (this) {
                if (pending.isEmpty()) {
                    scheduled = false;
                } else {
                    submit();
                }
            }
        }
    }
}

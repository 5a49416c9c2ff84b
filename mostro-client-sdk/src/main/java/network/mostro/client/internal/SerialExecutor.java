package network.mostro.client.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Runs tasks one at a time, in submission order, on a delegate executor. Thread-safe. */
final class SerialExecutor implements Executor {
    private final Executor delegate;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            delegate.execute(this::drain);
        } catch (RuntimeException e) {
            synchronized (this) {
                running = false;
                tasks.clear();
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable r;
            synchronized (this) {
                r = tasks.poll();
                if (r == null) {
                    running = false;
                    return;
                }
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                // a listener's failure never stops delivery to the others
            }
        }
    }
}

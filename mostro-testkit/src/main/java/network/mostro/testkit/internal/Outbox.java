package network.mostro.testkit.internal;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/**
 * The outgoing side of one connection: applies the delay and reorder faults while keeping the order of
 * everything else. Thread-safe (all methods synchronize on the instance).
 */
final class Outbox {
    static final long HOLD_MILLIS = 50;

    private record Pending(long due, String frame) {}

    private final WebSocket socket;
    private final ScheduledExecutorService scheduler;
    private final RealRelayFaults faults;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long lastDue;
    private boolean drainScheduled;
    private boolean closed;
    private String held;
    private int heldCopies;
    private long heldGeneration;

    Outbox(WebSocket socket, ScheduledExecutorService scheduler, RealRelayFaults faults) {
        this.socket = socket;
        this.scheduler = scheduler;
        this.faults = faults;
    }

    synchronized void send(String frame) {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long delay = faults.delayNanos();
        long due = now + delay;
        if (!queue.isEmpty() && due - lastDue < 0) {
            due = lastDue;
        }
        if (queue.isEmpty() && delay == 0) {
            write(frame);
            return;
        }
        lastDue = due;
        queue.add(new Pending(due, frame));
        scheduleDrain(now);
    }

    /** Sends {@code frame} ({@code copies} times) swapped with the previous held live event. */
    synchronized void sendSwapped(String frame, int copies) {
        if (closed) {
            return;
        }
        if (held == null) {
            held = frame;
            heldCopies = copies;
            long generation = ++heldGeneration;
            schedule(() -> flushHeld(generation), TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS));
            return;
        }
        String previous = held;
        int previousCopies = heldCopies;
        held = null;
        for (int i = 0; i < copies; i++) {
            send(frame);
        }
        for (int i = 0; i < previousCopies; i++) {
            send(previous);
        }
    }

    private synchronized void flushHeld(long generation) {
        if (held != null && generation == heldGeneration) {
            String f = held;
            int copies = heldCopies;
            held = null;
            for (int i = 0; i < copies; i++) {
                send(f);
            }
        }
    }

    synchronized void close() {
        closed = true;
        queue.clear();
        held = null;
    }

    private void scheduleDrain(long now) {
        if (!drainScheduled && !queue.isEmpty()) {
            drainScheduled = true;
            schedule(this::drain, Math.max(0, queue.peek().due() - now));
        }
    }

    private synchronized void drain() {
        drainScheduled = false;
        long now = System.nanoTime();
        while (!queue.isEmpty() && queue.peek().due() - now <= 0) {
            write(queue.poll().frame());
        }
        scheduleDrain(now);
    }

    private void schedule(Runnable task, long delayNanos) {
        try {
            scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            closed = true; // the relay is shutting down
        }
    }

    private void write(String frame) {
        if (closed) {
            return;
        }
        try {
            socket.send(frame);
        } catch (WebsocketNotConnectedException e) {
            closed = true;
        }
    }
}

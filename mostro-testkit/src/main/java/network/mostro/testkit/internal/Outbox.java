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
    /** How long a live event is held back for the reorder fault when no next event releases it. */
    static final long HOLD_MILLIS = 500;
    /** Delay of the write check that works around a lost-write race in the WebSocket library (see {@link #write}). */
    static final long KICK_MILLIS = 5;

    private record Pending(long due, String frame) {}

    private final WebSocket socket;
    private final ScheduledExecutorService scheduler;
    private final RealRelayFaults faults;
    private final Runnable writeDemand;
    private boolean kickScheduled;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long lastDue;
    private boolean drainScheduled;
    private boolean closed;
    private String held;
    private int heldCopies;
    private long heldGeneration;

    Outbox(WebSocket socket, ScheduledExecutorService scheduler, RealRelayFaults faults, Runnable writeDemand) {
        this.socket = socket;
        this.scheduler = scheduler;
        this.faults = faults;
        this.writeDemand = writeDemand;
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

    /**
     * Queues a frame on the socket. Java-WebSocket 1.6.0 can lose the write interest of a frame queued from a
     * non-selector thread while the selector thread finishes the previous write (it then resets the key to
     * OP_READ), leaving the frame unsent until the next write. A short check afterwards re-raises the write
     * demand while buffered data remains, so no frame waits longer than a few milliseconds.
     */
    private void write(String frame) {
        if (closed) {
            return;
        }
        try {
            socket.send(frame);
        } catch (WebsocketNotConnectedException e) {
            closed = true;
            return;
        }
        scheduleKick();
    }

    /** Re-raises the write demand shortly, for data the library queued itself (the handshake response). */
    synchronized void kickSoon() {
        scheduleKick();
    }

    private void scheduleKick() {
        if (!kickScheduled && !closed) {
            kickScheduled = true;
            schedule(this::kick, TimeUnit.MILLISECONDS.toNanos(KICK_MILLIS));
        }
    }

    private synchronized void kick() {
        kickScheduled = false;
        if (!closed && socket.isOpen() && socket.hasBufferedData()) {
            try {
                writeDemand.run();
            } catch (RuntimeException e) {
                return; // the connection is closing
            }
            scheduleKick();
        }
    }
}

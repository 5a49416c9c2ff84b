package network.mostro.testkit.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import network.mostro.testkit.RelayFaults;

/** The fault knobs of one relay and the actions that reach into its connections. Thread-safe. */
public final class RealRelayFaults implements RelayFaults {
    private final RelayServer server;
    private final Random random;
    private final AtomicInteger dropNext = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private volatile double dropFraction;
    private volatile long delayNanos;
    private volatile boolean duplicate;
    private volatile boolean reorder;
    private volatile String rejectReason;
    private volatile boolean refusing;
    private volatile long refuseUntilNanos;
    private final ArrayDeque<Long> publishTimes = new ArrayDeque<>();
    private int ratePerSecond; // guarded by publishTimes

    RealRelayFaults(RelayServer server, long seed) {
        this.server = server;
        this.random = new Random(seed);
    }

    @Override
    public RelayFaults dropNextEvents(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        dropNext.addAndGet(count);
        return this;
    }

    @Override
    public RelayFaults dropEvents(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be within [0, 1]");
        }
        dropFraction = fraction;
        return this;
    }

    @Override
    public RelayFaults delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        delayNanos = delay.toNanos();
        return this;
    }

    @Override
    public RelayFaults duplicateEvents(boolean enabled) {
        duplicate = enabled;
        return this;
    }

    @Override
    public RelayFaults reorderEvents(boolean enabled) {
        reorder = enabled;
        return this;
    }

    @Override
    public int disconnectAll() {
        return server.disconnectAll(false);
    }

    @Override
    public int disconnectAll(Duration refuseFor) {
        refuseConnections(refuseFor);
        return server.disconnectAll(false);
    }

    @Override
    public int dropConnections() {
        return server.disconnectAll(true);
    }

    @Override
    public RelayFaults refuseConnections(Duration period) {
        if (period.isNegative()) {
            throw new IllegalArgumentException("period must not be negative");
        }
        refuseUntilNanos = System.nanoTime() + period.toNanos();
        refusing = !period.isZero();
        return this;
    }

    @Override
    public RelayFaults rejectWrites(String reason) {
        rejectReason = reason;
        return this;
    }

    @Override
    public RelayFaults rateLimit(int publishesPerSecond) {
        if (publishesPerSecond < 0) {
            throw new IllegalArgumentException("publishesPerSecond must not be negative");
        }
        synchronized (publishTimes) {
            ratePerSecond = publishesPerSecond;
            publishTimes.clear();
        }
        return this;
    }

    @Override
    public int sendGarbage(Garbage kind) {
        return server.sendGarbage(Objects.requireNonNull(kind, "kind"));
    }

    @Override
    public int sendOversizedFrame(int characters) {
        if (characters < 16) {
            throw new IllegalArgumentException("characters must be at least 16");
        }
        StringBuilder sb = new StringBuilder(characters);
        sb.append("[\"NOTICE\",\"");
        while (sb.length() < characters - 2) {
            sb.append('x');
        }
        sb.append("\"]");
        return server.sendToAll(sb.toString());
    }

    @Override
    public int sendRaw(String frame) {
        return server.sendToAll(Objects.requireNonNull(frame, "frame"));
    }

    @Override
    public long droppedEvents() {
        return dropped.get();
    }

    @Override
    public void reset() {
        dropNext.set(0);
        dropped.set(0);
        dropFraction = 0;
        delayNanos = 0;
        duplicate = false;
        reorder = false;
        rejectReason = null;
        refusing = false;
        rateLimit(0);
    }

    // ---- used by the relay ----

    boolean shouldDropEvent() {
        while (true) {
            int n = dropNext.get();
            if (n <= 0) {
                break;
            }
            if (dropNext.compareAndSet(n, n - 1)) {
                dropped.incrementAndGet();
                return true;
            }
        }
        double f = dropFraction;
        if (f > 0) {
            boolean drop;
            synchronized (random) {
                drop = random.nextDouble() < f;
            }
            if (drop) {
                dropped.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    long delayNanos() {
        return delayNanos;
    }

    int copies() {
        return duplicate ? 2 : 1;
    }

    boolean reorder() {
        return reorder;
    }

    void shuffle(List<?> list) {
        synchronized (random) {
            java.util.Collections.shuffle(list, random);
        }
    }

    double nextDouble() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    void nextBytes(byte[] out) {
        synchronized (random) {
            random.nextBytes(out);
        }
    }

    String rejectReason() {
        return rejectReason;
    }

    boolean refusingConnections() {
        return refusing && System.nanoTime() - refuseUntilNanos < 0;
    }

    /** Counts a client publish against the rate limit; false when over it. */
    boolean tryAcquirePublish() {
        synchronized (publishTimes) {
            if (ratePerSecond <= 0) {
                return true;
            }
            long now = System.nanoTime();
            while (!publishTimes.isEmpty() && now - publishTimes.peekFirst() >= 1_000_000_000L) {
                publishTimes.pollFirst();
            }
            if (publishTimes.size() >= ratePerSecond) {
                return false;
            }
            publishTimes.addLast(now);
            return true;
        }
    }

    int ratePerSecond() {
        synchronized (publishTimes) {
            return ratePerSecond;
        }
    }
}

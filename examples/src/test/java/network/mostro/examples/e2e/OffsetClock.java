package network.mostro.examples.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset that tests move forward: time flows normally (so successive order revisions get
 * increasing {@code created_at}, as on a real relay) and a timeout is reached by jumping ahead. Thread-safe.
 */
final class OffsetClock extends Clock {
    private volatile long offsetMillis;

    /** Moves the clock forward by {@code d}. */
    void advance(Duration d) {
        synchronized (this) {
            offsetMillis += d.toMillis();
        }
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

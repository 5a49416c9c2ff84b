package network.mostro.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import network.mostro.nostr.InvalidInputException;

/**
 * A {@link Clock} that only moves when told to, for tests that drive timeouts and expiries without sleeping.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
 * clock.advance(Duration.ofMinutes(15));
 * }</pre>
 *
 * <p>Thread-safe: the time is one atomic value, and {@link #withZone(ZoneId)} returns a view that shares it, so
 * advancing either moves both.
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock at {@code start} in UTC. */
    public ManualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /** A clock at the current system time (truncated to whole seconds) in UTC. */
    public ManualClock() {
        this(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Moves the time forward.
     *
     * @return the new time
     * @throws InvalidInputException if {@code amount} is negative
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new InvalidInputException("a manual clock only moves forward: " + amount);
        }
        return now.updateAndGet(t -> t.plus(amount));
    }

    /** Sets the time (forward or backward), e.g. to test clock skew. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that shares this clock's time. */
    @Override
    public ManualClock withZone(ZoneId zone) {
        return new ManualClock(now, zone);
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "," + zone + "]";
    }
}

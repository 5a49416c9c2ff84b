package network.mostro.protocol.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import network.mostro.nostr.InvalidInputException;

/**
 * The node's freshness check (SPEC §3.6 step 6): a message whose inner {@code created_at} (v2: the event's; v1: the
 * rumor's) is older than {@code now − maxAge} is dropped. The daemon uses 10 seconds and does not reject future
 * timestamps. Immutable and thread-safe.
 *
 * <pre>{@code
 * FreshnessWindow fresh = FreshnessWindow.standard(clock);
 * if (!fresh.isFresh(inbound)) return;   // drop silently
 * }</pre>
 */
public final class FreshnessWindow {
    /** The daemon's window. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(10);

    private final Duration maxAge;
    private final Clock clock;

    private FreshnessWindow(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** A 10-second window on {@code clock}. */
    public static FreshnessWindow standard(Clock clock) {
        return of(DEFAULT_MAX_AGE, clock);
    }

    /**
     * A window of {@code maxAge} on {@code clock}.
     *
     * @throws InvalidInputException if {@code maxAge} is negative or an argument is null
     */
    public static FreshnessWindow of(Duration maxAge, Clock clock) {
        if (maxAge == null || clock == null || maxAge.isNegative()) {
            throw new InvalidInputException("freshness window needs a non-negative duration and a clock");
        }
        return new FreshnessWindow(maxAge, clock);
    }

    /** Whether a message created at {@code createdAtSeconds} is still fresh: {@code createdAt >= now − maxAge}. */
    public boolean isFresh(long createdAtSeconds) {
        long now = clock.instant().getEpochSecond();
        return createdAtSeconds >= now - maxAge.getSeconds();
    }

    /** Whether {@code inbound}'s inner {@code created_at} is still fresh. */
    public boolean isFresh(Inbound inbound) {
        return isFresh(Objects.requireNonNull(inbound, "inbound").createdAt());
    }

    /** The configured maximum age. */
    public Duration maxAge() {
        return maxAge;
    }

    @Override
    public String toString() {
        return "FreshnessWindow[" + maxAge + "]";
    }
}

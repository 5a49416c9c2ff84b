package network.mostro.protocol.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import network.mostro.nostr.InvalidInputException;

/**
 * The node's replay check (SPEC §3.6 step 4a): an event id seen within the last {@code window} (60 s in the daemon)
 * is a replay and is dropped; a retry must be a newly built event.
 *
 * <p>Memory is bounded: ids older than the window are forgotten, and at most {@code maxEntries} ids are held; when
 * that many distinct ids arrive within one window the oldest are forgotten early (proof of work makes such floods
 * expensive). Time comes from the injected {@link Clock} with millisecond resolution.
 *
 * <pre>{@code
 * ReplayWindow replay = ReplayWindow.standard(clock);
 * if (!replay.firstSeen(event.id())) return;   // replay: drop
 * }</pre>
 * Thread-safe: every method is atomic.
 */
public final class ReplayWindow {
    /** The daemon's window. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    /** Default bound on remembered ids. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final long windowMillis;
    private final int maxEntries;
    private final Clock clock;
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    private ReplayWindow(Duration window, int maxEntries, Clock clock) {
        this.windowMillis = window.toMillis();
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** A 60-second window holding at most 100,000 ids. */
    public static ReplayWindow standard(Clock clock) {
        return of(DEFAULT_WINDOW, DEFAULT_MAX_ENTRIES, clock);
    }

    /**
     * @throws InvalidInputException if the window is not positive, {@code maxEntries < 1}, or an argument is null
     */
    public static ReplayWindow of(Duration window, int maxEntries, Clock clock) {
        if (window == null || clock == null || window.isNegative() || window.isZero() || maxEntries < 1) {
            throw new InvalidInputException("replay window needs a positive duration, a positive bound and a clock");
        }
        return new ReplayWindow(window, maxEntries, clock);
    }

    /**
     * Records {@code eventId} and reports whether it is new: true the first time within the window (accept), false
     * for a replay (drop). A replay does not extend the id's lifetime.
     *
     * @throws InvalidInputException if {@code eventId} is null
     */
    public synchronized boolean firstSeen(String eventId) {
        if (eventId == null) {
            throw new InvalidInputException("event id is required");
        }
        long now = clock.millis();
        evictExpired(now);
        if (seen.containsKey(eventId)) {
            return false;
        }
        if (seen.size() >= maxEntries) {
            Iterator<String> it = seen.keySet().iterator();
            it.next();
            it.remove();
        }
        seen.put(eventId, now);
        return true;
    }

    /** Whether {@code eventId} was seen within the window, without recording it. */
    public synchronized boolean contains(String eventId) {
        evictExpired(clock.millis());
        return eventId != null && seen.containsKey(eventId);
    }

    /** The number of ids currently remembered. */
    public synchronized int size() {
        evictExpired(clock.millis());
        return seen.size();
    }

    private void evictExpired(long now) {
        Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            // Insertion order is time order for a monotonic clock; stop at the first live entry.
            if (now - e.getValue() >= windowMillis) {
                it.remove();
            } else {
                break;
            }
        }
    }

    @Override
    public String toString() {
        return "ReplayWindow[" + Duration.ofMillis(windowMillis) + ", max " + maxEntries + "]";
    }
}

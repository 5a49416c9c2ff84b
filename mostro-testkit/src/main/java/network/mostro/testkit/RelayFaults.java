package network.mostro.testkit;

import java.time.Duration;

/**
 * Fault injection for a {@link MockRelay}: makes the relay misbehave the way real relays do, so a client's
 * robustness can be tested. Obtain it with {@link MockRelay#faults()}.
 *
 * <p>Settings ({@code drop…}, {@link #delay}, {@link #duplicateEvents}, {@link #reorderEvents},
 * {@link #rejectWrites}, {@link #rateLimit}, {@link #refuseConnections}) stay in force until changed or
 * {@link #reset()}; actions ({@code disconnect…}, {@code send…}) happen once, immediately. "Events" here
 * means {@code ["EVENT", sub, event]} frames the relay sends to subscribers, stored or live.
 *
 * <p>Thread-safe: tests may change faults while clients are connected.
 */
public interface RelayFaults {

    /** Kinds of bad frames {@link #sendGarbage} can send. */
    enum Garbage {
        /** A text frame that is not JSON. One per connection. */
        NON_JSON,
        /** A JSON array whose message type is unknown ({@code ["MOCK_UNKNOWN", …]}). One per connection. */
        UNKNOWN_MESSAGE_TYPE,
        /** A known message type with the wrong shape ({@code ["EVENT", "<sub>", "not an event"]}, {@code ["OK"]}). */
        MALFORMED_MESSAGE,
        /**
         * An EVENT whose id is right but whose signature is not, matching the subscription when the filter
         * allows one to be built. One per open subscription.
         */
        BAD_SIGNATURE,
        /** A correctly signed EVENT that does not match the subscription's filters. One per open subscription
         * whose filters do not match everything. */
        NOT_MATCHING,
        /** A correctly signed EVENT for a subscription id the client never opened. One per connection. */
        UNKNOWN_SUBSCRIPTION
    }

    /** Drops the next {@code count} outgoing events (adds to any still pending). */
    RelayFaults dropNextEvents(int count);

    /**
     * Drops each outgoing event with probability {@code fraction} (0 turns it off; 1 drops all), drawn from
     * the relay's seeded random source ({@link MockRelay.Builder#seed}).
     *
     * @throws IllegalArgumentException if not within [0, 1]
     */
    RelayFaults dropEvents(double fraction);

    /** Delays every outgoing message (of any type) by {@code delay}, keeping per-connection order (zero turns it off). */
    RelayFaults delay(java.time.Duration delay);

    /** Sends every outgoing event twice. */
    RelayFaults duplicateEvents(boolean enabled);

    /**
     * Shuffles the stored events answering a REQ (instead of newest first) and swaps adjacent live events on
     * each connection (a held live event is released by the next one, or after 500 ms).
     */
    RelayFaults reorderEvents(boolean enabled);

    /** Closes every connection now with a WebSocket close frame (1001, going away). Returns how many. */
    int disconnectAll();

    /** As {@link #disconnectAll()}, then refuses new connections (HTTP 404 handshake) for {@code refuseFor}. */
    int disconnectAll(Duration refuseFor);

    /** Kills every connection now without a close frame, as a crashed relay or a lost network would. Returns how many. */
    int dropConnections();

    /** Refuses WebSocket handshakes for {@code period} from now (zero stops refusing). */
    RelayFaults refuseConnections(Duration period);

    /**
     * Answers every client EVENT with {@code ["OK", id, false, reason]} without storing it; null stops.
     * Use a NIP-01 prefix: {@code "blocked: …"}, {@code "restricted: …"}, {@code "error: …"} and so on.
     */
    RelayFaults rejectWrites(String reason);

    /**
     * Accepts at most {@code publishesPerSecond} client EVENTs in any one-second window and answers the rest
     * with {@code OK false "rate-limited: …"} (zero turns it off).
     */
    RelayFaults rateLimit(int publishesPerSecond);

    /** Sends bad frames of the given kind to connected clients. Returns the number of frames sent. */
    int sendGarbage(Garbage kind);

    /** Sends each connection one NOTICE frame of exactly {@code characters} characters. Returns how many frames. */
    int sendOversizedFrame(int characters);

    /** Sends {@code frame} verbatim to every connection. Returns how many. */
    int sendRaw(String frame);

    /** How many outgoing events the drop faults have dropped since start or {@link #reset()}. */
    long droppedEvents();

    /** Turns every setting off and zeroes the counter; does not touch connections or stored events. */
    void reset();
}

package network.mostro.testkit;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import network.mostro.nostr.Event;
import network.mostro.nostr.EventLimits;
import network.mostro.nostr.PublicKey;
import network.mostro.testkit.internal.RelayConfig;
import network.mostro.testkit.internal.RelayServer;

/**
 * An in-memory Nostr relay on a real WebSocket, bound to 127.0.0.1 on a free port, for tests.
 *
 * <p>It speaks NIP-01 (EVENT/OK with the standard reason prefixes, REQ with every filter field, EOSE, live
 * delivery, CLOSE, CLOSED, NOTICE), stores events in memory with replaceable and addressable replacement,
 * never stores ephemeral kinds, honours NIP-40 expiry, and can require NIP-42 authentication. Its
 * {@link #faults()} make it drop, delay, duplicate, reorder, disconnect, reject, rate-limit and send garbage.
 *
 * <pre>{@code
 * try (MockRelay relay = MockRelay.start()) {
 *     client.connect(relay.uri());
 *     relay.awaitConnections(1, Duration.ofSeconds(5));
 *     ...
 * }
 * }</pre>
 *
 * <p>Lifecycle: started by {@link #start()} or {@link Builder#start()}, which return once the port is open;
 * {@link #close()} closes every connection and stops every thread the relay started. For JUnit 5 see
 * {@link MockRelayExtension}.
 *
 * <p>Thread-safe: tests may inspect the relay and change its faults while clients use it.
 */
public final class MockRelay implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final RelayServer server;

    private MockRelay(RelayConfig config) {
        this.server = new RelayServer(config);
        server.startAndWait(START_TIMEOUT);
    }

    /** Starts a relay with the default settings (no auth, 1 MiB frames, {@link EventLimits#DEFAULT}). */
    public static MockRelay start() {
        return builder().start();
    }

    /** A builder for a relay with non-default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code ws://127.0.0.1:<port>}. */
    public URI uri() {
        return server.uri();
    }

    /** The bound TCP port. */
    public int port() {
        return server.uri().getPort();
    }

    /** The fault-injection controller of this relay (one per relay; thread-safe). */
    public RelayFaults faults() {
        return server.faults();
    }

    /** The stored, unexpired events, newest first (ties: lowest id first). Ephemeral events are never stored. */
    public List<Event> storedEvents() {
        return server.storedEvents();
    }

    /**
     * Forgets every stored event, as if the relay had been restarted with an empty database while keeping its
     * connections and subscriptions: a later REQ no longer returns them. Useful between test cases sharing one relay,
     * and in long load tests where the relay's in-memory store would otherwise grow without bound.
     */
    public void clearStoredEvents() {
        server.clearStoredEvents();
    }

    /** How many WebSocket connections are open now (handshake done, not yet closed). */
    public int connectionCount() {
        return server.connectionCount();
    }

    /** How many subscriptions are open now, summed over all connections. */
    public int subscriptionCount() {
        return server.subscriptionCount();
    }

    /**
     * The text frames clients have sent, in arrival order over all connections (the latest 10,000), so a test
     * can check what a client asked for, e.g. the {@code since} of a re-issued REQ.
     */
    public List<String> receivedFrames() {
        return server.receivedFrames();
    }

    /** The public keys that have completed NIP-42 authentication on any connection since start. */
    public Set<PublicKey> authenticatedKeys() {
        return server.authenticatedKeys();
    }

    /**
     * Waits until exactly {@code count} connections are open.
     *
     * @return true if that happened within {@code timeout}
     */
    public boolean awaitConnections(int count, Duration timeout) {
        return server.await(() -> server.connectionCount() == count, timeout);
    }

    /**
     * Waits until exactly {@code count} subscriptions are open (over all connections).
     *
     * @return true if that happened within {@code timeout}
     */
    public boolean awaitSubscriptions(int count, Duration timeout) {
        return server.await(() -> server.subscriptionCount() == count, timeout);
    }

    /**
     * Waits until at least {@code count} events are stored.
     *
     * @return true if that happened within {@code timeout}
     */
    public boolean awaitStoredEvents(int count, Duration timeout) {
        return server.await(() -> server.storedCount() >= count, timeout);
    }

    /**
     * Offers an event as if a client had published it: verified, checked for expiry, stored (unless
     * ephemeral or a duplicate) and delivered to matching subscriptions. Auth, rate limits and
     * {@link RelayFaults#rejectWrites} do not apply; the delivery faults (drop, delay, duplicate, reorder) do.
     *
     * @return true if the event was stored or, for an ephemeral kind, delivered; false if it was invalid,
     *     expired, a duplicate, or lost to a newer replaceable version
     */
    public boolean publish(Event event) {
        return server.accept(Objects.requireNonNull(event, "event")).delivered();
    }

    /** Closes every connection and stops the relay's threads; waits for them. Idempotent. */
    @Override
    public void close() {
        server.shutdown();
    }

    @Override
    public String toString() {
        return "MockRelay[" + server.uri() + "]";
    }

    /** Settings for a {@link MockRelay}. Not thread-safe; {@link #start()} may be called more than once. */
    public static final class Builder {
        private boolean authRequired;
        private int maxFrameSize = 1 << 20;
        private EventLimits limits = EventLimits.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private int minPowDifficulty;
        private long seed = System.nanoTime();

        private Builder() {}

        /**
         * Requires NIP-42 authentication (default: off). When on, the relay sends {@code ["AUTH", challenge]}
         * on connect and answers EVENT with {@code OK false "auth-required: …"} and REQ with
         * {@code CLOSED "auth-required: …"} until the connection has authenticated.
         */
        public Builder requireAuth(boolean required) {
            this.authRequired = required;
            return this;
        }

        /**
         * The largest incoming WebSocket frame payload in bytes (default: 1 MiB); a bigger frame closes the
         * connection with status 1009.
         */
        public Builder maxFrameSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxFrameSize must be at least 1024 bytes");
            }
            this.maxFrameSize = bytes;
            return this;
        }

        /** Bounds for parsing incoming events (default: {@link EventLimits#DEFAULT}). */
        public Builder eventLimits(EventLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The time source for NIP-40 expiry and NIP-42 freshness (default: the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * NIP-13: the least number of leading zero bits an event id must have (default: 0, none); weaker
         * events get {@code OK false "pow: …"}.
         */
        public Builder minPowDifficulty(int bits) {
            if (bits < 0 || bits > 256) {
                throw new IllegalArgumentException("bits must be within [0, 256]");
            }
            this.minPowDifficulty = bits;
            return this;
        }

        /** Seed of the random source behind fractional drops, shuffles and challenges (default: time based). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Starts a relay with these settings and returns once it accepts connections. */
        public MockRelay start() {
            return new MockRelay(new RelayConfig(authRequired, maxFrameSize, limits, clock, minPowDifficulty, seed));
        }
    }
}

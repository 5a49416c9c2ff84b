package network.mostro.nostr.relay;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import network.mostro.nostr.Event;
import network.mostro.nostr.EventLimits;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.relay.internal.DefaultRelayPool;
import network.mostro.nostr.relay.internal.PoolConfig;

/**
 * Connections to a set of Nostr relays, used as one: publish to all (or some) with per-relay results,
 * subscribe across all with de-duplication and verification, reconnect automatically.
 *
 * <pre>{@code
 * try (RelayPool pool = RelayPool.builder().relay("wss://relay.mostro.network").build()) {
 *     Subscription sub = pool.subscribe(List.of(Filter.builder().kinds(38383).build()),
 *             (event, relay) -> System.out.println(event.id()));
 *     PublishResult r = pool.publish(event).toCompletableFuture().join();
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link Builder#build()} starts connecting to every relay at once; a relay that cannot
 * be reached or drops is retried with exponential back-off and jitter for as long as the pool is open.
 * {@link #close()} closes every connection, ends every subscription, completes pending publishes with
 * {@link RelayReply.Status#CLOSED}, and stops the pool's threads.
 *
 * <p><b>Backpressure and bounds.</b> Nothing grows without limit:
 * <ul>
 *   <li>Outbound, per relay: at most {@link Builder#maxOutboundQueue} frames wait to be sent and at most as
 *       many publishes wait for {@code OK}; beyond that a publish gets {@link RelayReply.Status#OVERLOADED}
 *       for that relay at once (other relays are unaffected).</li>
 *   <li>Inbound, per relay: frames are read one at a time; while more than {@link Builder#maxInboundFrames}
 *       frames (or 8 Mi characters) await processing the pool stops reading that connection, so the relay is
 *       slowed down through TCP. Frames longer than {@link Builder#maxFrameChars} are discarded unread.</li>
 *   <li>Per subscription: at most {@link Builder#maxPendingEvents} verified events wait for the listener. When
 *       the listener falls further behind, further events are dropped with a
 *       {@link RelayDiagnostic.SubscriptionOverflow} and counted in {@link Subscription#droppedEvents()}; the
 *       subscription stays open and a copy of a dropped event from another relay may still be delivered.</li>
 *   <li>De-duplication remembers the last {@link Builder#dedupWindow} event ids per subscription.</li>
 * </ul>
 *
 * <p><b>Threads.</b> A pool owns two daemon worker threads (timers, parsing, verification), one daemon
 * callback thread unless {@link Builder#callbackExecutor} is given, and, with the default transport, that
 * transport's threads. All end when {@link #close()} returns (the JDK HTTP client's selector thread shortly
 * after on Java 17–20). Implementations are thread-safe.
 */
public interface RelayPool extends AutoCloseable {

    /** A builder with the documented defaults. */
    static Builder builder() {
        return new Builder();
    }

    /** The relays in the pool (normalised). */
    Set<URI> relays();

    /** The current state of each relay. */
    Map<URI, RelayStatus> statuses();

    /**
     * Adds a relay and starts connecting; live subscriptions are issued to it once connected. No-op if present.
     *
     * @throws network.mostro.nostr.InvalidInputException if the URI is not ws:// or wss://
     * @throws network.mostro.nostr.TransportException if the pool is closed
     */
    void addRelay(URI relay);

    /** Closes and removes a relay; its pending publishes complete with {@link RelayReply.Status#CLOSED}. */
    boolean removeRelay(URI relay);

    /** Publishes to every relay in the pool. */
    CompletionStage<PublishResult> publish(Event event);

    /**
     * Publishes to the given relays (which should be in the pool; others get
     * {@link RelayReply.Status#NOT_CONNECTED}). A relay that is not connected right now receives the event as
     * soon as it connects, within the publish timeout. A relay that asks for NIP-42 authentication gets it
     * (when a signer is configured) and the event is sent once more.
     *
     * @return completes (never exceptionally) when every relay has answered or timed out
     * @throws network.mostro.nostr.TransportException if the pool is closed
     */
    CompletionStage<PublishResult> publish(Event event, Set<URI> relays);

    /** Subscribes at every relay in the pool, including relays added later. */
    Subscription subscribe(List<Filter> filters, SubscriptionListener listener);

    /**
     * Subscribes at the given relays.
     *
     * @throws IllegalArgumentException if {@code filters} is empty
     * @throws network.mostro.nostr.TransportException if the pool is closed
     */
    Subscription subscribe(List<Filter> filters, SubscriptionListener listener, Set<URI> relays);

    /** Closes every connection and stops every thread the pool started; idempotent. */
    @Override
    void close();

    /**
     * Configures a {@link RelayPool}. Every setter states its default. Not thread-safe; {@link #build()} copies
     * the configuration, so a builder may be reused.
     */
    final class Builder {
        private final List<URI> relays = new ArrayList<>();
        private WebSocketTransport transport;
        private Executor callbackExecutor;
        private RelayPoolListener listener = new RelayPoolListener() {};
        private EventSigner signer;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration publishTimeout = Duration.ofSeconds(10);
        private Duration eoseTimeout = Duration.ofSeconds(10);
        private Duration backoffInitial = Duration.ofSeconds(1);
        private Duration backoffMax = Duration.ofSeconds(60);
        private Duration resubscribeMargin = Duration.ofSeconds(60);
        private int maxOutboundQueue = 1_000;
        private int maxInboundFrames = 1_000;
        private int maxPendingEvents = 10_000;
        private int dedupWindow = 10_000;
        private EventLimits eventLimits = EventLimits.DEFAULT;
        private int maxFrameChars = -1;
        private boolean verifyEvents = true;
        private Duration keepAlive = Duration.ofSeconds(30);

        Builder() {}

        /** Adds a relay ({@code ws://} or {@code wss://}). */
        public Builder relay(URI relay) {
            relays.add(Objects.requireNonNull(relay, "relay"));
            return this;
        }

        /** Adds a relay ({@code ws://} or {@code wss://}). */
        public Builder relay(String relay) {
            return relay(URI.create(relay));
        }

        /** Adds relays. */
        public Builder relays(Collection<URI> more) {
            more.forEach(this::relay);
            return this;
        }

        /** The WebSocket implementation (default: {@link WebSocketTransport#jdk()}, owned and closed by the pool). */
        public Builder transport(WebSocketTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Where listener callbacks and publish results run (default: one daemon thread owned by the pool).
         * Callbacks for one listener are serialised even on a multi-threaded executor. A given executor is not
         * shut down by the pool.
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Pool-wide events (default: none). */
        public Builder listener(RelayPoolListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Answers NIP-42 {@code AUTH} challenges (default: none; challenges are then ignored). */
        public Builder signer(EventSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** Answers NIP-42 {@code AUTH} challenges with {@code key}. */
        public Builder authKey(PrivateKey key) {
            return signer(EventSigner.of(key));
        }

        /** Opening-handshake timeout (default: 10 s). */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /** How long a publish waits for {@code OK} from each relay (default: 10 s). */
        public Builder publishTimeout(Duration d) {
            this.publishTimeout = positive(d, "publishTimeout");
            return this;
        }

        /** How long a subscription waits for EOSE before {@link SubscriptionListener#onEoseComplete} (default: 10 s). */
        public Builder eoseTimeout(Duration d) {
            this.eoseTimeout = positive(d, "eoseTimeout");
            return this;
        }

        /**
         * Reconnect back-off: the n-th consecutive failed attempt waits a random time in
         * [d/2, d] with d = min(max, initial·2ⁿ) (defaults: 1 s initial, 60 s max). The count resets once a
         * connection has stayed up for 10 s.
         */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.backoffInitial = positive(initial, "initial");
            this.backoffMax = positive(max, "max");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max back-off must not be less than the initial one");
            }
            return this;
        }

        /**
         * How far before the newest event seen a re-issued subscription's {@code since} is set, to catch events
         * that reach a relay late or with an older timestamp (default: 60 s).
         */
        public Builder resubscribeMargin(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("resubscribeMargin must not be negative");
            }
            this.resubscribeMargin = d;
            return this;
        }

        /** Frames waiting to be sent, and publishes waiting for {@code OK}, per relay (default: 1,000). */
        public Builder maxOutboundQueue(int n) {
            this.maxOutboundQueue = atLeastOne(n, "maxOutboundQueue");
            return this;
        }

        /** Received frames waiting to be processed per relay before reading pauses (default: 1,000). */
        public Builder maxInboundFrames(int n) {
            this.maxInboundFrames = atLeastOne(n, "maxInboundFrames");
            return this;
        }

        /** Verified events waiting for a subscription's listener before events are dropped (default: 10,000). */
        public Builder maxPendingEvents(int n) {
            this.maxPendingEvents = atLeastOne(n, "maxPendingEvents");
            return this;
        }

        /** Event ids remembered per subscription for de-duplication (default: 10,000). */
        public Builder dedupWindow(int n) {
            this.dedupWindow = atLeastOne(n, "dedupWindow");
            return this;
        }

        /** Limits on received events (default: {@link EventLimits#DEFAULT}). */
        public Builder eventLimits(EventLimits limits) {
            this.eventLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Longest accepted frame (default: the event limit's {@code maxJsonChars} + 16 Ki characters). */
        public Builder maxFrameChars(int n) {
            this.maxFrameChars = atLeastOne(n, "maxFrameChars");
            return this;
        }

        /**
         * Whether ids and signatures of received events are checked (default: true). Switch off only for a
         * relay you fully trust, e.g. in benchmarks.
         */
        public Builder verifyEvents(boolean verify) {
            this.verifyEvents = verify;
            return this;
        }

        /**
         * Liveness check (default: 30 s; zero disables): when nothing has arrived from a relay for this long,
         * the pool sends a tiny probe ({@code REQ} for an id that cannot exist, answered by {@code EOSE}); when
         * nothing has arrived for twice as long, the connection is treated as dead and re-established. This
         * catches half-open connections (a vanished network, a relay that stopped answering) that TCP alone
         * reports only after many minutes, if ever.
         */
        public Builder keepAlive(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("keepAlive must not be negative");
            }
            this.keepAlive = interval;
            return this;
        }

        /**
         * Builds the pool and starts connecting.
         *
         * @throws network.mostro.nostr.InvalidInputException if a relay URI is not ws:// or wss://
         */
        public RelayPool build() {
            int frame = maxFrameChars > 0 ? maxFrameChars : eventLimits.maxJsonChars() + 16 * 1024;
            PoolConfig cfg = new PoolConfig(List.copyOf(relays), transport, callbackExecutor, listener, signer,
                    connectTimeout, publishTimeout, eoseTimeout, backoffInitial, backoffMax, resubscribeMargin,
                    maxOutboundQueue, maxInboundFrames, maxPendingEvents, dedupWindow, eventLimits, frame,
                    verifyEvents, keepAlive);
            return DefaultRelayPool.start(cfg);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }

        private static int atLeastOne(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1");
            }
            return n;
        }
    }
}

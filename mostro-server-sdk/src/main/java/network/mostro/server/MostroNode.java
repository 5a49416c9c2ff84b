package network.mostro.server;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.server.internal.Engine;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lnurl.LnurlPay;
import network.mostro.server.price.PriceSource;
import network.mostro.server.store.OrderStore;

/**
 * A complete Mostro node: it answers users over Nostr (SPEC §3, §7), escrows with a {@link LightningBackend},
 * keeps its state in an {@link OrderStore}, prices market orders from a {@link PriceSource}, and publishes its
 * order book and info events (SPEC §12). All business rules come from the protocol module's
 * {@code OrderStateMachine}.
 *
 * <pre>{@code
 * MostroNode node = MostroNode.builder()
 *         .nodeKey(key).relays(List.of(URI.create("wss://relay.example")))
 *         .lightning(backend).store(OrderStore.inMemory()).priceSource(prices)
 *         .build();
 * node.start().toCompletableFuture().join();
 * ...
 * node.close();
 * }</pre>
 *
 * <p>Durability: each transition's store writes and every event announcing it (replies, notifications, public
 * events, as signed outbox entries) are committed together before anything is sent; payouts are claimed before
 * money moves and resolved with the backend after a restart; processed inbound event ids are persisted.
 *
 * <p>Thread-safe. The node owns the threads it starts and the relay pool it builds from {@link Builder#relays};
 * the Lightning backend, store, price source, executor and a pool given with {@link Builder#relayPool} stay the
 * caller's to close.
 */
public final class MostroNode implements AutoCloseable {
    private final Engine engine;

    private MostroNode(Engine engine) {
        this.engine = engine;
    }

    /** A builder; node key, relays (or a pool), Lightning backend and store are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects: reads the Lightning backend's info, refreshes prices, settles or cancels escrows decided before a
     * restart, resubscribes held invoices, resumes in-flight payouts, subscribes to relays from the persisted
     * {@code since} cursor and publishes the info event.
     *
     * @return completes when the node is running; fails if the Lightning backend is unreachable
     */
    public CompletionStage<Void> start() {
        return engine.start();
    }

    /**
     * Runs the scheduler jobs that are due on the node's clock, synchronously (tests with {@code autoTick(false)}),
     * except the dev-fee job, which it starts on the executor (see {@link #backgroundJobs()}).
     */
    public void tick() {
        engine.tick();
    }

    /**
     * Completes when the background work started by the latest {@link #tick()} has finished: the dev-fee job runs
     * on the executor (it may wait on LNURL servers and payments), so {@code tick()} returns without waiting for
     * it. Tests on a manual clock call {@code tick()} and then wait on this stage.
     */
    public CompletionStage<Void> backgroundJobs() {
        return engine.backgroundJobs();
    }

    /** The node's Nostr public key. */
    public PublicKey publicKey() {
        return engine.publicKey();
    }

    /** A health snapshot. */
    public NodeHealth health() {
        return engine.health();
    }

    /** A counters snapshot. */
    public NodeCounters counters() {
        return engine.counters();
    }

    /**
     * Publishes what is in the outbox now and waits until it is empty or {@code timeout} passes; call it before
     * {@link #close()} for a graceful stop. Entries left over are kept in the store and sent on the next start, so
     * nothing is lost either way. Blocks the calling thread.
     *
     * @return true if every pending event was accepted by a relay in time
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public boolean drainOutbox(java.time.Duration timeout) throws InterruptedException {
        return engine.drainOutbox(java.util.Objects.requireNonNull(timeout, "timeout"));
    }

    /** Stops every thread and subscription the node started; idempotent. Does not wait for the outbox. */
    @Override
    public void close() {
        engine.close();
    }

    /** Configures a {@link MostroNode}. Not thread-safe. */
    public static final class Builder {
        private PrivateKey nodeKey;
        private final List<URI> relays = new ArrayList<>();
        private RelayPool relayPool;
        private NodeSettings settings = NodeSettings.defaults();
        private LightningBackend lightning;
        private OrderStore store;
        private PriceSource priceSource;
        private LnurlPay lnurl;
        private Clock clock = Clock.systemUTC();
        private Executor executor;
        private boolean autoTick = true;
        private NodeListener listener;

        private Builder() {}

        /** The node's Nostr key (required). */
        public Builder nodeKey(PrivateKey key) {
            this.nodeKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Relays the node builds (and owns) a pool for; or use {@link #relayPool}. */
        public Builder relays(List<URI> uris) {
            relays.addAll(List.copyOf(uris));
            return this;
        }

        /**
         * A relay pool the caller owns (the node does not close it). The node checks the id and signature of every
         * event it delivers, whatever its {@code verifyEvents} setting; a pool the node builds itself does that
         * check before delivery, and the node does not repeat it.
         */
        public Builder relayPool(RelayPool pool) {
            this.relayPool = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /** Settings (default: {@link NodeSettings#defaults()}). */
        public Builder settings(NodeSettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /** The Lightning backend (required). */
        public Builder lightning(LightningBackend backend) {
            this.lightning = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** The store (required; {@link OrderStore#inMemory()} for tests). */
        public Builder store(OrderStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Prices for market orders (default: none — market orders are refused with {@code price_too_stale}). */
        public Builder priceSource(PriceSource source) {
            this.priceSource = source;
            return this;
        }

        /** LNURL-pay resolver for Lightning-address payouts (default: none — LN addresses are refused). */
        public Builder lnurl(LnurlPay lnurl) {
            this.lnurl = lnurl;
            return this;
        }

        /** The clock of every timeout and timestamp (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Executor for handlers, invoice updates and payouts (default: a node-owned pool of max(32, 8 × cores) daemon
         * threads: handlers mostly wait on store commits and Lightning calls, so the pool is sized for blocking, not
         * for the cores). The outbox is always published from one node-owned thread.
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Whether a node thread drives the scheduler every second (default: true); false: call {@link #tick()}. */
        public Builder autoTick(boolean autoTick) {
            this.autoTick = autoTick;
            return this;
        }

        /** An observer of order status changes (default: none). */
        public Builder listener(NodeListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Builds the node (nothing runs until {@link MostroNode#start()}).
         *
         * @throws InvalidInputException if a required component is missing
         */
        public MostroNode build() {
            if (nodeKey == null || lightning == null || store == null) {
                throw new InvalidInputException("node key, lightning backend and store are required");
            }
            if (relayPool == null && relays.isEmpty()) {
                throw new InvalidInputException("relays or a relay pool are required");
            }
            return new MostroNode(new Engine(new Engine.Config(nodeKey, List.copyOf(relays), relayPool, settings,
                    lightning, store, priceSource, lnurl, clock, executor, autoTick, listener)));
        }
    }
}

package network.mostro.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import network.mostro.client.internal.ClientConfig;
import network.mostro.client.internal.ClientEngine;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.transport.PrivacyMode;

/**
 * A Mostro client: discovers nodes (kind 38385), follows order books (kind 38383), runs trades with a fresh trade key
 * each, restores a session on a new device and chats with counterparties and solvers.
 *
 * <pre>{@code
 * try (MostroClient client = MostroClient.builder()
 *         .relays(URI.create("wss://relay.mostro.network"))
 *         .mnemonic(Mnemonic.parse(words))
 *         .sessionStore(SessionStore.file(Path.of("mostro-session.json")))
 *         .build()) {
 *     MostroNodeInfo node = client.awaitNode(nodeKey).toCompletableFuture().join();
 *     Trade trade = client.createOrder(node.pubkey(), NewOrder.sell("USD", 100, "SEPA").marketPrice(1).build())
 *             .toCompletableFuture().join();
 *     trade.awaitEvent(TradeEvent.PayHoldInvoice.class).thenAccept(p -> wallet.pay(p.invoice()));
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link Builder#build()} opens the relay connections (or uses the given pool), loads the
 * session store, resubscribes every unfinished trade and its chats, and starts reading node info events. Calls made
 * after {@link #close()} fail with {@link ClientStateException}. {@code close()} ends every subscription, fails pending
 * requests, stops the client's threads (and closes the relay pool if the client created it) and closes the session
 * store; afterwards no client thread remains.
 *
 * <p><b>Threads.</b> Thread-safe; share one instance per user. Incoming messages are processed one at a time; listener
 * callbacks and stage completions run on the callback executor (default: one daemon thread owned by the client), never
 * concurrently with each other.
 */
public final class MostroClient implements AutoCloseable {
    private final ClientEngine engine;

    private MostroClient(ClientEngine engine) {
        this.engine = engine;
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every node whose info event was seen, newest info per node. */
    public List<MostroNodeInfo> nodes() {
        return engine.nodes();
    }

    /** The info of {@code node}, if seen. */
    public Optional<MostroNodeInfo> node(PublicKey node) {
        return engine.node(node);
    }

    /**
     * The info of {@code node}, waiting up to the request timeout for its info event. Fails with
     * {@link UnsupportedNodeException} when none arrives or the node speaks an unknown protocol version.
     */
    public CompletionStage<MostroNodeInfo> awaitNode(PublicKey node) {
        return engine.usableNode(node);
    }

    /** Computes the node's public track record from its events on the relays (waits for end of stored events). */
    public CompletionStage<NodeReputation> reputation(PublicKey node) {
        return engine.reputation(node);
    }

    /** A live, filtered view of {@code node}'s order book; close it when done. */
    public OrderBook orderBook(PublicKey node, OrderBookFilter filter) {
        return engine.orderBook(node, filter == null ? OrderBookFilter.all() : filter);
    }

    /**
     * Publishes an order with a fresh trade key; completes with the trade once Mostro confirmed it
     * ({@code new-order}), or fails with {@link CantDoException} / {@link NoAnswerException}.
     */
    public CompletionStage<Trade> createOrder(PublicKey node, NewOrder order) {
        return engine.createOrder(node, Objects.requireNonNull(order, "order"));
    }

    /** Takes a sell order (this user buys); completes with the trade once Mostro answered the take. */
    public CompletionStage<Trade> takeSell(PublicKey node, UUID orderId, TakeOptions options) {
        return engine.take(node, orderId, OrderKind.SELL, options == null ? TakeOptions.none() : options, null);
    }

    /** Takes a buy order (this user sells); completes with the trade once Mostro answered the take. */
    public CompletionStage<Trade> takeBuy(PublicKey node, UUID orderId, TakeOptions options) {
        return engine.take(node, orderId, OrderKind.BUY, options == null ? TakeOptions.none() : options, null);
    }

    /** Takes an order-book entry with the matching action (take-sell for sell orders, take-buy for buy orders). */
    public CompletionStage<Trade> take(OrderBookEntry entry, TakeOptions options) {
        return engine.take(entry.node(), entry.orderId(), entry.kind(),
                options == null ? TakeOptions.none() : options, entry);
    }

    /**
     * Fetches this user's orders by id ({@code orders}); reputation mode only (Mostro checks ownership against the
     * identity). In full-privacy mode use {@link Trade#refresh()}.
     */
    public CompletionStage<List<SmallOrder>> orders(PublicKey node, List<UUID> ids) {
        return engine.orders(node, ids);
    }

    /**
     * Restores the session from {@code node} on a new device (SPEC §2.4): {@code last-trade-index},
     * {@code restore-session}, {@code orders}; re-derives the trade keys, resubscribes and persists. Reputation mode
     * only.
     */
    public CompletionStage<RestoreResult> restore(PublicKey node) {
        return engine.restore(node);
    }

    /** Every trade the client tracks. */
    public List<Trade> trades() {
        return engine.trades();
    }

    /** The trade of {@code orderId}, if tracked. */
    public Optional<Trade> trade(UUID orderId) {
        return engine.trade(orderId);
    }

    /** The identity public key (index 0). */
    public PublicKey identityPublicKey() {
        return engine.identityPublicKey();
    }

    /** Reputation or full privacy. */
    public PrivacyMode privacyMode() {
        return engine.privacyMode();
    }

    /** The last used trade index. */
    public long lastTradeIndex() {
        return engine.lastTradeIndex();
    }

    /** Stops everything; idempotent. */
    @Override
    public void close() {
        engine.close();
    }

    /** Chat messages kept per trade by default ({@link Builder#chatHistoryLimit}). */
    public static final int DEFAULT_CHAT_HISTORY_LIMIT = 1_000;

    /** Configures a {@link MostroClient}. Every setter states its default. Not thread-safe. */
    public static final class Builder {
        private final List<URI> relays = new ArrayList<>();
        private RelayPool pool;
        private KeyStore keyStore;
        private PrivacyMode mode = PrivacyMode.REPUTATION;
        private SessionStore store;
        private Executor executor;
        private ClientListener listener;
        private Duration timeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();
        private int chatHistoryLimit = DEFAULT_CHAT_HISTORY_LIMIT;

        private Builder() {}

        /** Relays to connect to (default: none; give relays or a pool). */
        public Builder relays(URI... uris) {
            for (URI u : uris) {
                relays.add(Objects.requireNonNull(u));
            }
            return this;
        }

        /** A relay to connect to. */
        public Builder relay(String uri) {
            relays.add(URI.create(uri));
            return this;
        }

        /** Use an existing pool instead of relays; the client does not close it (default: none). */
        public Builder relayPool(RelayPool pool) {
            this.pool = pool;
            return this;
        }

        /** The user's BIP-39 mnemonic (one of mnemonic / key store is required). */
        public Builder mnemonic(Mnemonic mnemonic) {
            this.keyStore = KeyStore.ofMnemonic(mnemonic);
            return this;
        }

        /** Where the key tree comes from (one of mnemonic / key store is required). */
        public Builder keyStore(KeyStore keyStore) {
            this.keyStore = keyStore;
            return this;
        }

        /** Reputation (default) or full privacy (SPEC §2.2). */
        public Builder privacyMode(PrivacyMode mode) {
            this.mode = Objects.requireNonNull(mode);
            return this;
        }

        /** Session storage (default: {@link SessionStore#inMemory()}); the client closes it on close. */
        public Builder sessionStore(SessionStore store) {
            this.store = store;
            return this;
        }

        /** Executor for listener callbacks and stage completions, serialized (default: a client-owned daemon thread). */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Client-wide listener (default: none). */
        public Builder listener(ClientListener listener) {
            this.listener = listener;
            return this;
        }

        /** How long to wait for Mostro's answer to a request, after it was published (default: 10 s). */
        public Builder requestTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new ClientStateException("request timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Clock for event timestamps, expiry and first-contact windows (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * How many chat messages are kept per trade, in memory and in the session store; older ones are dropped
         * (default: {@value MostroClient#DEFAULT_CHAT_HISTORY_LIMIT}). Bounds what a spamming counterparty can make
         * the client store and rewrite.
         */
        public Builder chatHistoryLimit(int messages) {
            if (messages < 1) {
                throw new ClientStateException("chat history limit must be at least 1");
            }
            this.chatHistoryLimit = messages;
            return this;
        }

        /**
         * Builds and starts the client.
         *
         * @throws ClientStateException without relays/pool or keys, or when the session store cannot be read
         */
        public MostroClient build() {
            if (keyStore == null) {
                throw new ClientStateException("a mnemonic or key store is required");
            }
            if (pool == null && relays.isEmpty()) {
                throw new ClientStateException("relays or a relay pool are required");
            }
            ClientConfig cfg = new ClientConfig(List.copyOf(relays), pool, keyStore.keys(), mode,
                    store == null ? SessionStore.inMemory() : store, executor,
                    listener == null ? new ClientListener() { } : listener, timeout, clock, chatHistoryLimit);
            return new MostroClient(new ClientEngine(cfg));
        }
    }
}

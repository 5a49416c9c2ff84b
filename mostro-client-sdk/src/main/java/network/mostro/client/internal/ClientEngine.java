package network.mostro.client.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import network.mostro.client.CantDoException;
import network.mostro.client.ChatChannel;
import network.mostro.client.ChatEntry;
import network.mostro.client.ClientListener;
import network.mostro.client.ClientStateException;
import network.mostro.client.MostroNodeInfo;
import network.mostro.client.NewOrder;
import network.mostro.client.NoAnswerException;
import network.mostro.client.NodeReputation;
import network.mostro.client.OrderBook;
import network.mostro.client.OrderBookEntry;
import network.mostro.client.OrderBookFilter;
import network.mostro.client.RestoreResult;
import network.mostro.client.SessionStore;
import network.mostro.client.TakeOptions;
import network.mostro.client.Trade;
import network.mostro.client.TradeEvent;
import network.mostro.client.TradeListener;
import network.mostro.client.TradeRecord;
import network.mostro.client.TradeRole;
import network.mostro.client.UnsupportedNodeException;
import network.mostro.nostr.Event;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.TransportException;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.PublishResult;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.Subscription;
import network.mostro.nostr.relay.SubscriptionListener;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.Message;
import network.mostro.protocol.MessageType;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.RestoredDispute;
import network.mostro.protocol.RestoredOrder;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.ValidationResult;
import network.mostro.protocol.event.DisputeEvent;
import network.mostro.protocol.event.InfoEvent;
import network.mostro.protocol.event.OrderEvent;
import network.mostro.protocol.event.OrderEventStatus;
import network.mostro.protocol.event.RatingEvent;
import network.mostro.protocol.keys.ChatKeys;
import network.mostro.protocol.keys.KeyManager;
import network.mostro.protocol.keys.TradeIndexStore;
import network.mostro.protocol.keys.TradeKey;
import network.mostro.protocol.state.BondPolicy;
import network.mostro.protocol.state.OrderState;
import network.mostro.protocol.state.OrderStateMachine;
import network.mostro.protocol.state.Party;
import network.mostro.protocol.state.RangeOrders;
import network.mostro.protocol.state.TradeContext;
import network.mostro.protocol.state.Transition;
import network.mostro.protocol.transport.Chat;
import network.mostro.protocol.transport.ChatIdStore;
import network.mostro.protocol.transport.ChatMessage;
import network.mostro.protocol.transport.ChatReceiver;
import network.mostro.protocol.transport.Inbound;
import network.mostro.protocol.transport.LegacyChat;
import network.mostro.protocol.transport.PowPolicy;
import network.mostro.protocol.transport.PrivacyMode;
import network.mostro.protocol.transport.SenderKeys;
import network.mostro.protocol.transport.Transport;
import network.mostro.protocol.transport.WrapOptions;

/**
 * The client's engine: relay subscriptions, request/answer correlation, routing of Mostro's messages to trades,
 * status tracking, persistence, chat. Incoming messages are processed one at a time under {@link #lock}; listener
 * calls and stage completions go to a serial callback executor. Thread-safe.
 */
public final class ClientEngine implements AutoCloseable {
    /** Seconds a new trade key stays on the node's first-contact lane (SPEC §3.6.4b), plus a safety margin. */
    static final long FIRST_CONTACT_WINDOW = 75;
    /** Newest events kept per trade in {@link TradeImpl#events} (and searched by {@code awaitEvent}). */
    public static final int MAX_TRADE_EVENTS = 1_000;
    /** Most events {@link #reputation} buffers; it answers from what it has once reached. */
    public static final int MAX_REPUTATION_EVENTS = 10_000;
    /** {@code limit} of each reputation filter: newest order, rating and dispute events asked of each relay. */
    static final int REPUTATION_FILTER_LIMIT = 5_000;
    /** Node-message ids already handled in this session (even if their store write failed). */
    private static final int MAX_ATTEMPTED = 10_000;

    final Object lock = new Object();
    final SessionStore store;
    final Executor callbacks;
    private final ExecutorService ownExecutor;
    private final ScheduledExecutorService timer;
    private final RelayPool pool;
    private final boolean ownsPool;
    private final KeyManager keys;
    private final PrivacyMode mode;
    private final ClientListener listener;
    private final Duration timeout;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Subscription infoSubscription;
    private final int chatHistoryLimit;
    /** Id of the node message being handled: its processed mark rides on the trade write it causes. Under lock. */
    private String processing;
    private final Set<String> attempted = java.util.Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_ATTEMPTED;
        }
    });

    private final Map<PublicKey, MostroNodeInfo> nodes = new LinkedHashMap<>();
    private final Map<PublicKey, String> nodeEventIds = new HashMap<>();
    private final Map<PublicKey, List<CompletableFuture<MostroNodeInfo>>> nodeWaiters = new HashMap<>();
    private final Map<PublicKey, Slot> slots = new HashMap<>();
    private final Map<UUID, TradeImpl> trades = new LinkedHashMap<>();
    private final Map<Long, Pending> pending = new HashMap<>();
    private final List<OrderBookImpl> books = new CopyOnWriteArrayList<>();
    private final ChatIdStore chatIds;
    private volatile boolean closed;

    /** One key the client listens on: a trade key, a range child's next key, or a temporary restore key. */
    static final class Slot {
        final PrivateKey key;
        final long index;
        final PublicKey node;
        Subscription subscription;
        TradeImpl trade;
        NewOrder pendingCreate;
        UUID childOf;
        long firstUsedAt;

        Slot(PrivateKey key, long index, PublicKey node) {
            this.key = key;
            this.index = index;
            this.node = node;
        }
    }

    /** A request waiting for Mostro's answer. */
    static final class Pending {
        final long requestId;
        final Slot slot;
        final Action action;
        final UUID orderId;
        final int pow;
        final CompletableFuture<Reply> future = new CompletableFuture<>();
        ScheduledFuture<?> timeout;
        Runnable onCantDo;
        String relays = "";

        Pending(long requestId, Slot slot, Action action, UUID orderId, int pow) {
            this.requestId = requestId;
            this.slot = slot;
            this.action = action;
            this.orderId = orderId;
            this.pow = pow;
        }
    }

    /** Mostro's answer with what the client made of it. */
    record Reply(Message message, TradeEvent event, TradeImpl trade) {}

    public ClientEngine(ClientConfig c) {
        this.clock = c.clock();
        this.timeout = c.timeout();
        this.listener = c.listener();
        this.store = new ReportingStore(c.store(), this::storeFailed);
        this.mode = c.mode();
        this.chatHistoryLimit = Math.max(1, c.chatHistoryLimit());
        this.keys = KeyManager.of(c.keys(), new TradeIndexStore() {
            @Override
            public long lastUsedIndex() {
                return store.lastTradeIndex();
            }

            @Override
            public long advanceTo(long index) {
                return store.advanceTradeIndex(index);
            }
        });
        this.chatIds = new ChatIdStore() {
            @Override
            public boolean contains(String id) {
                return store.isProcessed("chat:" + id);
            }

            @Override
            public void add(String id) {
                store.markProcessed("chat:" + id);
            }
        };
        // Everything created from here on is released if the constructor fails part-way.
        ExecutorService own = null;
        ScheduledExecutorService tm = null;
        RelayPool pl = null;
        Subscription info = null;
        try {
            if (c.executor() == null) {
                own = Executors.newSingleThreadExecutor(daemon("mostro-client-callbacks"));
                ownExecutor = own;
                callbacks = new SerialExecutor(own);
            } else {
                ownExecutor = null;
                callbacks = new SerialExecutor(c.executor());
            }
            tm = Executors.newSingleThreadScheduledExecutor(daemon("mostro-client-timer"));
            timer = tm;
            if (c.pool() != null) {
                pool = c.pool();
                ownsPool = false;
            } else {
                pl = RelayPool.builder().relays(c.relays()).build();
                pool = pl;
                ownsPool = true;
            }
            info = pool.subscribe(List.of(Filter.builder().kinds(InfoEvent.KIND).build()),
                    (e, relay) -> guarded("info event " + e.id(), () -> onInfoEvent(e)));
            infoSubscription = info;
            synchronized (lock) {
                for (TradeRecord r : store.trades()) {
                    try {
                        loadTrade(r);
                    } catch (NostrException | IllegalArgumentException e) {
                        ignored("stored trade " + r.orderId() + " could not be loaded: " + e.getMessage());
                    }
                }
            }
            tm.scheduleAtFixedRate(this::sweepBooks, 1, 1, TimeUnit.SECONDS);
        } catch (RuntimeException | Error e) {
            closed = true;
            releaseAfterFailedStart(info, tm, pl, own);
            throw e;
        }
    }

    /** Undoes a constructor that failed after creating threads, connections or subscriptions. */
    private void releaseAfterFailedStart(Subscription info, ScheduledExecutorService tm, RelayPool pl,
            ExecutorService own) {
        try {
            if (info != null) {
                info.close();
            }
            closeTradeSubscriptions();
        } catch (RuntimeException ignored) {
            // best effort
        }
        if (tm != null) {
            tm.shutdownNow();
        }
        if (pl != null) {
            try {
                pl.close();
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        if (own != null) {
            own.shutdownNow();
        }
    }

    /** Runs a relay-callback task; nothing it throws may escape into the relay pool's callback thread. */
    private void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | StackOverflowError e) {
            try {
                ignored(what + " could not be processed: " + e);
            } catch (RuntimeException ignored) {
                // the executor is gone (closing): nothing left to tell
            }
        }
    }

    /** Reports a failed store write to the listener (the write's caller handles the failure itself). */
    private void storeFailed(ClientStateException e) {
        Executor cb = callbacks;
        if (cb != null) {
            cb.execute(() -> listener.onStoreFailure(e));
        }
    }

    /** Writes the trade; while a node message is being handled, its processed mark goes into the same write. */
    private void persist(TradeImpl t) {
        String id = processing;
        if (id != null) {
            store.saveTrade(t.record(), id);
            processing = null;
        } else {
            store.saveTrade(t.record());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private void ensureOpen() {
        if (closed) {
            throw new ClientStateException("client is closed");
        }
    }

    private void ignored(String reason) {
        Executor cb = callbacks;
        if (cb != null) {
            cb.execute(() -> listener.onIgnoredEvent(reason));
        }
    }

    // ------------------------------------------------------------------ nodes

    private void onInfoEvent(Event e) {
        if (closed) {
            return;
        }
        InfoEvent info;
        try {
            info = InfoEvent.parse(e, e.pubkey());
        } catch (NostrException | IllegalArgumentException ex) {
            ignored("info event " + e.id() + " rejected: " + ex.getMessage());
            return;
        }
        MostroNodeInfo n = MostroNodeInfo.of(e.pubkey(), info, e.createdAt());
        List<CompletableFuture<MostroNodeInfo>> waiters;
        synchronized (lock) {
            MostroNodeInfo old = nodes.get(n.pubkey());
            if (old != null && (old.publishedAt() > n.publishedAt() || (old.publishedAt() == n.publishedAt()
                    && nodeEventIds.get(n.pubkey()).compareTo(e.id()) <= 0))) {
                return;
            }
            nodes.put(n.pubkey(), n);
            nodeEventIds.put(n.pubkey(), e.id());
            waiters = nodeWaiters.remove(n.pubkey());
        }
        callbacks.execute(() -> listener.onNodeUpdated(n));
        if (waiters != null) {
            for (CompletableFuture<MostroNodeInfo> w : waiters) {
                callbacks.execute(() -> w.complete(n));
            }
        }
    }

    public List<MostroNodeInfo> nodes() {
        synchronized (lock) {
            return List.copyOf(nodes.values());
        }
    }

    public Optional<MostroNodeInfo> node(PublicKey node) {
        synchronized (lock) {
            return Optional.ofNullable(nodes.get(node));
        }
    }

    /** The node's info once known, failing with {@link UnsupportedNodeException} if absent or unsupported. */
    public CompletionStage<MostroNodeInfo> usableNode(PublicKey node) {
        ensureOpen();
        CompletableFuture<MostroNodeInfo> f = new CompletableFuture<>();
        synchronized (lock) {
            MostroNodeInfo n = nodes.get(node);
            if (n != null) {
                f.complete(n);
            } else {
                nodeWaiters.computeIfAbsent(node, k -> new ArrayList<>()).add(f);
                timer.schedule(() -> {
                    synchronized (lock) {
                        List<CompletableFuture<MostroNodeInfo>> l = nodeWaiters.get(node);
                        if (l != null) {
                            l.remove(f);
                        }
                    }
                    callbacks.execute(() -> f.completeExceptionally(new UnsupportedNodeException(
                            UnsupportedNodeException.Reason.NO_INFO_EVENT, node.toHex(),
                            "no info event (kind 38385) within " + timeout.toMillis() + " ms")));
                }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return f.thenApply(n -> {
            if (!n.supported()) {
                throw new UnsupportedNodeException(UnsupportedNodeException.Reason.UNSUPPORTED_PROTOCOL_VERSION,
                        node.toHex(), "advertises protocol_version " + n.protocolVersion()
                                + "; this SDK speaks 1 and 2");
            }
            return n;
        });
    }

    /**
     * The node's track record from its order (38383), rating (38384) and dispute (38386) events. Each filter asks for
     * the newest {@value #REPUTATION_FILTER_LIMIT} events (no {@code since}: the node's age is part of the answer); at
     * most {@value #MAX_REPUTATION_EVENTS} distinct events are buffered, and the answer is computed from what arrived
     * when all relays sent end-of-stored-events, when the cap is reached, or fails with a {@link TransportException}
     * after twice the request timeout. The subscription is always closed.
     */
    public CompletionStage<NodeReputation> reputation(PublicKey node) {
        ensureOpen();
        Map<String, Event> orders = new HashMap<>();
        Map<String, Event> disputes = new HashMap<>();
        Map<String, Event> ratings = new HashMap<>();
        long[] oldest = {Long.MAX_VALUE};
        CompletableFuture<NodeReputation> f = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<Subscription> holder = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledFuture<?>[] deadline = new ScheduledFuture<?>[1];
        Runnable closeSub = () -> {
            Subscription sub = holder.get();
            if (sub != null) {
                sub.close();
            }
        };
        Runnable finish = () -> {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            closeSub.run();
            synchronized (orders) {
                if (deadline[0] != null) {
                    deadline[0].cancel(false);
                }
            }
            NodeReputation r;
            try {
                synchronized (orders) {
                    long ok = 0, canceled = 0, pendingCount = 0, inProgress = 0;
                    for (Event e : orders.values()) {
                        String st = e.firstTagValue("s").orElse("");
                        switch (st) {
                            case "success" -> ok++;
                            case "canceled", "expired" -> canceled++;
                            case "pending" -> pendingCount++;
                            case "in-progress" -> inProgress++;
                            default -> { }
                        }
                    }
                    long open = disputes.values().stream().map(e -> e.firstTagValue("s").orElse(""))
                            .filter(st -> st.equals("initiated") || st.equals("in-progress")).count();
                    List<RatingEvent> rs = new ArrayList<>();
                    for (Event e : ratings.values()) {
                        try {
                            rs.add(RatingEvent.parse(e));
                        } catch (NostrException ex) {
                            ignored("malformed rating event " + e.id());
                        }
                    }
                    double avg = rs.stream().mapToLong(RatingEvent::lastRating).average().orElse(0);
                    long days = oldest[0] == Long.MAX_VALUE ? 0 : Math.max(0, (now() - oldest[0]) / 86_400);
                    r = new NodeReputation(node, orders.size(), ok, canceled, pendingCount, inProgress,
                            disputes.size(), open, rs.size(), avg, days);
                }
            } catch (RuntimeException e) {
                callbacks.execute(() -> f.completeExceptionally(e));
                return;
            }
            callbacks.execute(() -> f.complete(r));
        };
        SubscriptionListener l = new SubscriptionListener() {
            @Override
            public void onEvent(Event e, java.net.URI relay) {
                guarded("reputation event " + e.id(), () -> collect(e));
            }

            @Override
            public void onEoseComplete(Set<java.net.URI> timedOut) {
                guarded("reputation of " + node.toHex(), finish);
            }

            private void collect(Event e) {
                if (done.get() || !e.pubkey().equals(node)) {
                    return;
                }
                boolean full;
                synchronized (orders) {
                    String d = e.firstTagValue("d").orElse(null);
                    Map<String, Event> target = e.kind() == OrderEvent.KIND ? orders
                            : e.kind() == DisputeEvent.KIND ? disputes : e.kind() == RatingEvent.KIND ? ratings : null;
                    if (d == null || target == null) {
                        return;
                    }
                    Event old = target.get(d);
                    if (old == null && orders.size() + disputes.size() + ratings.size() >= MAX_REPUTATION_EVENTS) {
                        full = true;
                    } else {
                        full = false;
                        oldest[0] = Math.min(oldest[0], e.createdAt());
                        if (old == null || old.createdAt() < e.createdAt()) {
                            target.put(d, e);
                        }
                    }
                }
                if (full) {
                    ignored("reputation of " + node.toHex() + ": more than " + MAX_REPUTATION_EVENTS
                            + " events; answering from the first ones");
                    finish.run();
                }
            }
        };
        long wait = timeout.toMillis() * 2;
        synchronized (orders) {
            deadline[0] = timer.schedule(() -> {
                if (done.compareAndSet(false, true)) {
                    closeSub.run();
                    callbacks.execute(() -> f.completeExceptionally(new TransportException(
                            "no end of stored events for the reputation of " + node.toHex() + " within " + wait
                                    + " ms")));
                }
            }, wait, TimeUnit.MILLISECONDS);
        }
        Integer limit = REPUTATION_FILTER_LIMIT;
        Subscription sub = pool.subscribe(List.of(
                Filter.builder().kinds(OrderEvent.KIND).authors(node).limit(limit).build(),
                Filter.builder().kinds(RatingEvent.KIND).authors(node).limit(limit).build(),
                Filter.builder().kinds(DisputeEvent.KIND).authors(node).limit(limit).build()),
                l);
        holder.set(sub);
        if (done.get()) {
            sub.close(); // finished (end of stored events, cap or deadline) before subscribe returned
        }
        return f;
    }

    // ------------------------------------------------------------------ order book

    public OrderBook orderBook(PublicKey node, OrderBookFilter filter) {
        ensureOpen();
        OrderBookImpl[] self = new OrderBookImpl[1];
        OrderBookImpl book = new OrderBookImpl(node, filter, callbacks, this::ignored,
                () -> books.remove(self[0]), clock);
        self[0] = book;
        Filter.Builder fb = Filter.builder().kinds(OrderEvent.KIND).authors(node);
        if (filter.kind() != null) {
            fb.tag('k', filter.kind().wireName());
        }
        books.add(book);
        book.attach(pool.subscribe(List.of(fb.build()),
                (e, relay) -> guarded("order event " + e.id(), () -> book.onEvent(e, now()))));
        return book;
    }

    private void sweepBooks() {
        long now = now();
        for (OrderBookImpl b : books) {
            try {
                b.sweep(now);
            } catch (RuntimeException e) {
                // keep sweeping the others
            }
        }
    }

    // ------------------------------------------------------------------ keys and subscriptions

    private Slot newSlot(PrivateKey key, long index, PublicKey node) {
        Slot s = new Slot(key, index, node);
        synchronized (lock) {
            slots.put(key.publicKey(), s);
        }
        subscribe(s);
        return s;
    }

    private void subscribe(Slot s) {
        subscribe(s, null);
    }

    /** Subscribes for messages to the slot's key; {@code since} skips history (a restored trade's state is current). */
    private void subscribe(Slot s, Long since) {
        synchronized (lock) {
            if (s.subscription != null || closed) {
                return;
            }
            Filter.Builder fb = Filter.builder().kinds(14, 1059).tag('p', s.key.publicKey().toHex());
            if (since != null) {
                fb.since(since);
            }
            Filter f = fb.build();
            // stored messages come newest first: apply them oldest first (see OrderedBacklog)
            s.subscription = pool.subscribe(List.of(f), new OrderedBacklog(new OrderedBacklog.Sink() {
                @Override
                public Inbound open(Event e) {
                    Inbound[] in = new Inbound[1];
                    guarded("event " + e.id(), () -> in[0] = openKeyEvent(s, e));
                    return in[0];
                }

                @Override
                public void apply(Event e, Inbound in) {
                    guarded("event " + e.id(), () -> applyKeyEvent(s, e, in));
                }
            }));
        }
    }

    private void unsubscribe(Slot s) {
        synchronized (lock) {
            if (s.subscription != null) {
                s.subscription.close();
                s.subscription = null;
            }
            slots.remove(s.key.publicKey());
        }
    }

    private boolean firstContact(Slot s) {
        if (s.firstUsedAt == 0 || now() - s.firstUsedAt < FIRST_CONTACT_WINDOW) {
            return true;
        }
        TradeImpl t = s.trade;
        return t == null || t.isFinished() || t.takerLeft;
    }

    // ------------------------------------------------------------------ inbound

    /** Opens a message sent to {@code s}'s key, or returns null (reported) when it is not one to apply. */
    private Inbound openKeyEvent(Slot s, Event e) {
        if (closed) {
            return null;
        }
        synchronized (lock) {
            if (attempted.contains(e.id()) || store.isProcessed(e.id())) {
                return null;
            }
            Inbound in;
            try {
                if (e.kind() == 14 && !e.pubkey().equals(s.node)) {
                    ignored("kind-14 event " + e.id() + " not authored by the node");
                    return null;
                }
                in = Transport.forKind(e.kind()).unwrap(e, s.key);
            } catch (NostrException ex) {
                ignored("event " + e.id() + " rejected: " + ex.getMessage());
                return null;
            }
            if (!in.senderTradeKey().equals(s.node)) {
                ignored("message " + e.id() + " not sent by the node");
                return null;
            }
            return in;
        }
    }

    /** Applies a message sent to {@code s}'s key; {@code opened} null = not opened yet. */
    private void applyKeyEvent(Slot s, Event e, Inbound opened) {
        Inbound in = opened != null ? opened : openKeyEvent(s, e);
        if (in == null || closed) {
            return;
        }
        synchronized (lock) {
            if (attempted.contains(e.id()) || store.isProcessed(e.id())) {
                return;
            }
            // Marked processed only once its effect is stored: with the trade write it causes (one store write),
            // or after handling when it changes no trade. If handling or the write fails, the relays' copy is
            // applied again on the next start; in this session it is not handled twice.
            attempted.add(e.id());
            processing = e.id();
            try {
                handle(s, in.message());
                if (processing != null) {
                    store.markProcessed(e.id());
                }
            } catch (RuntimeException ex) {
                ignored("message " + e.id() + " could not be processed: " + ex);
            } finally {
                processing = null;
            }
        }
    }

    private Pending match(Slot s, Message m) {
        if (m.requestId() != null) {
            Pending p = pending.get(m.requestId());
            if (p != null && p.slot == s) {
                return p;
            }
        }
        if (m.action() == Action.RESTORE_SESSION) {
            for (Pending p : pending.values()) {
                if (p.slot == s && p.action == Action.RESTORE_SESSION) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Processes one message from the node on {@code s}; holds the lock. */
    private void handle(Slot s, Message m) {
        Pending p = match(s, m);
        if (p != null) {
            pending.remove(p.requestId);
            if (p.timeout != null) {
                p.timeout.cancel(false);
            }
        }
        if (m.action() == Action.CANT_DO) {
            String reason = m.payload() instanceof Payload.CantDo c ? c.wireReason() : null;
            TradeImpl t = m.id() != null ? trades.get(m.id()) : s.trade;
            if (t == null && p != null && p.orderId != null) {
                t = trades.get(p.orderId);
            }
            if (t != null) {
                emit(t, new TradeEvent.Refused(p == null ? null : p.action, reason));
            }
            if (p != null) {
                if (p.onCantDo != null) {
                    p.onCantDo.run();
                }
                UUID id = m.id() != null ? m.id() : p.orderId;
                CantDoException ex = new CantDoException(p.action, reason, id);
                callbacks.execute(() -> p.future.completeExceptionally(ex));
            }
            return;
        }
        TradeImpl t = null;
        TradeEvent primary = null;
        if (m.action() == Action.NEW_ORDER && m.payload() instanceof Payload.Order o && o.order().id() != null
                && !trades.containsKey(o.order().id()) && (s.pendingCreate != null || s.childOf != null)) {
            t = createdTrade(s, o.order());
            primary = lastEvent(t);
        } else if (m.action() == Action.LAST_TRADE_INDEX || m.action() == Action.RESTORE_SESSION
                || (m.action() == Action.ORDERS && s.trade == null)) {
            primary = null;
        } else {
            UUID id = m.id();
            if (id == null && StatusTracker.orderOf(m.payload()) != null) {
                id = StatusTracker.orderOf(m.payload()).id();
            }
            t = id == null ? s.trade : trades.get(id);
            if (t == null && s.trade != null && id == null) {
                t = s.trade;
            }
            if (t != null && t.key.publicKey().equals(s.key.publicKey()) || (t != null && s.trade == t)) {
                primary = onTradeMessage(t, m, p == null ? null : p.action);
            } else if (t != null) {
                ignored("message about " + id + " arrived on a key of another trade");
                t = null;
            } else {
                ignored("message " + m.action().wireName() + " about an unknown order " + id);
            }
        }
        if (p != null) {
            Reply r = new Reply(m, primary, t);
            callbacks.execute(() -> p.future.complete(r));
        }
    }

    private static TradeEvent lastEvent(TradeImpl t) {
        return t.events.isEmpty() ? null : t.events.get(t.events.size() - 1);
    }

    /** A maker's trade from Mostro's new-order confirmation on a create or range-child key. */
    private TradeImpl createdTrade(Slot s, SmallOrder o) {
        OrderKind kind = o.kind() != null ? o.kind() : s.pendingCreate.kind();
        MostroNodeInfo info = nodes.get(s.node);
        boolean invoice = o.buyerInvoice() != null
                || (s.pendingCreate != null && s.pendingCreate.buyerInvoice() != null);
        TradeContext ctx = TradeContext.builder().bondPolicy(bondPolicy(info)).range(o.isRange())
                .market(o.amount() == 0).buyerInvoiceKnown(invoice).build();
        Transition.Allowed created = OrderStateMachine.standard().create(kind, ctx);
        OrderState state = created.next().withStatus(o.status() == null || o.status() == OrderStatus.IN_PROGRESS
                ? created.nextStatus() : o.status());
        TradeImpl t = new TradeImpl(this, o.id(), s.node, kind, TradeRole.MAKER, s.index, s.key,
                new StatusTracker(state, Party.maker(kind), true));
        t.order = o;
        t.firstUsedAt = s.firstUsedAt == 0 ? now() : s.firstUsedAt;
        UUID parent = s.childOf;
        t.parentOrderId = parent;
        s.trade = t;
        s.pendingCreate = null;
        s.childOf = null;
        trades.put(t.orderId, t);
        persist(t);
        callbacks.execute(() -> listener.onNewTrade(t));
        emit(t, new TradeEvent.OrderPublished(o));
        if (parent != null) {
            TradeImpl p = trades.get(parent);
            if (p != null) {
                emit(p, new TradeEvent.ChildOrderCreated(t.orderId, s.index));
            }
        }
        return t;
    }

    static BondPolicy bondPolicy(MostroNodeInfo info) {
        if (info == null || !info.bondEnabled() || info.bond() == null || info.bond().applyToKnown().isEmpty()) {
            return BondPolicy.NONE;
        }
        return switch (info.bond().applyToKnown().get()) {
            case TAKE -> BondPolicy.TAKE;
            case MAKE -> BondPolicy.MAKE;
            case BOTH -> BondPolicy.BOTH;
        };
    }

    /** Applies one message to a trade; returns its primary typed event. Holds the lock. */
    private TradeEvent onTradeMessage(TradeImpl t, Message m, Action myRequest) {
        Payload p = m.payload();
        SmallOrder snap = StatusTracker.orderOf(p);
        if (p instanceof Payload.Orders os) {
            for (SmallOrder o : os.orders()) {
                if (t.orderId.equals(o.id())) {
                    snap = o;
                }
            }
        }
        if (snap != null && m.action() != Action.PAY_BOND_INVOICE && !m.action().wireName().startsWith("bond-")
                && m.action() != Action.ADD_BOND_INVOICE) {
            t.order = snap;
            String other = t.party == Party.BUYER ? snap.sellerTradePubkey() : snap.buyerTradePubkey();
            if (other != null && !other.isEmpty()) {
                t.peer = other;
            }
            if (snap.isRange() && snap.fiatAmount() > 0 && !t.tracker.state().context().rangeRemainder()) {
                try {
                    if (RangeOrders.hasRemainder(snap.minAmount(), snap.maxAmount(), snap.fiatAmount())) {
                        OrderState st = t.tracker.state();
                        t.tracker.reset(st.withContext(st.context().toBuilder().rangeRemainder(true).build()));
                    }
                } catch (NostrException e) {
                    // not a consistent range: keep the context
                }
            }
        }
        TradeEvent primary = typed(t, m);
        OrderStatus before = t.status;
        Optional<Transition.Allowed> applied = t.tracker.onMessage(m, myRequest);
        OrderStatus after = t.tracker.state().status();
        if (t.role == TradeRole.TAKER && applied.isPresent()
                && applied.get().effects().contains(network.mostro.protocol.state.OrderEffect.RESET_TAKER)) {
            t.takerLeft = true;
            after = OrderStatus.CANCELED;
        }
        if (t.takerLeft) {
            after = OrderStatus.CANCELED;
        }
        t.status = after;
        if (t.peer != null && t.peerChat == null) {
            openPeerChat(t);
        }
        if (t.solver != null && t.disputeChat == null) {
            openDisputeChat(t);
        }
        // stored before anyone hears of it: an event an app has seen is on disk (unless the store failed, which is
        // reported; the change then stays in memory and the message is applied again after a restart)
        RuntimeException storeFailure = null;
        try {
            persist(t);
        } catch (RuntimeException e) {
            storeFailure = e;
        }
        if (primary != null) {
            emit(t, primary);
        }
        if (before != after) {
            emit(t, new TradeEvent.StatusChanged(before, after, m.action()));
        }
        if (storeFailure != null) {
            throw storeFailure;
        }
        if (!t.awaitsMessages()) {
            // truly done (finished, rated or unable to rate, no bond share owed): nothing more can arrive on the
            // trade key; a later request from it (send) subscribes again
            Slot ts = slots.get(t.key.publicKey());
            if (ts != null && ts.trade == t && pending.values().stream().noneMatch(q -> q.slot == ts)) {
                unsubscribe(ts);
            }
        }
        return primary;
    }

    /** The typed event for a message; also records invoices, dispute ids, peers and solvers on the trade. */
    private TradeEvent typed(TradeImpl t, Message m) {
        Payload p = m.payload();
        switch (m.action()) {
            case NEW_ORDER:
                return t.order != null ? new TradeEvent.OrderPublished(t.order) : new TradeEvent.Other(m.action(), p);
            case PAY_INVOICE:
                if (p instanceof Payload.Peer peer) {
                    return new TradeEvent.PeerReputation(m.action(), peer.reputation());
                }
                if (p instanceof Payload.PaymentRequest pr) {
                    t.holdInvoice = pr.invoice();
                    long amt = pr.amount() != null ? pr.amount() : pr.order() != null ? pr.order().amount() : 0;
                    return new TradeEvent.PayHoldInvoice(pr.invoice(), amt, pr.order());
                }
                break;
            case PAY_BOND_INVOICE:
                if (p instanceof Payload.PaymentRequest pr) {
                    return new TradeEvent.PayBondInvoice(pr.invoice(),
                            pr.order() != null ? pr.order().amount() : pr.amount() == null ? 0 : pr.amount());
                }
                break;
            case ADD_INVOICE:
                if (p instanceof Payload.Peer peer) {
                    return new TradeEvent.PeerReputation(m.action(), peer.reputation());
                }
                if (p instanceof Payload.Order o) {
                    return new TradeEvent.InvoiceRequested(o.order().amount(), o.order());
                }
                break;
            case WAITING_SELLER_TO_PAY:
                return new TradeEvent.WaitingSellerToPay();
            case WAITING_BUYER_INVOICE:
                return new TradeEvent.WaitingBuyerInvoice();
            case BUYER_TOOK_ORDER:
                if (p instanceof Payload.Order o) {
                    return new TradeEvent.BuyerTookOrder(o.order());
                }
                break;
            case HOLD_INVOICE_PAYMENT_ACCEPTED:
                if (p instanceof Payload.Order o) {
                    return new TradeEvent.HoldInvoicePaymentAccepted(o.order());
                }
                break;
            case FIAT_SENT_OK:
                if (p instanceof Payload.Peer peer) {
                    if (!peer.pubkey().isEmpty()) {
                        t.peer = peer.pubkey();
                    }
                    return new TradeEvent.FiatSentOk(peer.pubkey());
                }
                return new TradeEvent.FiatSentOk(t.peer);
            case RELEASED:
                return new TradeEvent.Released();
            case PURCHASE_COMPLETED:
                return new TradeEvent.PurchaseCompleted();
            case HOLD_INVOICE_PAYMENT_SETTLED:
                return new TradeEvent.HoldInvoicePaymentSettled();
            case HOLD_INVOICE_PAYMENT_CANCELED:
                return new TradeEvent.HoldInvoicePaymentCanceled();
            case RATE:
                return new TradeEvent.RateRequested();
            case RATE_RECEIVED:
                return new TradeEvent.RateReceived(p instanceof Payload.RatingUser r ? r.rating() : 0);
            case CANCELED:
                return new TradeEvent.Canceled();
            case COOPERATIVE_CANCEL_INITIATED_BY_YOU:
                return new TradeEvent.CooperativeCancelInitiatedByYou();
            case COOPERATIVE_CANCEL_INITIATED_BY_PEER:
                return new TradeEvent.CooperativeCancelInitiatedByPeer();
            case COOPERATIVE_CANCEL_ACCEPTED:
                return new TradeEvent.CooperativeCancelAccepted();
            case DISPUTE_INITIATED_BY_YOU:
            case DISPUTE_INITIATED_BY_PEER:
                if (p instanceof Payload.Dispute d) {
                    t.disputeId = d.disputeId();
                    return m.action() == Action.DISPUTE_INITIATED_BY_YOU
                            ? new TradeEvent.DisputeInitiatedByYou(d.disputeId())
                            : new TradeEvent.DisputeInitiatedByPeer(d.disputeId());
                }
                break;
            case ADMIN_TOOK_DISPUTE:
                if (p instanceof Payload.Peer peer && !peer.pubkey().isEmpty()) {
                    try {
                        PublicKey.fromHex(peer.pubkey());
                        t.solver = peer.pubkey();
                    } catch (NostrException e) {
                        ignored("admin-took-dispute with an invalid solver key");
                    }
                    return new TradeEvent.AdminTookDispute(peer.pubkey());
                }
                break;
            case ADMIN_SETTLED:
                return new TradeEvent.AdminSettled();
            case ADMIN_CANCELED:
                return new TradeEvent.AdminCanceled();
            case PAYMENT_FAILED:
                if (p instanceof Payload.PaymentFailed f) {
                    return new TradeEvent.PaymentFailed(f.paymentAttempts(), f.paymentRetriesInterval());
                }
                break;
            case INVOICE_UPDATED:
                return new TradeEvent.InvoiceUpdated();
            case TRADE_PUBKEY:
                return new TradeEvent.TradeKeyRotated(t.key.publicKey().toHex());
            case BOND_SLASHED:
            case ADD_BOND_INVOICE:
            case BOND_INVOICE_ACCEPTED:
            case BOND_PAYOUT_COMPLETED:
                return new TradeEvent.BondNotice(m.action(), p);
            default:
                break;
        }
        return new TradeEvent.Other(m.action(), p);
    }

    private void emit(TradeImpl t, TradeEvent e) {
        t.events.add(e);
        while (t.events.size() > MAX_TRADE_EVENTS) {
            t.events.remove(0);
        }
        t.offerToAwaiters(e);
        for (TradeListener l : t.listeners) {
            callbacks.execute(() -> l.onEvent(t, e));
        }
        callbacks.execute(() -> listener.onTradeEvent(t, e));
    }

    // ------------------------------------------------------------------ outbound

    private long newRequestId() {
        long id;
        do {
            id = random.nextLong() & 0x1F_FFFF_FFFF_FFFFL; // 53 bits: exact in every JSON implementation
        } while (id == 0 || pending.containsKey(id));
        return id;
    }

    /** Sends {@code mb} from {@code s} to its node and waits for the matching answer. */
    private CompletableFuture<Reply> send(MostroNodeInfo info, Slot s, Message.Builder mb, UUID orderId,
            Runnable onCantDo) {
        ensureOpen();
        Transport transport = Transport.forProtocolVersion(info.protocolVersion());
        Pending p;
        Message msg;
        SenderKeys sender;
        synchronized (lock) {
            subscribe(s);
            long rid = newRequestId();
            msg = mb.requestId(rid).version(transport.protocolVersion()).build();
            ValidationResult v = msg.validate();
            if (!v.isValid()) {
                return CompletableFuture.failedFuture(new ClientStateException(
                        "Mostro would drop this " + msg.action().wireName() + ": " + v.problems()));
            }
            PowPolicy pow = new PowPolicy(info.pow(), info.powFirstContact());
            int bits = firstContact(s) ? pow.firstContactDifficulty() : pow.pow();
            if (s.firstUsedAt == 0) {
                s.firstUsedAt = now();
                if (s.trade != null) {
                    s.trade.firstUsedAt = s.firstUsedAt;
                    persist(s.trade);
                }
            }
            p = new Pending(rid, s, msg.action(), orderId, bits);
            p.onCantDo = onCantDo;
            pending.put(rid, p);
            sender = mode == PrivacyMode.REPUTATION ? SenderKeys.reputation(s.key, keys.identityKey())
                    : SenderKeys.fullPrivacy(s.key);
        }
        WrapOptions opts = WrapOptions.builder().clock(clock).pow(p.pow).build();
        transport.wrapRequestAsync(msg, sender, info.pubkey(), opts)
                .thenCompose(pool::publish)
                .whenComplete((res, err) -> published(p, res, err));
        return p.future;
    }

    private void published(Pending p, PublishResult res, Throwable err) {
        if (err != null || res == null || !res.acceptedByAny()) {
            synchronized (lock) {
                // Nothing reached the node: undo what the request set up (as on cant-do), so it can be retried.
                if (pending.remove(p.requestId) != null && p.onCantDo != null && !closed) {
                    try {
                        p.onCantDo.run();
                    } catch (RuntimeException e) {
                        ignored("cleanup after the failed " + p.action.wireName() + " publish: " + e);
                    }
                }
            }
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            NostrException ex = cause instanceof NostrException n ? n
                    : new TransportException("no relay accepted the " + p.action.wireName() + " request"
                            + (res == null ? "" : ": " + res.replies()), cause);
            callbacks.execute(() -> p.future.completeExceptionally(ex));
            return;
        }
        synchronized (lock) {
            p.relays = res.acceptedBy().toString();
            if (!pending.containsKey(p.requestId) || closed) {
                return;
            }
            p.timeout = timer.schedule(() -> timedOut(p), timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void timedOut(Pending p) {
        synchronized (lock) {
            if (pending.remove(p.requestId) == null) {
                return;
            }
        }
        NoAnswerException ex = new NoAnswerException(p.action, timeout, likelyCauses(p));
        callbacks.execute(() -> p.future.completeExceptionally(ex));
    }

    private List<String> likelyCauses(Pending p) {
        List<String> c = new ArrayList<>();
        MostroNodeInfo info;
        TradeImpl t;
        synchronized (lock) {
            info = nodes.get(p.slot.node);
            t = p.orderId == null ? p.slot.trade : trades.get(p.orderId);
        }
        if (t != null && p.action != Action.ORDERS) {
            Transition pr = t.tracker.predict(p.action, network.mostro.protocol.state.RequestFacts.DEFAULT);
            if (!(pr instanceof Transition.Allowed)) {
                c.add("wrong status: the order is tracked as " + t.status.wireName() + " and the state machine says "
                        + p.action.wireName() + " is " + (pr instanceof Transition.Ignored ? "dropped silently"
                                : "refused") + " there (" + pr.rule() + ")");
            }
        }
        if (p.action == Action.NEW_ORDER || p.action == Action.TAKE_SELL || p.action == Action.TAKE_BUY) {
            c.add("stale trade index: index " + p.slot.index + " may already have been used by another device with"
                    + " this mnemonic (or an unknown identity sent index 0); run restore() to resynchronise");
        }
        c.add("proof of work: the node requires " + (info == null ? "?" : info.pow()) + " bits (first contact "
                + (info == null ? "?" : info.powFirstContact()) + "); this request carried " + p.pow + " bits");
        c.add("clock skew: requests older than 10 s on arrival are dropped; check this device's clock (sent at "
                + now() + ")");
        c.add("signature or identity proof rejected, or the message failed the node's structural check");
        c.add("silent drop by the node (internal error such as a price source outage, an existing dispute, a"
                + " duplicate)");
        c.add("relays: the request reached " + p.relays + "; the node or its answer may use other relays");
        return c;
    }

    private static MessageType typeFor(Action a) {
        return a == Action.RESTORE_SESSION || a == Action.LAST_TRADE_INDEX ? MessageType.RESTORE : MessageType.ORDER;
    }

    public CompletionStage<Trade> createOrder(PublicKey node, NewOrder order) {
        ensureOpen();
        return usableNode(node).thenCompose(info -> {
            TradeKey tk = keys.nextTradeKey();
            Slot s = newSlot(tk.privateKey(), tk.index(), node);
            synchronized (lock) {
                s.pendingCreate = order;
            }
            Message.Builder mb = Message.builder(Action.NEW_ORDER).type(typeFor(Action.NEW_ORDER))
                    .tradeIndex(mode == PrivacyMode.REPUTATION ? tk.index() : null)
                    .payload(new Payload.Order(order.toSmallOrder()));
            return send(info, s, mb, null, () -> unsubscribe(s)).thenApply(r -> {
                if (r.trade() == null) {
                    throw new ClientStateException("Mostro answered new-order with " + r.message().action().wireName()
                            + " (bond required? pay the bond invoice; the order appears once it is locked)");
                }
                return (Trade) r.trade();
            });
        });
    }

    public CompletionStage<Trade> take(PublicKey node, UUID orderId, OrderKind kind, TakeOptions opts,
            OrderBookEntry entry) {
        ensureOpen();
        if (orderId == null || kind == null) {
            throw new ClientStateException("order id and kind are required");
        }
        if (opts.invoice() != null && kind == OrderKind.BUY) {
            throw new ClientStateException("take-buy carries no invoice: the seller pays, the buyer already chose");
        }
        return usableNode(node).thenCompose(info -> {
            TradeKey tk = keys.nextTradeKey();
            Slot s = newSlot(tk.privateKey(), tk.index(), node);
            boolean range = opts.fiatAmount() != null || (entry != null && entry.isRange());
            boolean market = entry == null || entry.isMarketPrice();
            TradeContext ctx = TradeContext.builder().bondPolicy(bondPolicy(info)).range(range).market(market)
                    .build();
            TradeImpl t = new TradeImpl(this, orderId, node, kind, TradeRole.TAKER, tk.index(), tk.privateKey(),
                    new StatusTracker(new OrderState(kind, OrderStatus.PENDING, ctx), Party.taker(kind), false));
            synchronized (lock) {
                TradeImpl old = trades.get(orderId);
                if (old != null && !(old.role == TradeRole.TAKER && old.status == OrderStatus.CANCELED)) {
                    unsubscribe(s);
                    return CompletableFuture.failedFuture(new ClientStateException("order " + orderId
                            + " is already one of this client's trades"));
                }
                s.trade = t;
                trades.put(orderId, t);
                persist(t);
            }
            Action a = kind == OrderKind.SELL ? Action.TAKE_SELL : Action.TAKE_BUY;
            Payload payload = null;
            if (opts.invoice() != null) {
                payload = new Payload.PaymentRequest(null, opts.invoice(), opts.fiatAmount());
            } else if (opts.fiatAmount() != null) {
                payload = new Payload.Amount(opts.fiatAmount());
            }
            Message.Builder mb = Message.builder(a).id(orderId)
                    .tradeIndex(mode == PrivacyMode.REPUTATION ? tk.index() : null).payload(payload);
            return send(info, s, mb, orderId, () -> {
                trades.remove(orderId);
                t.status = OrderStatus.CANCELED;
                persist(t);
                unsubscribe(s);
            }).thenApply(r -> {
                callbacks.execute(() -> listener.onNewTrade(t));
                return (Trade) t;
            });
        });
    }

    /** A request about an existing trade, sent from its trade key. */
    CompletionStage<TradeEvent> tradeRequest(TradeImpl t, Action action, Payload payload) {
        ensureOpen();
        return usableNode(t.node).thenCompose(info -> {
            Slot s;
            Payload pl = payload;
            synchronized (lock) {
                s = slotOf(t);
                if (pl == null && t.role == TradeRole.MAKER && t.order != null && t.order.isRange()
                        && ((action == Action.RELEASE && t.kind == OrderKind.SELL)
                                || (action == Action.FIAT_SENT && t.kind == OrderKind.BUY))
                        && t.tracker.state().context().rangeRemainder()) {
                    TradeKey next = keys.nextTradeKey();
                    Slot ns = new Slot(next.privateKey(), next.index(), t.node);
                    ns.childOf = t.orderId;
                    slots.put(next.publicKey(), ns);
                    subscribe(ns);
                    t.nextTradeIndex = next.index();
                    pl = new Payload.NextTrade(next.publicKey().toHex(), next.index());
                    persist(t);
                }
            }
            Message.Builder mb = Message.builder(action).id(t.orderId).payload(pl);
            return send(info, s, mb, t.orderId, null).thenApply(r -> r.event() != null ? r.event()
                    : new TradeEvent.Other(r.message().action(), r.message().payload()));
        });
    }

    private Slot slotOf(TradeImpl t) {
        Slot s = slots.get(t.key.publicKey());
        if (s == null) {
            s = new Slot(t.key, t.tradeIndex, t.node);
            s.trade = t;
            s.firstUsedAt = t.firstUsedAt;
            slots.put(t.key.publicKey(), s);
        }
        return s;
    }

    CompletionStage<TradeEvent> rotateTradeKey(TradeImpl t) {
        ensureOpen();
        if (t.role != TradeRole.MAKER) {
            throw new ClientStateException("only the maker can move an order to a new trade key");
        }
        return usableNode(t.node).thenCompose(info -> {
            TradeKey next = keys.nextTradeKey();
            Slot ns = newSlot(next.privateKey(), next.index(), t.node);
            synchronized (lock) {
                ns.trade = t;
            }
            Message.Builder mb = Message.builder(Action.TRADE_PUBKEY).id(t.orderId);
            CompletableFuture<Reply> f = send(info, ns, mb, t.orderId, () -> unsubscribe(ns));
            return f.thenApply(r -> {
                synchronized (lock) {
                    Slot old = slots.get(t.key.publicKey());
                    t.key = next.privateKey();
                    t.tradeIndex = next.index();
                    t.firstUsedAt = ns.firstUsedAt;
                    persist(t);
                    if (old != null && old != ns) {
                        unsubscribe(old);
                    }
                }
                return r.event() != null ? r.event() : new TradeEvent.TradeKeyRotated(next.publicKey().toHex());
            });
        });
    }

    CompletionStage<SmallOrder> refresh(TradeImpl t) {
        ensureOpen();
        return usableNode(t.node).thenCompose(info -> {
            Slot s;
            synchronized (lock) {
                s = slotOf(t);
            }
            Message.Builder mb = Message.builder(Action.ORDERS).payload(new Payload.Ids(List.of(t.orderId)));
            return send(info, s, mb, t.orderId, null).thenApply(r -> {
                if (r.message().payload() instanceof Payload.Orders os) {
                    for (SmallOrder o : os.orders()) {
                        if (t.orderId.equals(o.id())) {
                            return o;
                        }
                    }
                }
                throw new CantDoException(Action.ORDERS, CantDoReason.NOT_FOUND.wireName(), t.orderId);
            });
        });
    }

    /** A temporary key for requests not tied to a trade (restore, orders): the identity proof carries ownership. */
    private Slot ephemeral(PublicKey node) {
        return newSlot(PrivateKey.generate(random), 0, node);
    }

    public CompletionStage<List<SmallOrder>> orders(PublicKey node, List<UUID> ids) {
        ensureOpen();
        if (mode != PrivacyMode.REPUTATION) {
            throw new ClientStateException("orders by id needs reputation mode; use Trade.refresh() in full privacy");
        }
        if (ids == null || ids.isEmpty()) {
            throw new ClientStateException("at least one order id is required");
        }
        return usableNode(node).thenCompose(info -> {
            Slot s = ephemeral(node);
            return fetchOrders(info, s, ids).whenComplete((r, e) -> unsubscribe(s));
        });
    }

    private CompletableFuture<List<SmallOrder>> fetchOrders(MostroNodeInfo info, Slot s, List<UUID> ids) {
        int chunk = (int) Math.max(1, Math.min(100, info.maxOrdersPerResponse() == null ? 10
                : info.maxOrdersPerResponse()));
        CompletableFuture<List<SmallOrder>> all = CompletableFuture.completedFuture(new ArrayList<>());
        for (int i = 0; i < ids.size(); i += chunk) {
            List<UUID> part = List.copyOf(ids.subList(i, Math.min(ids.size(), i + chunk)));
            all = all.thenCompose(acc -> send(info, s, Message.builder(Action.ORDERS)
                    .payload(new Payload.Ids(part)), null, null).handle((r, e) -> {
                        if (e != null) {
                            Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                            if (c instanceof CantDoException cd
                                    && cd.reason().orElse(null) == CantDoReason.NOT_FOUND) {
                                return acc;
                            }
                            throw c instanceof RuntimeException re ? re : new CompletionException(c);
                        }
                        if (r.message().payload() instanceof Payload.Orders os) {
                            acc.addAll(os.orders());
                        }
                        return acc;
                    }));
        }
        return all;
    }

    public CompletionStage<RestoreResult> restore(PublicKey node) {
        ensureOpen();
        if (mode != PrivacyMode.REPUTATION) {
            throw new ClientStateException("restore needs reputation mode: in full privacy the node knows no identity");
        }
        return usableNode(node).thenCompose(info -> {
            Slot s = ephemeral(node);
            Long[] last = {null};
            CompletableFuture<RestoreResult> f = send(info, s, Message.builder(Action.LAST_TRADE_INDEX)
                    .type(MessageType.RESTORE), null, null).handle((r, e) -> {
                        if (e == null) {
                            last[0] = r.message().tradeIndex();
                            return null;
                        }
                        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        if (c instanceof CantDoException) {
                            return null; // unknown user (not_found) or index 0 (invalid_trade_index)
                        }
                        throw c instanceof RuntimeException re ? re : new CompletionException(c);
                    })
                    .thenCompose(x -> send(info, s, Message.builder(Action.RESTORE_SESSION).type(MessageType.RESTORE),
                            null, null))
                    .thenCompose(r -> {
                        Payload.RestoreData data = r.message().payload() instanceof Payload.RestoreData d ? d
                                : new Payload.RestoreData(List.of(), List.of());
                        if (last[0] != null && last[0] >= 0) {
                            keys.restoreLastTradeIndex(last[0]);
                        }
                        Map<UUID, Long> index = new LinkedHashMap<>();
                        for (RestoredOrder o : data.orders()) {
                            index.put(o.orderId(), o.tradeIndex());
                        }
                        for (RestoredDispute d : data.disputes()) {
                            index.put(d.orderId(), d.tradeIndex());
                        }
                        List<Long> valid = index.values().stream().filter(i -> i >= 1 && i <= 0x7fffffffL).toList();
                        keys.restoreTradeKeys(valid);
                        if (index.isEmpty()) {
                            return CompletableFuture.completedFuture(finishRestore(node, last[0], data, List.of(),
                                    index));
                        }
                        return fetchOrders(info, s, new ArrayList<>(index.keySet()))
                                .thenApply(orders -> finishRestore(node, last[0], data, orders, index));
                    });
            return f.whenComplete((r, e) -> unsubscribe(s));
        });
    }

    private RestoreResult finishRestore(PublicKey node, Long last, Payload.RestoreData data, List<SmallOrder> orders,
            Map<UUID, Long> index) {
        List<Trade> out = new ArrayList<>();
        synchronized (lock) {
            for (SmallOrder o : orders) {
                Long idx = index.get(o.id());
                if (o.id() == null || idx == null || idx < 1 || o.kind() == null) {
                    continue;
                }
                TradeImpl existing = trades.get(o.id());
                if (existing != null) {
                    out.add(existing);
                    continue;
                }
                TradeKey tk = keys.tradeKey(idx);
                String pub = tk.publicKey().toHex();
                Party party = pub.equals(o.buyerTradePubkey()) ? Party.BUYER
                        : pub.equals(o.sellerTradePubkey()) ? Party.SELLER : Party.maker(o.kind());
                TradeRole role = party == Party.maker(o.kind()) ? TradeRole.MAKER : TradeRole.TAKER;
                OrderStatus st = o.status() != null ? o.status() : OrderStatus.PENDING;
                for (RestoredOrder ro : data.orders()) {
                    if (ro.orderId().equals(o.id()) && ro.knownStatus().isPresent()) {
                        st = ro.knownStatus().get();
                    }
                }
                MostroNodeInfo info = nodes.get(node);
                TradeContext base = TradeContext.builder().bondPolicy(bondPolicy(info)).market(o.premium() != 0)
                        .build();
                OrderState state = StatusTracker.restoredState(o.kind(), st, o, base);
                TradeImpl t = new TradeImpl(this, o.id(), node, o.kind(), role, idx, tk.privateKey(),
                        new StatusTracker(state, party, role == TradeRole.MAKER));
                t.order = o;
                String other = party == Party.BUYER ? o.sellerTradePubkey() : o.buyerTradePubkey();
                t.peer = other == null || other.isEmpty() ? null : other;
                t.firstUsedAt = now() - FIRST_CONTACT_WINDOW - 1;
                for (RestoredDispute d : data.disputes()) {
                    if (d.orderId().equals(o.id())) {
                        t.disputeId = d.disputeId();
                        t.solver = d.solverPubkey();
                    }
                }
                trades.put(t.orderId, t);
                Slot s = new Slot(tk.privateKey(), idx, node);
                s.trade = t;
                s.firstUsedAt = t.firstUsedAt;
                slots.put(tk.publicKey(), s);
                subscribe(s, now());
                if (t.peer != null) {
                    openPeerChat(t);
                }
                if (t.solver != null) {
                    openDisputeChat(t);
                }
                persist(t);
                out.add(t);
                callbacks.execute(() -> listener.onNewTrade(t));
            }
        }
        return new RestoreResult(node, last, keys.lastUsedIndex(), out, data.disputes());
    }

    private void loadTrade(TradeRecord r) {
        PublicKey node = PublicKey.fromHex(r.node());
        TradeKey tk = keys.tradeKey(r.tradeIndex());
        Party party = r.role() == TradeRole.MAKER ? Party.maker(r.kind()) : Party.taker(r.kind());
        OrderState state = new OrderState(r.kind(), r.status(), ContextCodec.decode(r.context()));
        TradeImpl t = new TradeImpl(this, r.orderId(), node, r.kind(), r.role(), r.tradeIndex(), tk.privateKey(),
                new StatusTracker(state, party, r.role() == TradeRole.MAKER));
        t.order = r.order();
        t.peer = r.peerTradePubkey();
        t.holdInvoice = r.holdInvoice();
        t.disputeId = r.disputeId();
        t.solver = r.solverPubkey();
        t.firstUsedAt = r.firstUsedAt();
        t.parentOrderId = r.parentOrderId();
        t.nextTradeIndex = r.nextTradeIndex();
        trades.put(t.orderId, t);
        Slot s = new Slot(tk.privateKey(), r.tradeIndex(), node);
        s.trade = t;
        s.firstUsedAt = r.firstUsedAt();
        slots.put(tk.publicKey(), s);
        if (t.awaitsMessages()) {
            // a finished trade still hears rate / rate-received (or a bond payout) until that is done too
            subscribe(s);
            if (r.nextTradeIndex() != null) {
                TradeKey nk = keys.tradeKey(r.nextTradeIndex());
                if (!slots.containsKey(nk.publicKey())) {
                    Slot ns = new Slot(nk.privateKey(), nk.index(), node);
                    ns.childOf = t.orderId;
                    slots.put(nk.publicKey(), ns);
                    subscribe(ns);
                }
            }
        }
        if (t.peer != null) {
            openPeerChat(t);
        }
        if (t.solver != null) {
            openDisputeChat(t);
        }
    }

    // ------------------------------------------------------------------ chat

    private void openPeerChat(TradeImpl t) {
        PublicKey peer;
        try {
            peer = PublicKey.fromHex(t.peer);
        } catch (NostrException e) {
            ignored("counterparty key of " + t.orderId + " is not a valid key");
            t.peer = null;
            return;
        }
        ChatKeys ck = ChatKeys.derive(t.key, peer);
        ChatReceiver rx = ChatReceiver.builder(ck).acceptedSenders(List.of(t.key.publicKey(), peer)).clock(clock)
                .innerDedup(chatIds).build();
        TradeChatImpl c = new TradeChatImpl(t, network.mostro.client.ChatChannel.PEER, peer, t.key, ck, rx,
                LegacyChat.sharedKey(t.key, peer));
        t.peerChat = c;
        c.subscription = pool.subscribe(List.of(
                Filter.builder().kinds(Chat.OUTER_KIND).authors(ck.signingPublicKey()).build(),
                Filter.builder().kinds(LegacyChat.OUTER_KIND).tag('p', c.legacyShared.publicKey().toHex()).build()),
                (e, relay) -> guarded("chat event " + e.id(), () -> onChatEvent(c, e)));
    }

    private void openDisputeChat(TradeImpl t) {
        PublicKey solver;
        try {
            solver = PublicKey.fromHex(t.solver);
        } catch (NostrException e) {
            t.solver = null;
            return;
        }
        ChatKeys ck = ChatKeys.derive(t.key, solver);
        ChatReceiver rx = ChatReceiver.builder(ck).acceptedSenders(List.of(t.key.publicKey(), solver)).clock(clock)
                .innerDedup(chatIds).build();
        TradeChatImpl c = new TradeChatImpl(t, ChatChannel.DISPUTE, solver, t.key, ck, rx, null);
        t.disputeChat = c;
        c.subscription = pool.subscribe(List.of(
                Filter.builder().kinds(Chat.OUTER_KIND).authors(ck.signingPublicKey()).build()),
                (e, relay) -> guarded("chat event " + e.id(), () -> onChatEvent(c, e)));
    }

    private void onChatEvent(TradeChatImpl c, Event e) {
        if (closed) {
            return;
        }
        ChatMessage m;
        ChatChannel channel = c.channel;
        try {
            if (e.kind() == LegacyChat.OUTER_KIND && c.legacyShared != null) {
                m = LegacyChat.unwrap(e, c.legacyShared, List.of(c.own.publicKey(), c.peer));
                channel = ChatChannel.LEGACY;
                if (!store.markProcessed("chat:" + m.inner().id())) {
                    return;
                }
            } else {
                m = c.receiver.receive(e);
            }
        } catch (NostrException ex) {
            if (!(ex instanceof network.mostro.protocol.transport.ChatRejectedException r)
                    || (r.reason() != network.mostro.protocol.transport.ChatRejectedException.Reason.DUPLICATE_INNER
                    && r.reason() != network.mostro.protocol.transport.ChatRejectedException.Reason.DUPLICATE_OUTER)) {
                ignored("chat event " + e.id() + " rejected: " + ex.getMessage());
            }
            return;
        }
        ChatEntry entry = new ChatEntry(c.trade.orderId, channel, m.sender().toHex(),
                m.sender().equals(c.own.publicKey()), m.text(), m.createdAt(), m.inner().id());
        synchronized (lock) {
            try {
                store.appendChat(entry, chatHistoryLimit);
            } finally {
                // delivered even when the store failed (reported through onStoreFailure)
                emit(c.trade, new TradeEvent.ChatReceived(entry));
            }
        }
    }

    CompletionStage<ChatEntry> sendChat(TradeChatImpl c, String text) {
        ensureOpen();
        if (text == null || text.isEmpty()) {
            throw new ClientStateException("chat text must not be empty");
        }
        Event ev = Chat.wrap(text, c.own, c.keys, WrapOptions.builder().clock(clock).build());
        Event inner;
        try {
            inner = Event.fromJson(network.mostro.nostr.Nip44.decrypt(ev.content(),
                    network.mostro.nostr.Nip44.conversationKey(c.keys.conversationKey(),
                            c.keys.conversationPublicKey())));
        } catch (NostrException e) {
            throw new ClientStateException("chat message could not be built", e);
        }
        ChatEntry entry = new ChatEntry(c.trade.orderId, c.channel, c.own.publicKey().toHex(), true, text,
                inner.createdAt(), inner.id());
        synchronized (lock) {
            chatIds.add(inner.id());
            store.appendChat(entry, chatHistoryLimit);
        }
        return pool.publish(ev).thenApply(r -> {
            if (!r.acceptedByAny()) {
                throw new TransportException("no relay accepted the chat message: " + r.replies());
            }
            return entry;
        });
    }

    // ------------------------------------------------------------------ accessors

    public List<Trade> trades() {
        synchronized (lock) {
            return List.copyOf(trades.values());
        }
    }

    public Optional<Trade> trade(UUID orderId) {
        synchronized (lock) {
            return Optional.ofNullable(trades.get(orderId));
        }
    }

    public PublicKey identityPublicKey() {
        return keys.identityPublicKey();
    }

    public PrivacyMode privacyMode() {
        return mode;
    }

    public long lastTradeIndex() {
        return keys.lastUsedIndex();
    }

    /** Closes every key and chat subscription. */
    private void closeTradeSubscriptions() {
        List<Slot> ss;
        List<TradeImpl> ts;
        synchronized (lock) {
            ss = new ArrayList<>(slots.values());
            ts = new ArrayList<>(trades.values());
        }
        for (Slot s : ss) {
            if (s.subscription != null) {
                s.subscription.close();
            }
        }
        for (TradeImpl t : ts) {
            for (TradeChatImpl c : new TradeChatImpl[] {t.peerChat, t.disputeChat}) {
                if (c != null && c.subscription != null) {
                    c.subscription.close();
                }
            }
        }
    }

    @Override
    public void close() {
        List<Pending> open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(pending.values());
            pending.clear();
        }
        for (Pending p : open) {
            if (p.timeout != null) {
                p.timeout.cancel(false);
            }
            p.future.completeExceptionally(new ClientStateException("client closed"));
        }
        infoSubscription.close();
        closeTradeSubscriptions();
        for (OrderBookImpl b : books) {
            b.close();
        }
        timer.shutdownNow();
        if (ownsPool) {
            pool.close();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdown();
            try {
                if (!ownExecutor.awaitTermination(2, TimeUnit.SECONDS)) {
                    ownExecutor.shutdownNow();
                }
            } catch (InterruptedException e) {
                ownExecutor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }
}

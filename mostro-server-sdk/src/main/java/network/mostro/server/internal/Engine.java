package network.mostro.server.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import network.mostro.nostr.Event;
import network.mostro.nostr.Nip13;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.PublishResult;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.RelayStatus;
import network.mostro.nostr.relay.Subscription;
import network.mostro.nostr.relay.SubscriptionListener;
import network.mostro.protocol.Action;
import network.mostro.protocol.Amounts;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.DisputeInitiator;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.Fees;
import network.mostro.protocol.Message;
import network.mostro.protocol.MessageType;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.RestoredDispute;
import network.mostro.protocol.RestoredOrder;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.SolverDisputeInfo;
import network.mostro.protocol.UserInfo;
import network.mostro.protocol.event.ExchangeRatesEvent;
import network.mostro.protocol.event.InfoEvent;
import network.mostro.protocol.event.Platform;
import network.mostro.protocol.event.RelayListEvent;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.protocol.lightning.Bolt11Invoice;
import network.mostro.protocol.lightning.InvoiceRequirements;
import network.mostro.protocol.lightning.InvoiceValidator;
import network.mostro.protocol.lightning.PaymentRequestKind;
import network.mostro.protocol.lightning.PaymentRequests;
import network.mostro.protocol.state.DisputeAssignee;
import network.mostro.protocol.state.HoldInvoiceState;
import network.mostro.protocol.state.LightningEffect;
import network.mostro.protocol.state.Notification;
import network.mostro.protocol.state.OrderEffect;
import network.mostro.protocol.state.OrderState;
import network.mostro.protocol.state.OrderStateMachine;
import network.mostro.protocol.state.Party;
import network.mostro.protocol.state.RangeOrders;
import network.mostro.protocol.state.Recipient;
import network.mostro.protocol.state.RequestFacts;
import network.mostro.protocol.state.Role;
import network.mostro.protocol.state.SystemEvent;
import network.mostro.protocol.state.TradeContext;
import network.mostro.protocol.state.Transition;
import network.mostro.protocol.state.Trigger;
import network.mostro.protocol.transport.FreshnessWindow;
import network.mostro.protocol.transport.Inbound;
import network.mostro.protocol.transport.KnownKeySet;
import network.mostro.protocol.transport.PowPolicy;
import network.mostro.protocol.transport.ReplayWindow;
import network.mostro.protocol.transport.Transport;
import network.mostro.protocol.transport.UnwrapException;
import network.mostro.protocol.transport.UnwrapOptions;
import network.mostro.protocol.transport.WrapOptions;
import network.mostro.server.DropReason;
import network.mostro.server.NodeCounters;
import network.mostro.server.NodeHealth;
import network.mostro.server.NodeListener;
import network.mostro.server.NodeSettings;
import network.mostro.server.TransportVersion;
import network.mostro.server.lightning.HoldInvoice;
import network.mostro.server.lightning.HoldInvoiceRequest;
import network.mostro.server.lightning.InvoiceListener;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.InvoiceSubscription;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.NodeInfo;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lnurl.LnurlPay;
import network.mostro.server.price.PriceSource;
import network.mostro.server.store.DisputeRecord;
import network.mostro.server.store.OrderRecord;
import network.mostro.server.store.OrderStore;
import network.mostro.server.store.OutboxEntry;
import network.mostro.server.store.SolverRecord;
import network.mostro.server.store.UserRecord;
import network.mostro.server.store.Write;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node: inbound pipeline (SPEC §3.6), handlers driven by {@link OrderStateMachine}, the transactional outbox,
 * Lightning effects, payouts and the scheduler. Not public API; {@code MostroNode} wraps it. Thread-safe.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final long DAY = 86_400L;
    private static final int MAX_ATTEMPTS = 50;
    /** Cap of the outbox retry back-off: entries are never dropped, they are retried at least every 5 minutes. */
    private static final long MAX_PUBLISH_BACKOFF = 300;
    /**
     * Conversation keys (node key, trade key) kept for reuse: enough for the trade keys of several thousand trades
     * in flight, about 2-3 MiB at most; evicted keys are zeroed by the cache.
     */
    static final int CONVERSATION_KEY_CACHE_SIZE = 8192;
    /** Inbound events queued for handlers beyond which new ones are dropped ({@link DropReason#OVERLOADED}). */
    private static final int MAX_INBOUND_PENDING = 8_000;
    /** The default handler pool has max(this, 8 × cores) threads. */
    static final int DEFAULT_MIN_THREADS = 32;
    private static final String META_SINCE = "inbound.since";
    private static final Set<OrderStatus> NON_TERMINAL = EnumSet.of(OrderStatus.PENDING,
            OrderStatus.WAITING_TAKER_BOND, OrderStatus.WAITING_MAKER_BOND, OrderStatus.WAITING_BUYER_INVOICE,
            OrderStatus.WAITING_PAYMENT, OrderStatus.ACTIVE, OrderStatus.FIAT_SENT, OrderStatus.DISPUTE,
            OrderStatus.SETTLED_HOLD_INVOICE);

    /** Everything the builder collected. */
    public record Config(PrivateKey nodeKey, List<URI> relays, RelayPool relayPool, NodeSettings settings,
            LightningBackend lightning, OrderStore store, PriceSource priceSource, LnurlPay lnurl, Clock clock,
            Executor executor, boolean autoTick, NodeListener listener) {}

    final PrivateKey nodeKey;
    final PublicKey nodePub;
    private final String nodeHex;
    final NodeSettings s;
    final LightningBackend ln;
    final OrderStore store;
    final LnurlPay lnurl;
    final Clock clock;
    final Executor executor;
    private final ExecutorService ownExecutor;
    private final boolean autoTick;
    private final NodeListener listener;
    private final List<URI> relayUris;
    private final Transport transport;
    final OrderStateMachine sm = OrderStateMachine.standard();
    private final ReplayWindow replay;
    private final FreshnessWindow freshness;
    private final KnownKeySet known = new KnownKeySet();
    private final PowPolicy powPolicy;
    final Counters counters = new Counters();
    private final PriceCache prices;
    private final SecureRandom random = new SecureRandom();
    private final Object[] stripes = new Object[64];
    private final ReentrantLock[] userLocks = new ReentrantLock[64];
    private final Map<UUID, InvoiceSubscription> invoiceSubs = new ConcurrentHashMap<>();
    final Set<UUID> payoutsRunning = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> nextRun = new HashMap<>();
    private final AtomicLong maxSeen = new AtomicLong();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final AtomicInteger flushRequests = new AtomicInteger();
    private final AtomicBoolean lightningOk = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean devFeeRunning = new AtomicBoolean();
    private volatile CompletableFuture<Void> devFeeRun = CompletableFuture.completedFuture(null);
    /** Hold invoices whose settle (value: preimage) or cancel (value: "") failed after commit; retried every 60 s. */
    private final Map<String, String> escrowRetries = new ConcurrentHashMap<>();
    private final AtomicInteger inboundPending = new AtomicInteger();
    /** Outbox entries waiting for a publish retry; no later entry is published before the oldest of them. */
    private final java.util.concurrent.ConcurrentSkipListSet<Long> retrying =
            new java.util.concurrent.ConcurrentSkipListSet<>();
    private final Payouts payouts;
    /**
     * One cache for both directions: the reply to a request goes to the trade key that just sent it, so the NIP-44
     * key agreement of {@code wrapReply} is the one {@code unwrap} already did.
     */
    private final Nip44.ConversationKeyCache conversationKeys =
            new Nip44.ConversationKeyCache(CONVERSATION_KEY_CACHE_SIZE);
    /** How step 4 opens an event: no re-verification (step 3 did it, here or in the own pool), shared key cache. */
    private final UnwrapOptions unwrapOptions;
    /**
     * True when every inbound event arrives through a relay pool this engine built itself, which verifies the id and
     * signature of each event before delivering it ({@code verifyEvents(true)}), so step 3 need not verify again. A
     * caller-supplied pool may have verification off, so its events are always verified here.
     */
    private final boolean poolVerifiesEvents;

    private volatile RelayPool pool;
    private final boolean ownPool;
    private volatile Subscription subscription;
    volatile NodeInfo nodeInfo;
    private volatile boolean running;
    volatile boolean closed;
    private volatile long lastTick;
    private volatile ScheduledExecutorService ticker;
    /**
     * The outbox flusher's own thread: replies and public events go out as soon as their commit is done, instead of
     * waiting in the handlers' queue behind inbound events that are not yet handled.
     */
    private final ExecutorService flusher;

    /** Builds the engine; nothing runs until {@link #start()}. */
    public Engine(Config c) {
        this.nodeKey = c.nodeKey();
        this.nodePub = nodeKey.publicKey();
        this.nodeHex = nodePub.toHex();
        this.s = c.settings();
        this.ln = c.lightning();
        this.store = c.store();
        this.lnurl = c.lnurl();
        this.clock = c.clock();
        this.autoTick = c.autoTick();
        this.listener = c.listener();
        if (c.executor() != null) {
            this.executor = c.executor();
            this.ownExecutor = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            // Handlers spend most of their time blocked, not computing: on the store's commit (an fsync shared by a
            // group of commits, so more waiting handlers make larger groups) and on Lightning calls (LND is a network
            // round trip). Few threads leave cores idle while every handler waits; measured on 2 cores with SQLite
            // (docs/performance.md): 4 threads 651 msg/s, 16 795, 32 830, 64 741.
            int threads = Math.max(DEFAULT_MIN_THREADS, Runtime.getRuntime().availableProcessors() * 8);
            // bounded: at most MAX_INBOUND_PENDING inbound events wait for a handler (more are dropped and counted as
            // OVERLOADED, never run on the relay callback thread); the rest of the queue is room for payouts,
            // flushes and invoice updates. A full queue rejects (AbortPolicy); every submitter handles that.
            this.ownExecutor = new java.util.concurrent.ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                    new java.util.concurrent.ArrayBlockingQueue<>(10_000), r -> {
                        Thread t = new Thread(r, "mostro-node-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }, new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
            this.executor = ownExecutor;
        }
        this.flusher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mostro-node-outbox");
            t.setDaemon(true);
            return t;
        });
        this.pool = c.relayPool();
        this.ownPool = c.relayPool() == null;
        this.poolVerifiesEvents = ownPool;
        this.unwrapOptions =
                UnwrapOptions.defaults().withoutEventVerification().withConversationKeyCache(conversationKeys);
        this.relayUris = c.relayPool() != null ? List.copyOf(c.relayPool().relays()) : List.copyOf(c.relays());
        this.transport = s.transport() == TransportVersion.V1 ? Transport.v1() : Transport.v2();
        this.replay = ReplayWindow.standard(clock);
        this.freshness = FreshnessWindow.standard(clock);
        this.powPolicy = new PowPolicy(s.pow(), s.effectivePowFirstContact());
        this.prices = new PriceCache(c.priceSource(), clock, s.maxPriceStalenessSeconds());
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
            userLocks[i] = new ReentrantLock();
        }
        this.payouts = new Payouts(this);
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /** The node's public key. */
    public PublicKey publicKey() {
        return nodePub;
    }

    /** Starts the node (SPEC §10.1 resubscription, relay subscription with {@code since}, info publication). */
    public CompletionStage<Void> start() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("node is closed"));
        }
        if (!started.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new IllegalStateException("node already started"));
        }
        try {
            return CompletableFuture.runAsync(() -> {
                try {
                    doStart();
                } catch (RuntimeException | Error e) {
                    cleanUpFailedStart();
                    throw e;
                }
            }, executor);
        } catch (RuntimeException e) {
            started.set(false);
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Undoes what a failed {@link #doStart()} set up, so that {@link #start()} may be called again. */
    private void cleanUpFailedStart() {
        running = false;
        ScheduledExecutorService t = ticker;
        ticker = null;
        if (t != null) {
            t.shutdownNow();
        }
        Subscription sub = subscription;
        subscription = null;
        if (sub != null) {
            runQuietly(sub::close);
        }
        invoiceSubs.values().forEach(x -> runQuietly(x::close));
        invoiceSubs.clear();
        if (ownPool) {
            RelayPool p = pool;
            pool = null;
            if (p != null) {
                runQuietly(p::close);
            }
        }
        started.set(false);
    }

    private void doStart() {
        if (closed) {
            throw new IllegalStateException("node is closed");
        }
        rebuildRetrying();
        nodeInfo = join(ln.getInfo());
        lightningOk.set(true);
        prices.refresh();
        refreshKnownKeys();
        reconcileLightning();
        if (pool == null) {
            // verifyEvents(true) is what lets the pipeline skip its own check (poolVerifiesEvents)
            pool = RelayPool.builder().relays(relayUris).verifyEvents(true).build();
        }
        long now = now();
        long since = store.meta(META_SINCE).map(Long::parseLong).map(v -> v - 60).orElse(now - 10);
        if (s.transport() == TransportVersion.V1) {
            since = Math.min(since, now) - 2 * DAY - 60; // gift wraps carry a created_at randomised up to 2 days back
        }
        maxSeen.set(store.meta(META_SINCE).map(Long::parseLong).orElse(0L));
        Filter f = Filter.builder().kinds(transport.eventKind()).tag('p', nodeHex).since(Math.max(0, since)).build();
        subscription = pool.subscribe(List.of(f), new SubscriptionListener() {
            @Override
            public void onEvent(Event event, URI relay) {
                if (!closed) {
                    admit(event);
                }
            }
        });
        running = true;
        publishMetadata();
        runJobs(true);
        if (autoTick) {
            ScheduledExecutorService t0 = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mostro-node-tick");
                t.setDaemon(true);
                return t;
            });
            ticker = t0;
            t0.scheduleWithFixedDelay(() -> {
                try {
                    tick();
                } catch (RuntimeException e) {
                    LOG.warn("scheduler tick failed", e);
                }
            }, 1, 1, TimeUnit.SECONDS);
        }
        LOG.info("Mostro node {} started ({} relays, {} transport)", nodeHex, relayUris.size(), s.transport());
    }

    /**
     * Asks for an outbox flush and waits until the outbox is empty or {@code timeout} passes (entries not yet due
     * because of a retry back-off count as pending).
     *
     * @return true if the outbox is empty
     */
    public boolean drainOutbox(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed) {
            if (store.outboxSize() == 0) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            requestFlush();
            Thread.sleep(50);
        }
        return store.outboxSize() == 0;
    }

    /** Stops every thread, subscription and (if owned) the relay pool and executor. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        ScheduledExecutorService t = ticker;
        if (t != null) {
            t.shutdownNow();
            awaitQuietly(t, 10);
        }
        Subscription sub = subscription;
        if (sub != null) {
            sub.close();
        }
        invoiceSubs.values().forEach(InvoiceSubscription::close);
        invoiceSubs.clear();
        if (ownExecutor != null) {
            ownExecutor.shutdown();
            awaitQuietly(ownExecutor, 3);
            ownExecutor.shutdownNow();
            awaitQuietly(ownExecutor, 5);
        }
        flusher.shutdownNow();
        awaitQuietly(flusher, 5);
        RelayPool p = pool;
        if (ownPool && p != null) {
            p.close();
        }
    }

    /**
     * Hands an inbound event to a handler thread without ever running it on the relay callback thread: when
     * {@value #MAX_INBOUND_PENDING} events are already waiting, or the executor rejects the task, the event is
     * dropped and counted as {@link DropReason#OVERLOADED} (a relay resends it after a restart; the sender retries).
     */
    void admit(Event event) {
        if (inboundPending.incrementAndGet() > MAX_INBOUND_PENDING) {
            inboundPending.decrementAndGet();
            drop(DropReason.OVERLOADED, event.id(), "handler queue full");
            return;
        }
        try {
            executor.execute(() -> {
                inboundPending.decrementAndGet();
                onInbound(event);
            });
        } catch (RuntimeException e) {
            inboundPending.decrementAndGet();
            drop(DropReason.OVERLOADED, event.id(), e.toString());
        }
    }

    private static void awaitQuietly(ExecutorService e, int seconds) {
        try {
            e.awaitTermination(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counters snapshot. */
    public NodeCounters counters() {
        return counters.snapshot(store.outboxSize(), retrying.size());
    }

    /** Health snapshot. */
    public NodeHealth health() {
        int connected = 0;
        RelayPool p = pool;
        if (p != null) {
            for (RelayStatus st : p.statuses().values()) {
                if (st == RelayStatus.CONNECTED) {
                    connected++;
                }
            }
        }
        return new NodeHealth(running, connected, lightningOk.get(), lastTick, counters());
    }

    // ------------------------------------------------------------------------------------------------ scheduler

    /** Runs the scheduler jobs that are due on the injected clock, synchronously. */
    public synchronized void tick() {
        if (closed) {
            return;
        }
        runJobs(false);
    }

    private synchronized void runJobs(boolean startup) {
        long now = now();
        lastTick = now;
        job("known-keys", s.activePubkeysRefreshInterval(), now, startup, this::refreshKnownKeys);
        job("expire", 60, now, false, this::jobExpire);
        job("waiting-timeout", 60, now, false, this::jobWaitingTimeout);
        job("escrow-deadline", 300, now, false, this::jobEscrowDeadline);
        job("payout-retry", s.paymentRetriesInterval(), now, false, this::jobPayoutRetry);
        job("payout-reconcile", 60, now, false, this::jobReconcilePayouts);
        job("prices", s.priceUpdateIntervalSeconds(), now, startup, this::jobPrices);
        job("info", s.publishMostroInfoInterval(), now, startup, () -> {
            refreshNodeInfo();
            publishInfo();
        });
        job("relay-list", s.publishRelaysInterval(), now, startup, this::publishRelayList);
        job("dev-fee", 60, now, false, this::submitDevFee);
        job("escrow-reconcile", 60, now, false, this::jobReconcileEscrows);
        job("prune", 3600, now, false, () -> store.commit(List.of(new Write.PruneProcessed(now() - DAY))));
        requestFlush();
    }

    /**
     * Runs the dev-fee job on the executor: it may wait on LNURL servers and payments for minutes, and
     * {@link #tick()} (which holds the scheduler lock) must not. A run still going when the next is due is not
     * doubled. {@link #backgroundJobs()} completes when the latest run has finished.
     */
    private void submitDevFee() {
        if (!devFeeRunning.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        devFeeRun = done;
        try {
            executor.execute(() -> {
                try {
                    payouts.jobDevFee();
                } catch (RuntimeException e) {
                    LOG.warn("job dev-fee failed", e);
                } finally {
                    devFeeRunning.set(false);
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) {
            devFeeRunning.set(false);
            done.complete(null);
            LOG.warn("dev-fee job not started: {}", e.toString());
        }
    }

    /** Completes when the background work started by the latest {@link #tick()} (the dev-fee job) has finished. */
    public CompletionStage<Void> backgroundJobs() {
        return devFeeRun.thenApply(v -> null);
    }

    private void job(String name, long period, long now, boolean skip, Runnable r) {
        Long due = nextRun.get(name);
        if (skip) {
            nextRun.put(name, now + period);
            return;
        }
        if (due != null && now < due) {
            return;
        }
        nextRun.put(name, now + period);
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("job {} failed", name, e);
        }
    }

    private void jobExpire() {
        long now = now();
        for (OrderRecord o : store.ordersByStatus(List.of(OrderStatus.PENDING, OrderStatus.WAITING_TAKER_BOND,
                OrderStatus.WAITING_MAKER_BOND))) {
            if (o.expiresAt() < now) {
                systemEvent(o.id(), SystemEvent.PENDING_EXPIRED, new Req());
            }
        }
    }

    private void jobWaitingTimeout() {
        long now = now();
        for (OrderRecord o : store.ordersByStatus(List.of(OrderStatus.WAITING_BUYER_INVOICE,
                OrderStatus.WAITING_PAYMENT))) {
            if (o.takenAt() != null && o.takenAt() < now - s.expirationSeconds()) {
                systemEvent(o.id(), SystemEvent.WAITING_TIMEOUT, new Req());
            }
        }
    }

    private void jobEscrowDeadline() {
        List<OrderRecord> held = new ArrayList<>();
        for (OrderRecord o : store.ordersByStatus(List.of(OrderStatus.ACTIVE, OrderStatus.FIAT_SENT))) {
            if (o.context().holdInvoice() == HoldInvoiceState.ACCEPTED) {
                held.add(o);
            }
        }
        if (held.isEmpty()) {
            return;
        }
        long tip;
        try {
            NodeInfo info = join(ln.getInfo());
            nodeInfo = info;
            lightningOk.set(true);
            tip = info.blockHeight();
        } catch (RuntimeException e) {
            lightningOk.set(false);
            LOG.warn("escrow deadline guard: getInfo failed: {}", e.toString());
            return;
        }
        long now = now();
        for (OrderRecord o : held) {
            boolean due;
            if (o.holdHtlcExpiryHeight() > 0) {
                due = tip >= o.holdHtlcExpiryHeight() - s.escrowDeadlineMarginBlocks();
            } else {
                due = o.invoiceHeldAt() != null && now >= o.invoiceHeldAt()
                        + (s.holdInvoiceCltvDelta() - s.escrowDeadlineMarginBlocks()) * 600L;
            }
            if (due) {
                systemEvent(o.id(), SystemEvent.ESCROW_DEADLINE, new Req());
            }
        }
    }

    private void jobPayoutRetry() {
        long now = now();
        for (OrderRecord o : store.ordersByStatus(List.of(OrderStatus.SETTLED_HOLD_INVOICE))) {
            TradeContext c = o.context();
            if (!c.payoutInFlight() && !c.payoutExhausted() && (o.lastPayoutAttemptAt() == null
                    || o.lastPayoutAttemptAt() + s.paymentRetriesInterval() <= now)) {
                systemEvent(o.id(), SystemEvent.PAYOUT_RETRY_DUE, new Req());
            }
        }
    }

    private void jobReconcilePayouts() {
        for (OrderRecord o : store.ordersByStatus(List.of(OrderStatus.SETTLED_HOLD_INVOICE))) {
            if (o.context().payoutInFlight() && !payoutsRunning.contains(o.id())) {
                payouts.startPayout(o.id());
            }
        }
    }

    private void jobPrices() {
        if (prices.refresh()) {
            long now = now();
            Map<String, Map<String, BigDecimal>> rates = new LinkedHashMap<>();
            rates.put("BTC", new java.util.TreeMap<>(prices.rates()));
            ExchangeRatesEvent e = new ExchangeRatesEvent(ExchangeRatesEvent.D, now, prices.sourceId(),
                    now + Math.min(2 * s.priceUpdateIntervalSeconds(), 3600), rates, List.of());
            enqueuePublic(e.toUnsignedEvent(nodePub, now), "rates");
        }
    }

    private void refreshKnownKeys() {
        Set<PublicKey> keys = new HashSet<>();
        for (OrderRecord o : store.ordersByStatus(NON_TERMINAL)) {
            addKey(keys, o.buyerPubkey());
            addKey(keys, o.sellerPubkey());
            addKey(keys, o.creatorPubkey());
        }
        for (DisputeRecord d : store.disputesByStatus(List.of(DisputeStatus.INITIATED, DisputeStatus.IN_PROGRESS))) {
            addKey(keys, d.solverPubkey());
        }
        known.replaceAll(keys);
    }

    private static void addKey(Set<PublicKey> keys, String hex) {
        if (hex != null) {
            try {
                keys.add(PublicKey.fromHex(hex));
            } catch (NostrException e) {
                // not a key; skip
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ publishing

    private void publishMetadata() {
        publishInfo();
        publishRelayList();
        if (s.name() != null || s.about() != null || s.picture() != null || s.website() != null) {
            StringBuilder sb = new StringBuilder("{");
            appendJson(sb, "name", s.name());
            appendJson(sb, "about", s.about());
            appendJson(sb, "picture", s.picture());
            appendJson(sb, "website", s.website());
            sb.append('}');
            enqueuePublic(new UnsignedEvent(nodePub, now(), 0, List.of(), sb.toString()), "metadata");
        }
    }

    private static void appendJson(StringBuilder sb, String k, String v) {
        if (v == null) {
            return;
        }
        if (sb.length() > 1) {
            sb.append(',');
        }
        sb.append('"').append(k).append("\":\"");
        for (char ch : v.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Re-reads the backend's info (block height, URIs) and records whether it is reachable. */
    private void refreshNodeInfo() {
        try {
            nodeInfo = join(ln.getInfo());
            lightningOk.set(true);
        } catch (RuntimeException e) {
            lightningOk.set(false);
            LOG.warn("Lightning backend unreachable: {}", e.toString());
        }
    }

    private void publishInfo() {
        NodeInfo info = nodeInfo;
        InfoEvent.Builder b = InfoEvent.builder(nodeHex).mostroVersion(s.mostroVersion())
                .mostroCommitHash(s.mostroCommitHash()).maxOrderAmount(s.maxOrderAmount())
                .minOrderAmount(s.minPaymentAmount()).expirationHours(s.expirationHours())
                .expirationSeconds(s.expirationSeconds()).fiatCurrenciesAccepted(s.fiatCurrenciesAccepted())
                .maxOrdersPerResponse(s.maxOrdersPerResponse()).fee(s.fee().doubleValue()).pow(s.pow())
                .powFirstContact(s.effectivePowFirstContact()).protocolVersion(s.transport().protocolVersion())
                .holdInvoiceExpirationWindow(s.holdInvoiceExpirationWindow())
                .holdInvoiceCltvDelta((long) s.holdInvoiceCltvDelta())
                .invoiceExpirationWindow(s.holdInvoiceExpirationWindow());
        if (info != null) {
            b.lndVersion(info.version()).lndNodePubkey(info.pubkey()).lndCommitHash(info.commitHash())
                    .lndNodeAlias(info.alias()).lndChains("bitcoin").lndNetworks(info.network().wireName())
                    .lndUris(info.uris());
        }
        b.platform(Platform.mostro(s.name())).z("info").bondEnabled(false);
        enqueuePublic(b.build().toUnsignedEvent(nodePub, now()), "info");
    }

    private void publishRelayList() {
        if (pool == null) {
            return;
        }
        List<String> urls = new ArrayList<>();
        for (Map.Entry<URI, RelayStatus> e : pool.statuses().entrySet()) {
            if (e.getValue() == RelayStatus.CONNECTED) {
                urls.add(e.getKey().toString());
            }
        }
        if (!urls.isEmpty()) {
            enqueuePublic(RelayListEvent.of(urls).toUnsignedEvent(nodePub, now()), "relay-list");
        }
    }

    private void enqueuePublic(UnsignedEvent e, String purpose) {
        if (store.commit(List.of(new Write.Enqueue(OutboxEntry.of(e.sign(nodeKey).toJson(), purpose, 0))))) {
            requestFlush();
        }
    }

    /** Asks for an outbox flush on the executor (coalesced). */
    void requestFlush() {
        flushRequests.incrementAndGet();
        if (!closed && pool != null && flushing.compareAndSet(false, true)) {
            try {
                flusher.execute(this::flushLoop);
            } catch (RuntimeException e) {
                flushing.set(false);
            }
        }
    }

    private void flushLoop() {
        try {
            while (!closed) {
                int seen = flushRequests.get();
                flushOnce();
                if (flushRequests.compareAndSet(seen, 0)) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("outbox flush failed; retried on the next tick", e);
            flushRequests.set(0);
        } finally {
            flushing.set(false);
        }
        if (flushRequests.get() > 0 && !closed) {
            requestFlush();
        }
    }

    /**
     * Publishes due outbox entries in sequence order. Order guarantee: entries are sent in {@code seq} order; a batch
     * is pipelined (sent in order without waiting for each OK; the pool keeps per-relay FIFO order). An entry that no
     * relay accepts is never dropped: it is rescheduled with a back-off capped at {@value #MAX_PUBLISH_BACKOFF} s and
     * remembered, and from then on no flush sends an entry with a higher {@code seq} until that entry is accepted.
     * The one exception is the rest of the batch in which the failure happened: those entries were already on the
     * wire, so one of them may reach a relay before the failed one (an accepted one is dequeued; a failed one is
     * rescheduled like the first).
     */
    private void flushOnce() {
        while (!closed) {
            RelayPool p = pool;
            if (p == null) {
                return;
            }
            List<OutboxEntry> due = new ArrayList<>(store.outboxDue(now(), 200));
            Long oldestRetry = retrying.isEmpty() ? null : retrying.first();
            if (oldestRetry != null) {
                // publish nothing after an entry that is waiting for its retry
                boolean retryDue = due.stream().anyMatch(e -> e.seq() == oldestRetry);
                if (!retryDue) {
                    due.removeIf(e -> e.seq() > oldestRetry);
                }
            }
            if (due.isEmpty()) {
                return;
            }
            List<CompletableFuture<PublishResult>> sent = new ArrayList<>(due.size());
            for (OutboxEntry e : due) {
                try {
                    Event ev = Event.fromJson(e.eventJson());
                    if (expired(ev)) {
                        // past its NIP-40 expiration: no relay accepts it and no reader wants it; the only drop
                        LOG.warn("outbox entry {} ({}) expired before any relay accepted it", e.seq(), e.purpose());
                        sent.add(CompletableFuture.completedFuture(null));
                    } else {
                        sent.add(p.publish(ev).toCompletableFuture());
                    }
                } catch (RuntimeException ex) {
                    sent.add(CompletableFuture.failedFuture(ex));
                }
            }
            List<Write> writes = new ArrayList<>();
            List<Long> dequeued = new ArrayList<>();
            boolean failed = false;
            for (int i = 0; i < due.size(); i++) {
                OutboxEntry e = due.get(i);
                boolean ok;
                try {
                    PublishResult r = sent.get(i).get(30, TimeUnit.SECONDS);
                    ok = r == null || r.acceptedByAny(); // null: expired, dequeued
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    commitFlush(writes, dequeued);
                    return;
                } catch (Exception ex) {
                    ok = false;
                }
                if (ok) {
                    writes.add(new Write.Dequeue(e.seq()));
                    dequeued.add(e.seq());
                    continue;
                }
                failed = true;
                counters.publishFailures.incrementAndGet();
                int attempts = e.attempts() + 1;
                long backoff = Math.min(MAX_PUBLISH_BACKOFF, 1L << Math.min(attempts, 20));
                LOG.debug("publish of outbox entry {} ({}) failed; attempt {}, next in {} s", e.seq(), e.purpose(),
                        attempts, backoff);
                if (attempts % 10 == 0) {
                    LOG.warn("outbox entry {} ({}) still not accepted by any relay after {} attempts", e.seq(),
                            e.purpose(), attempts);
                }
                writes.add(new Write.Reschedule(e.seq(), attempts, now() + backoff));
                retrying.add(e.seq());
            }
            commitFlush(writes, dequeued);
            if (failed) {
                return; // wait for the retry
            }
        }
    }

    private boolean expired(Event ev) {
        for (network.mostro.nostr.Tag t : ev.tags("expiration")) {
            try {
                if (t.size() > 1 && Long.parseLong(t.get(1)) <= now()) {
                    return true;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private void commitFlush(List<Write> writes, List<Long> dequeued) {
        if (!writes.isEmpty() && store.commit(writes)) {
            dequeued.forEach(retrying::remove);
        }
    }

    /** Start-up: the entries that already failed to publish keep later ones waiting (see {@link #flushOnce()}). */
    private void rebuildRetrying() {
        retrying.clear();
        for (OutboxEntry e : store.outboxDue(Long.MAX_VALUE, 100_000)) {
            if (e.attempts() > 0) {
                retrying.add(e.seq());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ inbound

    private void drop(DropReason r, String id, String detail) {
        counters.drop(r);
        LOG.debug("dropped event {}: {} {}", id, r, detail == null ? "" : detail);
    }

    /** The inbound pipeline of SPEC §3.6. */
    void onInbound(Event e) {
        if (closed) {
            return;
        }
        try {
            pipeline(e);
        } catch (RuntimeException ex) {
            drop(DropReason.INTERNAL_ERROR, e.id(), ex.toString());
            LOG.warn("internal error handling event {}", e.id(), ex);
        }
    }

    private void pipeline(Event e) {
        if (Nip13.difficulty(e) < s.pow()) {
            drop(DropReason.POW, e.id(), null);
            return;
        }
        if (e.kind() != transport.eventKind()) {
            drop(DropReason.WRONG_KIND, e.id(), "kind " + e.kind());
            return;
        }
        // step 3: the engine's own pool delivers only events whose id and signature it verified; an invalid event
        // never gets here from it (the pool reports it as a RelayDiagnostic), so INVALID_EVENT counts the same
        if (!poolVerifiesEvents && !e.verify()) {
            drop(DropReason.INVALID_EVENT, e.id(), null);
            return;
        }
        if (s.transport() == TransportVersion.V2) {
            if (!replay.firstSeen(e.id())) {
                drop(DropReason.REPLAY, e.id(), null);
                return;
            }
            if (!powPolicy.accepts(e, known)) {
                drop(DropReason.FIRST_CONTACT_POW, e.id(), null);
                return;
            }
        }
        if (store.processed(e.id())) {
            drop(DropReason.ALREADY_PROCESSED, e.id(), null);
            return;
        }
        Inbound in;
        try {
            in = transport.unwrap(e, nodeKey, unwrapOptions);
        } catch (UnwrapException ex) {
            DropReason r = switch (ex.reason()) {
                case WRONG_KIND -> DropReason.WRONG_KIND;
                case INVALID_EVENT -> DropReason.INVALID_EVENT;
                case NOT_ADDRESSED_TO_ME -> DropReason.NOT_ADDRESSED_TO_ME;
                case MALFORMED_TUPLE, UNPARSEABLE_MESSAGE, INVALID_SEAL -> DropReason.MALFORMED;
                case BAD_TRADE_SIGNATURE, BAD_IDENTITY_PROOF -> DropReason.BAD_SIGNATURE;
            };
            drop(r, e.id(), ex.getMessage());
            return;
        } catch (NostrException ex) {
            drop(DropReason.MALFORMED, e.id(), ex.getMessage());
            return;
        }
        if (!freshness.isFresh(in)) {
            drop(DropReason.STALE, e.id(), "created_at " + in.createdAt());
            return;
        }
        // the since cursor only moves for fresh events, and never past the node's clock
        seen(Math.min(e.createdAt(), now()));
        if (in.identityWithoutTradeSignature()) {
            drop(DropReason.IDENTITY_WITHOUT_TRADE_SIGNATURE, e.id(), null);
            return;
        }
        Action a = in.message().action();
        boolean indexed = a == Action.NEW_ORDER || a == Action.TAKE_SELL || a == Action.TAKE_BUY;
        if (indexed) {
            synchronized (stripes[Math.floorMod(in.identityKey().hashCode(), stripes.length)]) {
                dispatchIndexed(in);
            }
        } else {
            if (!in.message().validate().isValid()) {
                drop(DropReason.INVALID_MESSAGE, in.eventId(), String.join("; ", in.message().validate().problems()));
                return;
            }
            dispatch(in, null);
        }
    }

    private void dispatchIndexed(Inbound in) {
        Message m = in.message();
        Long ti = m.tradeIndex();
        boolean fullPrivacy = in.identityKey().equals(in.senderTradeKey());
        String ident = in.identityKey().toHex();
        UserRecord write = null;
        Optional<UserRecord> user = fullPrivacy ? Optional.empty() : store.user(ident);
        if (user.isPresent()) {
            if (ti == null || ti < 0) {
                drop(DropReason.TRADE_INDEX, in.eventId(), "reputation mode without trade_index");
                return;
            }
            if (ti >= 1) {
                if (!in.tradeSigned()) {
                    drop(DropReason.TRADE_INDEX, in.eventId(), "no trade signature");
                    return;
                }
                UserRecord u = user.get();
                if (ti <= u.lastTradeIndex()) {
                    Out out = new Out();
                    cantDo(out, in, CantDoReason.INVALID_TRADE_INDEX);
                    commitWithRetry(() -> out, in.eventId());
                    return;
                }
                write = new UserRecord(u.identityPubkey(), ti, u.totalReviews(), u.totalRating(), u.lastRating(),
                        u.minRating(), u.maxRating(), u.createdAt());
            }
        } else {
            if (ti != null && ti <= 0) {
                drop(DropReason.TRADE_INDEX, in.eventId(), "trade_index " + ti + " from an unknown identity");
                return;
            }
            if (!fullPrivacy) {
                if (ti == null) {
                    drop(DropReason.TRADE_INDEX, in.eventId(), "reputation mode without trade_index");
                    return;
                }
                write = new UserRecord(ident, ti, 0, 0.0, 0, 0, 0, now());
            }
        }
        if (!m.validate().isValid()) {
            drop(DropReason.INVALID_MESSAGE, in.eventId(), String.join("; ", m.validate().problems()));
            return;
        }
        dispatch(in, write);
    }

    private void dispatch(Inbound in, UserRecord userWrite) {
        Action a = in.message().action();
        switch (a) {
            case NEW_ORDER -> commitWithRetry(() -> newOrder(in, userWrite), in.eventId());
            case TAKE_SELL, TAKE_BUY, ADD_INVOICE, FIAT_SENT, RELEASE, CANCEL, DISPUTE, RATE_USER, TRADE_PUBKEY,
                    ADMIN_SETTLE, ADMIN_CANCEL, ADD_BOND_INVOICE ->
                    commitWithRetry(() -> orderAction(in, userWrite), in.eventId());
            case ADMIN_TAKE_DISPUTE -> commitWithRetry(() -> takeDispute(in), in.eventId());
            case ADMIN_ADD_SOLVER -> commitWithRetry(() -> addSolver(in), in.eventId());
            case ORDERS -> commitWithRetry(() -> orders(in), in.eventId());
            case RESTORE_SESSION -> commitWithRetry(() -> restoreSession(in), in.eventId());
            case LAST_TRADE_INDEX -> commitWithRetry(() -> lastTradeIndex(in), in.eventId());
            case PAY_INVOICE -> commitWithRetry(() -> {
                Out out = new Out();
                cantDo(out, in, CantDoReason.INVALID_ACTION);
                return out;
            }, in.eventId());
            default -> {
                drop(DropReason.NOT_ROUTED, in.eventId(), a.wireName());
                store.commit(List.of(new Write.MarkProcessed(in.eventId(), now())));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ commit

    /** What one handler run produced: writes, messages, public events, effects after and instead of commit. */
    static final class Out {
        final List<Write> writes = new ArrayList<>();
        final List<Msg> msgs = new ArrayList<>();
        final List<Pub> events = new ArrayList<>();
        final List<Runnable> after = new ArrayList<>();
        final List<Runnable> rollback = new ArrayList<>();
        final List<Change> changes = new ArrayList<>();
        /** User changes, applied at commit time to the stored record under the identity's lock. */
        final List<UserMod> users = new ArrayList<>();
        CantDoReason cantDo;
        DropReason drop;
        boolean accepted;
        boolean internalError;
    }

    record Msg(Message message, PublicKey to) {}

    record Pub(UnsignedEvent event, String purpose, long notBefore) {}

    record Change(UUID id, OrderStatus from, OrderStatus to, String rule) {}

    /**
     * A change to one user: {@code change} maps the stored record (null if none) to the new one; {@code event}
     * (optional) renders a public event from the new record.
     */
    record UserMod(String identity, java.util.function.UnaryOperator<UserRecord> change,
            java.util.function.Function<UserRecord, Pub> event) {}

    interface Handler {
        Out run();
    }

    boolean commitWithRetry(Handler h, String eventId) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Out out;
            try {
                out = h.run();
            } catch (RuntimeException e) {
                counters.drop(DropReason.INTERNAL_ERROR);
                LOG.warn("handler failed for event {}", eventId, e);
                return false;
            }
            if (out == null) {
                return false;
            }
            if (out.internalError) {
                counters.drop(DropReason.INTERNAL_ERROR);
                return false;
            }
            if (commit(out, eventId)) {
                if (out.drop != null) {
                    drop(out.drop, eventId, "handler");
                } else if (out.cantDo != null) {
                    counters.cantDo(out.cantDo);
                    LOG.debug("cant-do {} for event {}", out.cantDo, eventId);
                } else if (eventId != null) {
                    counters.accepted.incrementAndGet();
                }
                return true;
            }
            if (eventId != null && store.processed(eventId)) {
                drop(DropReason.ALREADY_PROCESSED, eventId, "concurrent");
                return false;
            }
        }
        LOG.warn("giving up after {} conflicting commits (event {})", MAX_ATTEMPTS, eventId);
        counters.drop(DropReason.INTERNAL_ERROR);
        return false;
    }

    private boolean commit(Out out, String eventId) {
        List<Write> w = new ArrayList<>(out.writes);
        WrapOptions opts = WrapOptions.builder().clock(clock).expiresIn(Duration.ofDays(s.dmDays()))
                .conversationKeyCache(conversationKeys).build();
        for (Msg m : out.msgs) {
            Event ev = transport.wrapReply(m.message(), nodeKey, m.to(), opts);
            w.add(new Write.Enqueue(OutboxEntry.of(ev.toJson(), "dm:" + m.message().action().wireName(), 0)));
        }
        for (Pub p : out.events) {
            w.add(new Write.Enqueue(OutboxEntry.of(p.event().sign(nodeKey).toJson(), p.purpose(), p.notBefore())));
        }
        if (eventId != null) {
            w.add(new Write.MarkProcessed(eventId, now()));
            w.add(new Write.PutMeta(META_SINCE, Long.toString(maxSeen.get())));
        }
        boolean ok;
        List<ReentrantLock> held = lockUsers(out);
        try {
            addUserWrites(out, w);
            if (w.isEmpty()) {
                return true;
            }
            ok = store.commit(w);
        } catch (RuntimeException e) {
            for (Runnable r : out.rollback) {
                runQuietly(r);
            }
            throw e;
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
        if (!ok) {
            for (Runnable r : out.rollback) {
                runQuietly(r);
            }
            return false;
        }
        for (Change c : out.changes) {
            if (listener != null) {
                try {
                    listener.onOrderStatus(c.id(), c.from(), c.to(), c.rule());
                } catch (RuntimeException e) {
                    LOG.warn("listener failed", e);
                }
            }
        }
        requestFlush();
        for (Runnable r : out.after) {
            runQuietly(r);
        }
        return true;
    }

    /**
     * Users are written as a read-modify-write under a per-identity lock (striped), held from the read to the end
     * of the store commit: a trade's index update and a concurrent rating of the same identity can no longer
     * overwrite each other (the store's {@code PutUser} is last-writer-wins). Locks are taken in stripe order and
     * nothing is locked while one is held, so there is no deadlock. This assumes one node process per store.
     */
    private List<ReentrantLock> lockUsers(Out out) {
        if (out.users.isEmpty()) {
            return List.of();
        }
        java.util.TreeSet<Integer> idx = new java.util.TreeSet<>();
        for (UserMod m : out.users) {
            idx.add(Math.floorMod(m.identity().hashCode(), userLocks.length));
        }
        List<ReentrantLock> held = new ArrayList<>(idx.size());
        for (int i : idx) {
            userLocks[i].lock();
            held.add(userLocks[i]);
        }
        return held;
    }

    private void addUserWrites(Out out, List<Write> w) {
        Map<String, UserRecord> latest = new LinkedHashMap<>();
        for (UserMod m : out.users) {
            UserRecord cur = latest.containsKey(m.identity()) ? latest.get(m.identity())
                    : store.user(m.identity()).orElse(null);
            UserRecord next = m.change().apply(cur);
            latest.put(m.identity(), next);
            if (m.event() != null) {
                Pub p = m.event().apply(next);
                w.add(new Write.Enqueue(OutboxEntry.of(p.event().sign(nodeKey).toJson(), p.purpose(),
                        p.notBefore())));
            }
        }
        latest.values().forEach(u -> w.add(new Write.PutUser(u)));
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("post-commit effect failed", e);
        }
    }

    private void cantDo(Out out, Inbound in, CantDoReason reason) {
        Message m = Message.builder(Action.CANT_DO).type(MessageType.CANT_DO).requestId(in.message().requestId())
                .id(in.message().id()).payload(Payload.CantDo.of(reason)).build();
        out.msgs.add(new Msg(m, in.senderTradeKey()));
        out.cantDo = reason;
    }

    /** A refusal; the trade index is consumed only by accepted requests ({@code userWrite} is not written). */
    private Out refuse(Inbound in, CantDoReason reason, UserRecord userWrite) {
        Out out = new Out();
        cantDo(out, in, reason);
        return out;
    }

    private Out silent(DropReason reason, UserRecord userWrite) {
        Out out = new Out();
        out.drop = reason;
        return out;
    }

    // ------------------------------------------------------------------------------------------------ handlers

    /** The request (or system event) being applied to an order. */
    static final class Req {
        Action action;
        SystemEvent event;
        Inbound in;
        Long requestId;
        String invoice;
        Long rangeFiat;
        BigDecimal price;
        String nextPk;
        Long nextIdx;
        int rating;
        long htlcExpiry;
        UserRecord userWrite;
        DisputeRecord dispute;
        Payment payment;
        boolean payoutFailed;
    }

    private Out newOrder(Inbound in, UserRecord userWrite) {
        Message m = in.message();
        SmallOrder so = ((Payload.Order) m.payload()).order();
        long now = now();
        if (so.kind() == null) {
            return refuse(in, CantDoReason.INVALID_ORDER_KIND, userWrite);
        }
        String bi = so.kind() == OrderKind.BUY ? so.buyerInvoice() : null;
        if (bi != null && !invoiceValid(bi, so.amount())) {
            return refuse(in, CantDoReason.INVALID_INVOICE, userWrite);
        }
        if (!s.acceptsCurrency(so.fiatCode())) {
            return refuse(in, CantDoReason.INVALID_FIAT_CURRENCY, userWrite);
        }
        boolean range = so.minAmount() != null && so.maxAmount() != null;
        if (!range && so.fiatAmount() <= 0) {
            return refuse(in, CantDoReason.INVALID_AMOUNT, userWrite);
        }
        if (so.amount() < 0) {
            return refuse(in, CantDoReason.INVALID_AMOUNT, userWrite);
        }
        if (range && (so.minAmount() < 0 || so.maxAmount() < 0 || so.minAmount() >= so.maxAmount()
                || so.amount() != 0)) {
            return refuse(in, CantDoReason.INVALID_AMOUNT, userWrite);
        }
        if (so.amount() != 0 && so.premium() != 0) {
            return refuse(in, CantDoReason.INVALID_PARAMETERS, userWrite);
        }
        if (so.amount() > 0) {
            Optional<CantDoReason> r = Amounts.checkCreationLimits(so.amount(), s.minPaymentAmount(),
                    s.maxOrderAmount());
            if (r.isPresent()) {
                return refuse(in, r.get(), userWrite);
            }
        } else {
            Optional<BigDecimal> price = prices.fresh(so.fiatCode());
            if (price.isEmpty()) {
                return refuse(in, CantDoReason.PRICE_TOO_STALE, userWrite);
            }
            List<Long> fiats = range ? List.of(so.minAmount(), so.maxAmount()) : List.of(so.fiatAmount());
            for (long fiat : fiats) {
                Optional<CantDoReason> r = Amounts.checkCreationLimits(
                        Amounts.creationQuoteSats(fiat, price.get()), s.minPaymentAmount(), s.maxOrderAmount());
                if (r.isPresent()) {
                    return refuse(in, r.get(), userWrite);
                }
            }
        }
        long maxExp = now + s.maxExpirationDays() * DAY;
        long expiresAt = so.expiresAt() != null ? Math.min(so.expiresAt(), maxExp) : now + s.expirationHours() * 3600;
        String sender = in.senderTradeKey().toHex();
        String ident = in.identityKey().toHex();
        TradeContext ctx = TradeContext.builder().range(range).market(so.amount() == 0).buyerInvoiceKnown(bi != null)
                .build();
        Transition.Allowed cr = sm.create(so.kind(), ctx);
        OrderRecord.Builder b = OrderRecord.builder().id(UUID.randomUUID()).kind(so.kind()).status(cr.nextStatus())
                .version(0).context(cr.next().context()).creatorPubkey(sender).fiatCode(so.fiatCode())
                .fiatAmount(range ? 0 : so.fiatAmount()).minAmount(range ? so.minAmount() : null)
                .maxAmount(range ? so.maxAmount() : null).paymentMethod(so.paymentMethod()).premium(so.premium())
                .priceFromApi(so.amount() == 0).amount(so.amount())
                .fee(so.amount() > 0 ? Fees.perPartyFee(so.amount(), s.fee()) : 0).buyerInvoice(bi)
                .createdAt(now).expiresAt(expiresAt);
        if (so.kind() == OrderKind.SELL) {
            b.sellerPubkey(sender).masterSellerPubkey(ident).tradeIndexSeller(m.tradeIndex());
        } else {
            b.buyerPubkey(sender).masterBuyerPubkey(ident).tradeIndexBuyer(m.tradeIndex());
        }
        OrderRecord created = b.build();
        Req q = new Req();
        q.action = Action.NEW_ORDER;
        q.in = in;
        q.requestId = m.requestId();
        q.userWrite = userWrite;
        return apply(null, created, cr, q);
    }

    private Out orderAction(Inbound in, UserRecord userWrite) {
        Message m = in.message();
        Action a = m.action();
        OrderRecord o = store.order(m.id()).orElse(null);
        if (o == null) {
            return refuse(in, CantDoReason.NOT_FOUND, userWrite);
        }
        Req q = new Req();
        q.action = a;
        q.in = in;
        q.requestId = m.requestId();
        q.userWrite = userWrite;
        OrderState st = new OrderState(o.kind(), o.status(), o.context());
        Role role = roleOf(o, in, a);
        if (!role.isPresentIn(st)) {
            role = Role.OTHER_USER;
        }
        RequestFacts f = facts(o, in, a, q);
        if (f == null) {
            Out out = new Out();
            out.internalError = true;
            return out;
        }
        Transition t = sm.apply(st, new Trigger.User(a, role, f));
        return outcome(o, t, q);
    }

    Out outcome(OrderRecord o, Transition t, Req q) {
        if (t instanceof Transition.Refused r) {
            return refuse(q.in, r.reason(), q.userWrite);
        }
        if (t instanceof Transition.Ignored ig) {
            if (q.in == null) {
                return null; // system event not applicable: nothing to commit
            }
            DropReason d = switch (ig.reason()) {
                case NO_OP -> DropReason.NO_OP;
                case NOT_ROUTED -> DropReason.NOT_ROUTED;
                default -> DropReason.SILENT_ERROR;
            };
            return silent(d, q.userWrite);
        }
        return apply(o, null, (Transition.Allowed) t, q);
    }

    private Role roleOf(OrderRecord o, Inbound in, Action a) {
        String sender = in.senderTradeKey().toHex();
        String ident = in.identityKey().toHex();
        if (a == Action.ADMIN_SETTLE || a == Action.ADMIN_CANCEL) {
            DisputeRecord d = store.disputeOfOrder(o.id()).orElse(null);
            return solverRole(o, d, ident);
        }
        Role maker = o.kind() == OrderKind.SELL ? Role.SELLER : Role.BUYER;
        if (a == Action.TRADE_PUBKEY) {
            return ident.equals(Render.makerIdentity(o)) ? maker : Role.OTHER_USER;
        }
        if (sender.equals(o.buyerPubkey())) {
            return Role.BUYER;
        }
        if (sender.equals(o.sellerPubkey())) {
            return Role.SELLER;
        }
        if ((a == Action.TAKE_SELL || a == Action.TAKE_BUY) && !in.identityKey().equals(in.senderTradeKey())
                && ident.equals(Render.makerIdentity(o))) {
            return maker;
        }
        return Role.OTHER_USER;
    }

    private Role solverRole(OrderRecord o, DisputeRecord d, String ident) {
        DisputeAssignee assignee = o.context().disputeAssignee();
        if (d != null && ident.equals(d.solverPubkey())) {
            switch (assignee) {
                case READ_SOLVER -> {
                    return Role.ASSIGNED_SOLVER_READ;
                }
                case READ_WRITE_SOLVER -> {
                    return Role.ASSIGNED_SOLVER_READ_WRITE;
                }
                default -> { }
            }
        }
        if (ident.equals(nodeHex)) {
            return Role.NODE_ADMIN;
        }
        Optional<SolverRecord> sr = store.solver(ident);
        if (sr.isPresent()) {
            return sr.get().canWrite() ? Role.SOLVER_READ_WRITE : Role.SOLVER_READ;
        }
        return Role.OTHER_USER;
    }

    private RequestFacts facts(OrderRecord o, Inbound in, Action a, Req q) {
        RequestFacts f = RequestFacts.DEFAULT;
        Payload p = in.message().payload();
        long now = now();
        switch (a) {
            case TAKE_SELL, TAKE_BUY -> {
                String ident = in.identityKey().toHex();
                boolean pending = false;
                for (OrderRecord x : store.ordersByIdentity(ident)) {
                    if (a == Action.TAKE_SELL ? ident.equals(x.masterBuyerPubkey())
                            && x.status() == OrderStatus.WAITING_BUYER_INVOICE
                            : ident.equals(x.masterSellerPubkey()) && x.status() == OrderStatus.WAITING_PAYMENT) {
                        pending = true;
                    }
                }
                f = f.withSenderHasPendingTrade(pending).withPastExpiry(o.expiresAt() < now);
                Long fiat = null;
                if (p instanceof Payload.Amount am) {
                    fiat = am.amount();
                } else if (p instanceof Payload.PaymentRequest pr) {
                    fiat = pr.amount();
                    if (a == Action.TAKE_SELL) {
                        q.invoice = pr.invoice();
                    }
                }
                boolean range = o.context().range();
                if (range) {
                    q.rangeFiat = fiat;
                    f = f.withAmountInRange(fiat != null && fiat >= o.minAmount() && fiat <= o.maxAmount());
                }
                long amt = o.amount();
                if (o.context().market()) {
                    Optional<BigDecimal> price = prices.fresh(o.fiatCode());
                    f = f.withPriceFresh(price.isPresent());
                    if (price.isPresent()) {
                        q.price = price.get();
                        long fiatForQuote = range ? (fiat == null ? 0 : fiat) : o.fiatAmount();
                        amt = Amounts.marketQuoteSats(fiatForQuote, q.price, o.premium());
                    }
                }
                if (q.invoice != null) {
                    long fee = Fees.perPartyFee(Math.max(0, amt), s.fee());
                    f = f.withInvoice(true).withInvoiceValid(invoiceValid(q.invoice, amt - fee));
                }
            }
            case ADD_INVOICE -> {
                q.invoice = ((Payload.PaymentRequest) p).invoice();
                f = f.withInvoice(true).withInvoiceValid(invoiceValid(q.invoice, o.amount() - o.fee()));
            }
            case ADD_BOND_INVOICE -> {
                if (p instanceof Payload.PaymentRequest pr) {
                    f = f.withInvoice(true).withInvoiceValid(invoiceValid(pr.invoice(), -1));
                }
            }
            case RELEASE, FIAT_SENT -> {
                if (p instanceof Payload.NextTrade nt) {
                    q.nextPk = nt.tradePubkey();
                    q.nextIdx = nt.tradeIndex();
                    boolean valid;
                    try {
                        PublicKey.fromHex(nt.tradePubkey());
                        valid = true;
                    } catch (NostrException e) {
                        valid = false;
                    }
                    f = f.withNextTradeGiven(valid);
                }
            }
            case RATE_USER -> {
                int v = ((Payload.RatingUser) p).rating();
                q.rating = v;
                String sender = in.senderTradeKey().toHex();
                boolean fromBuyer = sender.equals(o.buyerPubkey());
                String cpTrade = fromBuyer ? o.sellerPubkey() : o.buyerPubkey();
                String cpMaster = fromBuyer ? o.masterSellerPubkey() : o.masterBuyerPubkey();
                f = f.withRatingValid(v >= 1 && v <= 5)
                        .withCounterpartyFullPrivacy(cpMaster == null || cpMaster.equals(cpTrade));
            }
            case ADMIN_SETTLE, ADMIN_CANCEL -> {
                if (p instanceof Payload.BondResolution br) {
                    f = f.withSlash(br.slashBuyer(), br.slashSeller());
                }
                q.dispute = store.disputeOfOrder(o.id()).orElse(null);
            }
            default -> { }
        }
        return f;
    }

    /**
     * SPEC §10.4: a bolt11 must be on the node's network, valid long enough, with an acceptable CLTV and (if it
     * carries one) the expected amount; an LN address or LNURL must resolve. {@code expected < 0}: amount not checked.
     */
    private boolean invoiceValid(String invoice, long expected) {
        PaymentRequestKind kind = PaymentRequests.classify(invoice);
        switch (kind) {
            case BOLT11 -> {
                Bolt11Invoice inv;
                try {
                    inv = Bolt11.decode(invoice);
                } catch (RuntimeException e) {
                    return false;
                }
                InvoiceRequirements.Builder rb = InvoiceRequirements.builder(nodeInfo.network())
                        .invoiceExpirationWindow(Duration.ofSeconds(s.invoiceExpirationWindow()))
                        .maxFinalCltvExpiryDelta(s.maxFinalCltvExpiryDelta())
                        .minPaymentAmountSats(s.minPaymentAmount());
                if (expected >= 0) {
                    rb.expectedAmountSats(expected);
                }
                return InvoiceValidator.validate(inv, rb.build(), clock.instant()).isValid();
            }
            case LIGHTNING_ADDRESS, LNURL -> {
                if (lnurl == null) {
                    return false;
                }
                try {
                    lnurl.check(invoice).toCompletableFuture().get(15, TimeUnit.SECONDS);
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (Exception e) {
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
    }

    private Out takeDispute(Inbound in) {
        Message m = in.message();
        String ident = in.identityKey().toHex();
        boolean authorized = ident.equals(nodeHex) || store.solver(ident).isPresent();
        DisputeRecord d = store.dispute(m.id()).orElse(null);
        if (d == null) {
            return authorized ? silent(DropReason.SILENT_ERROR, null) : refuse(in, CantDoReason.INVALID_PUBKEY, null);
        }
        OrderRecord o = store.order(d.orderId()).orElse(null);
        if (o == null) {
            return silent(DropReason.SILENT_ERROR, null);
        }
        Req q = new Req();
        q.action = Action.ADMIN_TAKE_DISPUTE;
        q.in = in;
        q.requestId = m.requestId();
        q.dispute = d;
        OrderState st = new OrderState(o.kind(), o.status(), o.context());
        Role role = solverRole(o, d, ident);
        if (!role.isPresentIn(st)) {
            role = Role.OTHER_USER;
        }
        return outcome(o, sm.apply(st, new Trigger.User(Action.ADMIN_TAKE_DISPUTE, role, RequestFacts.DEFAULT)), q);
    }

    private Out addSolver(Inbound in) {
        if (!in.identityKey().toHex().equals(nodeHex)) {
            return silent(DropReason.SILENT_ERROR, null);
        }
        Message m = in.message();
        if (!(m.payload() instanceof Payload.TextMessage tm) || tm.text().isBlank()) {
            return refuse(in, CantDoReason.INVALID_TEXT_MESSAGE, null);
        }
        String text = tm.text().trim();
        int colon = text.indexOf(':');
        String npub = colon < 0 ? text : text.substring(0, colon);
        String suffix = colon < 0 ? null : text.substring(colon + 1);
        boolean canWrite;
        if (suffix == null || suffix.equals("read-write") || suffix.equals("write")) {
            canWrite = true;
        } else if (suffix.equals("read")) {
            canWrite = false;
        } else {
            return refuse(in, CantDoReason.INVALID_PARAMETERS, null);
        }
        PublicKey solver;
        try {
            solver = PublicKey.fromNpub(npub);
        } catch (RuntimeException e) {
            return refuse(in, CantDoReason.INVALID_PUBKEY, null);
        }
        Out out = new Out();
        out.writes.add(new Write.PutSolver(new SolverRecord(solver.toHex(), canWrite, now())));
        out.msgs.add(new Msg(Message.builder(Action.ADMIN_ADD_SOLVER).type(MessageType.DISPUTE)
                .requestId(m.requestId()).build(), in.senderTradeKey()));
        return out;
    }

    private Out orders(Inbound in) {
        Message m = in.message();
        if (!(m.payload() instanceof Payload.Ids ids) || ids.ids().isEmpty()) {
            return refuse(in, CantDoReason.INVALID_PARAMETERS, null);
        }
        if (ids.ids().size() > s.maxOrdersPerResponse()) {
            return refuse(in, CantDoReason.TOO_MANY_REQUESTS, null);
        }
        String ident = in.identityKey().toHex();
        List<SmallOrder> found = new ArrayList<>();
        for (UUID id : ids.ids()) {
            store.order(id).ifPresent(o -> {
                if (ident.equals(o.masterBuyerPubkey()) || ident.equals(o.masterSellerPubkey())) {
                    found.add(Render.listed(o));
                }
            });
        }
        if (found.isEmpty()) {
            return refuse(in, CantDoReason.NOT_FOUND, null);
        }
        Out out = new Out();
        out.msgs.add(new Msg(Message.builder(Action.ORDERS).requestId(m.requestId())
                .payload(new Payload.Orders(found)).build(), in.senderTradeKey()));
        return out;
    }

    private Out restoreSession(Inbound in) {
        String ident = in.identityKey().toHex();
        Set<OrderStatus> excluded = EnumSet.of(OrderStatus.EXPIRED, OrderStatus.SUCCESS, OrderStatus.CANCELED,
                OrderStatus.DISPUTE);
        List<RestoredOrder> orders = new ArrayList<>();
        List<RestoredDispute> disputes = new ArrayList<>();
        for (OrderRecord o : store.ordersByIdentity(ident)) {
            boolean buyer = ident.equals(o.masterBuyerPubkey());
            Long ti = buyer ? o.tradeIndexBuyer() : o.tradeIndexSeller();
            if (!excluded.contains(o.status())) {
                orders.add(new RestoredOrder(o.id(), ti == null ? 0 : ti, o.status().wireName()));
            }
            Optional<DisputeRecord> d = store.disputeOfOrder(o.id());
            if (d.isPresent() && (d.get().status() == DisputeStatus.INITIATED
                    || d.get().status() == DisputeStatus.IN_PROGRESS)) {
                disputes.add(new RestoredDispute(d.get().id(), o.id(), ti == null ? 0 : ti,
                        d.get().status().wireName(), d.get().initiator(), d.get().solverPubkey()));
            }
        }
        Out out = new Out();
        out.msgs.add(new Msg(Message.builder(Action.RESTORE_SESSION).type(MessageType.RESTORE)
                .payload(new Payload.RestoreData(orders, disputes)).build(), in.senderTradeKey()));
        return out;
    }

    private Out lastTradeIndex(Inbound in) {
        Optional<UserRecord> u = in.identityKey().equals(in.senderTradeKey()) ? Optional.empty()
                : store.user(in.identityKey().toHex());
        if (u.isEmpty()) {
            return refuse(in, CantDoReason.NOT_FOUND, null);
        }
        if (u.get().lastTradeIndex() == 0) {
            return refuse(in, CantDoReason.INVALID_TRADE_INDEX, null);
        }
        Out out = new Out();
        out.msgs.add(new Msg(Message.builder(Action.LAST_TRADE_INDEX).type(MessageType.RESTORE)
                .requestId(in.message().requestId()).tradeIndex(u.get().lastTradeIndex()).build(),
                in.senderTradeKey()));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ system events

    /** Applies a system event to an order, retrying on conflicts. Runs on the caller's thread. */
    void systemEvent(UUID orderId, SystemEvent ev, Req q) {
        systemEventCommitted(orderId, ev, q);
    }

    /** {@link #systemEvent}; false if it could not be applied (store failure, conflicts, the order is gone). */
    boolean systemEventCommitted(UUID orderId, SystemEvent ev, Req q) {
        q.event = ev;
        AtomicBoolean notApplicable = new AtomicBoolean();
        boolean ok = commitWithRetry(() -> {
            notApplicable.set(false);
            OrderRecord o = store.order(orderId).orElse(null);
            if (o == null) {
                notApplicable.set(true);
                return null;
            }
            Out out = outcome(o, sm.apply(new OrderState(o.kind(), o.status(), o.context()),
                    new Trigger.Event(ev, RequestFacts.DEFAULT)), q);
            notApplicable.set(out == null);
            return out;
        }, null);
        return ok || notApplicable.get();
    }

    // ------------------------------------------------------------------------------------------------ apply

    /**
     * Turns an allowed transition into store writes, messages, public events and Lightning effects. {@code before}
     * is null for a new order ({@code created} is then the record to insert).
     */
    private Out apply(OrderRecord before, OrderRecord created, Transition.Allowed a, Req q) {
        Out out = new Out();
        long now = now();
        boolean insert = before == null;
        OrderRecord base = insert ? created : before;
        OrderRecord.Builder b = base.toBuilder().status(a.nextStatus()).context(a.next().context());
        if (!insert) {
            b.version(before.version() + 1);
        }
        TradeContext ctx = a.next().context();
        DisputeRecord dispute = q.dispute != null ? q.dispute
                : insert ? null : store.disputeOfOrder(base.id()).orElse(null);
        DisputeRecord newDispute = null;
        DisputeRecord updatedDispute = null;
        OrderRecord child = null;
        Party senderParty = senderParty(base, q);
        String sender = q.in == null ? null : q.in.senderTradeKey().toHex();
        Map<String, String> meta = new LinkedHashMap<>();
        for (OrderEffect e : a.effects()) {
            switch (e) {
                case QUOTE_MARKET_PRICE -> {
                    long fiat = ctx.range() && q.rangeFiat != null ? q.rangeFiat : base.fiatAmount();
                    long amt = Amounts.marketQuoteSats(fiat, q.price, base.premium());
                    long fee = Fees.perPartyFee(amt, s.fee());
                    b.amount(amt).fee(fee).devFee(Fees.devFee(fee, s.devFeePercentage()));
                }
                case ASSIGN_TAKER -> {
                    String ident = q.in.identityKey().toHex();
                    Long ti = q.in.message().tradeIndex();
                    if (base.kind() == OrderKind.SELL) {
                        b.buyerPubkey(sender).masterBuyerPubkey(ident).tradeIndexBuyer(ti);
                    } else {
                        b.sellerPubkey(sender).masterSellerPubkey(ident).tradeIndexSeller(ti);
                    }
                    b.takenAt(now);
                    if (ctx.range() && q.rangeFiat != null) {
                        b.fiatAmount(q.rangeFiat);
                        ctx = ctx.toBuilder().rangeRemainder(
                                RangeOrders.hasRemainder(base.minAmount(), base.maxAmount(), q.rangeFiat)).build();
                        b.context(ctx);
                    }
                    if (!ctx.market()) {
                        b.devFee(Fees.devFee(base.fee(), s.devFeePercentage()));
                    }
                }
                case RESET_TAKER -> {
                    if (base.kind() == OrderKind.SELL) {
                        b.buyerPubkey(null).masterBuyerPubkey(null).tradeIndexBuyer(null).buyerInvoice(null);
                    } else {
                        b.sellerPubkey(null).masterSellerPubkey(null).tradeIndexSeller(null);
                    }
                    b.takenAt(null).invoiceHeldAt(null).holdHtlcExpiryHeight(0);
                    if (base.context().market()) {
                        b.amount(0).fee(0).devFee(0);
                    }
                    if (base.context().range()) {
                        b.fiatAmount(0);
                    }
                }
                case MARK_HOLD_ACCEPTED -> b.invoiceHeldAt(now).takenAt(now).holdHtlcExpiryHeight(q.htlcExpiry);
                case STORE_BUYER_INVOICE -> {
                    if (q.invoice != null) {
                        b.buyerInvoice(q.invoice);
                    }
                }
                case REPLACE_BUYER_INVOICE -> b.buyerInvoice(q.invoice).paymentAttempts(0).payoutHash(null)
                        .payoutClaimedAt(null).lastPayoutAttemptAt(null);
                case STORE_NEXT_TRADE -> b.nextTradePubkey(q.nextPk).nextTradeIndex(q.nextIdx);
                case CREATE_CHILD_ORDER -> {
                    String pk = base.kind() == OrderKind.SELL ? q.nextPk : base.nextTradePubkey();
                    Long idx = base.kind() == OrderKind.SELL ? q.nextIdx : base.nextTradeIndex();
                    child = childOrder(base, pk, idx, now);
                }
                case OPEN_DISPUTE -> {
                    Party initiator = senderParty != null ? senderParty : Party.BUYER;
                    String initKey = initiator == Party.BUYER ? base.buyerPubkey() : base.sellerPubkey();
                    newDispute = new DisputeRecord(UUID.randomUUID(), base.id(), DisputeStatus.INITIATED, 0,
                            initiator == Party.BUYER ? DisputeInitiator.BUYER : DisputeInitiator.SELLER, initKey,
                            null, now, null, now);
                    meta.put("dispute.previous-status." + newDispute.id(), base.status().wireName());
                }
                case ASSIGN_SOLVER -> {
                    DisputeRecord d = updatedDispute != null ? updatedDispute : dispute;
                    updatedDispute = new DisputeRecord(d.id(), d.orderId(), d.status(), d.version() + 1,
                            d.initiator(), d.initiatorPubkey(), q.in.identityKey().toHex(), d.createdAt(), now,
                            d.eventCreatedAt());
                }
                case RECORD_RATING -> recordRating(base, q, out, now);
                case ROTATE_MAKER_KEY -> {
                    b.creatorPubkey(sender);
                    if (base.kind() == OrderKind.SELL) {
                        b.sellerPubkey(sender);
                        if (q.in.message().tradeIndex() != null) {
                            b.tradeIndexSeller(q.in.message().tradeIndex());
                        }
                    } else {
                        b.buyerPubkey(sender);
                        if (q.in.message().tradeIndex() != null) {
                            b.tradeIndexBuyer(q.in.message().tradeIndex());
                        }
                    }
                }
                case PAYOUT_ENDED -> {
                    b.payoutClaimedAt(null);
                    if (q.payoutFailed) {
                        b.paymentAttempts(base.paymentAttempts() + 1).lastPayoutAttemptAt(now);
                    }
                }
                default -> { } // MARK_HOLD_CANCELED, RECORD_COOPERATIVE_CANCEL, PAYOUT_EXHAUSTED: context only;
                // bond effects: bonds are not supported (the policy is NONE, so they never occur)
            }
        }
        // Lightning: create the escrow before commit (the seller must be able to pay what we announce)
        OrderRecord next = b.build();
        for (LightningEffect le : a.lightning()) {
            switch (le) {
                case CREATE_HOLD_INVOICE -> {
                    byte[] pre = new byte[32];
                    random.nextBytes(pre);
                    String preHex = hex(pre);
                    String hashHex = sha256Hex(pre);
                    long value = Fees.holdInvoiceAmount(next.amount(), next.fee());
                    String memo = "Escrow amount Order #" + next.id() + ": SELL BTC for " + next.fiatCode() + " "
                            + next.fiatAmount() + " - It WILL FREEZE IN WALLET. It will release once you release. "
                            + "It will return if buyer does not confirm the payment";
                    HoldInvoice hi;
                    try {
                        hi = join(ln.addHoldInvoice(new HoldInvoiceRequest(hashHex, value, memo,
                                s.holdInvoiceCltvDelta(), 0)));
                    } catch (RuntimeException ex) {
                        LOG.warn("could not create hold invoice for order {}: {}", next.id(), ex.toString());
                        out.internalError = true;
                        return out;
                    }
                    next = next.toBuilder().holdInvoice(hi.bolt11()).holdHash(hashHex).preimage(preHex).takenAt(now)
                            .holdHtlcExpiryHeight(0).invoiceHeldAt(null).build();
                    UUID oid = next.id();
                    out.rollback.add(() -> ln.cancelHoldInvoice(hashHex));
                    out.after.add(() -> subscribeHold(oid, hashHex));
                }
                case SETTLE_HOLD_INVOICE -> {
                    String pre = base.preimage();
                    out.after.add(() -> settleQuietly(pre));
                }
                case CANCEL_HOLD_INVOICE -> {
                    String hash = base.holdHash();
                    if (hash != null) {
                        out.after.add(() -> cancelQuietly(hash));
                    }
                }
                case PAY_BUYER -> {
                    UUID oid = base.id();
                    out.after.add(() -> payouts.startPayout(oid));
                }
                default -> { } // bonds are not supported
            }
        }
        // disputes
        if (a.disputeChange().isPresent() && newDispute == null) {
            DisputeRecord d = updatedDispute != null ? updatedDispute : dispute;
            if (d != null) {
                updatedDispute = new DisputeRecord(d.id(), d.orderId(), a.disputeChange().get(),
                        updatedDispute != null ? updatedDispute.version() : d.version() + 1, d.initiator(),
                        d.initiatorPubkey(), d.solverPubkey(), d.createdAt(), d.takenAt(), d.eventCreatedAt());
            }
        }
        // a resolved dispute no longer needs its order's previous status (SPEC §12): neutralise the meta row
        if (updatedDispute != null && updatedDispute.status() != DisputeStatus.INITIATED
                && updatedDispute.status() != DisputeStatus.IN_PROGRESS) {
            meta.put("dispute.previous-status." + updatedDispute.id(), "");
        }
        // public order event
        if (a.published().isPresent()) {
            long createdAt = Math.max(now, base.eventCreatedAt() + 1);
            if (insert) {
                createdAt = now;
            }
            next = next.toBuilder().eventCreatedAt(createdAt).build();
            out.events.add(new Pub(orderEvent(next, a.published().get(), createdAt, now), "order-event", 0));
        }
        out.writes.add(insert ? new Write.InsertOrder(next) : new Write.UpdateOrder(next));
        if (q.userWrite != null) {
            UserRecord uw = q.userWrite;
            // only the trade index moves; reviews are taken from the record stored at commit time
            out.users.add(new UserMod(uw.identityPubkey(), cur -> cur == null ? uw
                    : new UserRecord(cur.identityPubkey(), Math.max(cur.lastTradeIndex(), uw.lastTradeIndex()),
                            cur.totalReviews(), cur.totalRating(), cur.lastRating(), cur.minRating(), cur.maxRating(),
                            cur.createdAt()), null));
        }
        if (newDispute != null) {
            out.writes.add(new Write.InsertDispute(newDispute));
            out.events.add(new Pub(Render.disputeEvent(newDispute, now, now, s, nodePub), "dispute-event", 0));
        }
        if (updatedDispute != null) {
            long ca = Math.max(now, updatedDispute.eventCreatedAt() + 1);
            updatedDispute = new DisputeRecord(updatedDispute.id(), updatedDispute.orderId(), updatedDispute.status(),
                    updatedDispute.version(), updatedDispute.initiator(), updatedDispute.initiatorPubkey(),
                    updatedDispute.solverPubkey(), updatedDispute.createdAt(), updatedDispute.takenAt(), ca);
            out.writes.add(new Write.UpdateDispute(updatedDispute));
            out.events.add(new Pub(Render.disputeEvent(updatedDispute, ca, now, s, nodePub), "dispute-event", 0));
        }
        if (child != null) {
            out.writes.add(new Write.InsertOrder(child));
            out.events.add(new Pub(orderEvent(child, OrderStatus.PENDING, now, now), "order-event", 0));
            out.changes.add(new Change(child.id(), null, OrderStatus.PENDING, "range-child"));
        }
        meta.forEach((k, v) -> out.writes.add(new Write.PutMeta(k, v)));
        // messages
        DisputeRecord disputeForMsgs = newDispute != null ? newDispute : updatedDispute != null ? updatedDispute
                : dispute;
        for (Notification n : a.notifications()) {
            Msg msg = render(n, before, next, child, disputeForMsgs, q);
            if (msg != null) {
                out.msgs.add(msg);
            }
        }
        if (insert || before.status() != next.status()) {
            out.changes.add(0, new Change(next.id(), insert ? null : before.status(), next.status(), a.rule()));
        }
        out.accepted = true;
        return out;
    }

    private Party senderParty(OrderRecord o, Req q) {
        if (q.in == null) {
            return null;
        }
        String sender = q.in.senderTradeKey().toHex();
        if (sender.equals(o.buyerPubkey())) {
            return Party.BUYER;
        }
        if (sender.equals(o.sellerPubkey())) {
            return Party.SELLER;
        }
        return null;
    }

    private OrderRecord childOrder(OrderRecord parent, String pk, Long idx, long now) {
        Optional<RangeOrders.Child> c = RangeOrders.childAfter(parent.minAmount(), parent.maxAmount(),
                parent.fiatAmount());
        if (c.isEmpty() || pk == null) {
            return null;
        }
        boolean range = c.get() instanceof RangeOrders.Range;
        TradeContext ctx = TradeContext.builder().range(range).market(true).build();
        OrderRecord.Builder b = OrderRecord.builder().id(UUID.randomUUID()).kind(parent.kind())
                .status(OrderStatus.PENDING).version(0).context(ctx).creatorPubkey(pk).fiatCode(parent.fiatCode())
                .paymentMethod(parent.paymentMethod()).premium(parent.premium()).priceFromApi(true).amount(0)
                .rangeParentId(parent.id()).createdAt(parent.createdAt()).expiresAt(parent.expiresAt())
                .eventCreatedAt(now);
        if (c.get() instanceof RangeOrders.Range r) {
            b.fiatAmount(0).minAmount(r.min()).maxAmount(r.max());
        } else {
            b.fiatAmount(((RangeOrders.Fixed) c.get()).fiatAmount());
        }
        if (parent.kind() == OrderKind.SELL) {
            b.sellerPubkey(pk).masterSellerPubkey(parent.masterSellerPubkey()).tradeIndexSeller(idx);
        } else {
            b.buyerPubkey(pk).masterBuyerPubkey(parent.masterBuyerPubkey()).tradeIndexBuyer(idx);
        }
        return b.build();
    }

    private void recordRating(OrderRecord o, Req q, Out out, long now) {
        String sender = q.in.senderTradeKey().toHex();
        boolean fromBuyer = sender.equals(o.buyerPubkey());
        String rated = fromBuyer ? o.masterSellerPubkey() : o.masterBuyerPubkey();
        if (rated == null) {
            return;
        }
        long batch = s.userRatesSentIntervalSeconds();
        long notBefore = (now / batch + 1) * batch;
        int rating = q.rating;
        out.users.add(new UserMod(rated, cur -> Render.rate(cur == null ? UserRecord.first(rated, now) : cur, rating),
                updated -> new Pub(Render.ratingEvent(sender, updated, now, s, nodePub), "rating-event",
                        notBefore)));
    }

    private UnsignedEvent orderEvent(OrderRecord r, OrderStatus bucket, long createdAt, long now) {
        UserRecord maker = null;
        String ident = Render.makerIdentity(r);
        if (ident != null && !ident.equals(Render.makerTradeKey(r))) {
            maker = store.user(ident).orElse(null);
        }
        List<String> relays = new ArrayList<>();
        for (URI u : relayUris) {
            relays.add(u.toString());
        }
        String network = nodeInfo == null ? null : nodeInfo.network().wireName();
        return Render.orderEvent(r, bucket, createdAt, now, s, nodePub, relays, network, maker);
    }

    // ------------------------------------------------------------------------------------------------ rendering

    private Msg render(Notification n, OrderRecord before, OrderRecord after, OrderRecord child, DisputeRecord d,
            Req q) {
        Action action = n.action();
        String to;
        Long tradeIndex;
        OrderRecord subject = after;
        switch (n.to()) {
            case BUYER -> {
                to = after.buyerPubkey() != null ? after.buyerPubkey() : before == null ? null : before.buyerPubkey();
                tradeIndex = after.buyerPubkey() != null ? after.tradeIndexBuyer()
                        : before == null ? null : before.tradeIndexBuyer();
            }
            case SELLER -> {
                to = after.sellerPubkey() != null ? after.sellerPubkey()
                        : before == null ? null : before.sellerPubkey();
                tradeIndex = after.sellerPubkey() != null ? after.tradeIndexSeller()
                        : before == null ? null : before.tradeIndexSeller();
            }
            case SENDER -> {
                to = q.in == null ? null : q.in.senderTradeKey().toHex();
                tradeIndex = null;
            }
            case MAKER_NEXT_TRADE_KEY -> {
                if (child == null) {
                    return null;
                }
                subject = child;
                to = Render.makerTradeKey(child);
                tradeIndex = child.kind() == OrderKind.SELL ? child.tradeIndexSeller() : child.tradeIndexBuyer();
            }
            default -> {
                return null; // bonded takers: bonds are not supported
            }
        }
        if (to == null) {
            LOG.warn("no recipient for {} to {} on order {}", action, n.to(), after.id());
            return null;
        }
        Long req = q.requestId;
        if ((action == Action.FIAT_SENT_OK && n.to() == Recipient.SELLER)
                || (action == Action.BUYER_TOOK_ORDER && q.action == Action.ADD_INVOICE)) {
            req = null;
        }
        Message.Builder mb = Message.builder(action).requestId(req).tradeIndex(tradeIndex).id(subject.id());
        long amount = switch (n.amount()) {
            case HOLD_INVOICE_AMOUNT -> subject.amount() + subject.fee();
            case BUYER_PAYOUT -> subject.amount() - subject.fee();
            default -> subject.amount();
        };
        long now = now();
        switch (n.payload()) {
            case NONE -> { }
            case ORDER -> mb.payload(new Payload.Order(Render.smallOrder(subject, action, amount)));
            case HOLD_INVOICE_REQUEST -> {
                SmallOrder so = Render.smallOrder(subject, action, amount).toBuilder()
                        .status(OrderStatus.WAITING_PAYMENT).build();
                mb.payload(new Payload.PaymentRequest(so, subject.holdInvoice(), null));
            }
            case REPUTATION_NOTICE -> {
                String other = n.to() == Recipient.SELLER ? subject.masterBuyerPubkey() : subject.masterSellerPubkey();
                String otherTrade = n.to() == Recipient.SELLER ? subject.buyerPubkey() : subject.sellerPubkey();
                UserInfo info = other == null || other.equals(otherTrade) ? null
                        : Render.userInfo(store.user(other).orElse(null), now);
                mb.payload(new Payload.Peer("", info));
            }
            case PEER -> {
                String pk;
                if (action == Action.ADMIN_TOOK_DISPUTE) {
                    pk = q.in.identityKey().toHex();
                } else {
                    pk = n.to() == Recipient.SELLER ? subject.buyerPubkey() : subject.sellerPubkey();
                }
                mb.payload(new Payload.Peer(pk, null));
            }
            case DISPUTE_ID -> mb.payload(new Payload.Dispute(d.id(), null));
            case SOLVER_DISPUTE_INFO -> {
                mb.type(MessageType.DISPUTE).id(d.id()).payload(new Payload.Dispute(d.id(), solverInfo(subject, d)));
            }
            case RATING -> mb.payload(new Payload.RatingUser(q.rating));
            case PAYMENT_FAILED -> mb.payload(new Payload.PaymentFailed(s.paymentAttempts() - 1,
                    s.paymentRetriesInterval()));
            default -> {
                return null; // bond payloads: bonds are not supported
            }
        }
        if (action == Action.TRADE_PUBKEY) {
            mb.payload(null);
        }
        try {
            return new Msg(mb.build(), PublicKey.fromHex(to));
        } catch (NostrException e) {
            LOG.warn("invalid recipient key {} on order {}", to, after.id());
            return null;
        }
    }

    private SolverDisputeInfo solverInfo(OrderRecord o, DisputeRecord d) {
        boolean initBuyer = d.initiator() == DisputeInitiator.BUYER;
        String initMaster = initBuyer ? o.masterBuyerPubkey() : o.masterSellerPubkey();
        String initTrade = initBuyer ? o.buyerPubkey() : o.sellerPubkey();
        String cpMaster = initBuyer ? o.masterSellerPubkey() : o.masterBuyerPubkey();
        String cpTrade = initBuyer ? o.sellerPubkey() : o.buyerPubkey();
        boolean initFp = initMaster == null || initMaster.equals(initTrade);
        boolean cpFp = cpMaster == null || cpMaster.equals(cpTrade);
        long now = now();
        String prev = store.meta("dispute.previous-status." + d.id()).filter(v -> !v.isEmpty()).orElse(null);
        return new SolverDisputeInfo(o.id(), o.kind().wireName(), o.status().wireName(), o.holdHash(), o.preimage(),
                prev, d.initiatorPubkey(), o.buyerPubkey(), o.sellerPubkey(), initFp, cpFp,
                initFp ? null : Render.userInfo(store.user(initMaster).orElse(null), now),
                cpFp ? null : Render.userInfo(store.user(cpMaster).orElse(null), now), o.premium(),
                o.paymentMethod(), o.amount(), o.fiatAmount(), o.fee(), 0, o.buyerInvoice(),
                o.invoiceHeldAt() == null ? 0 : o.invoiceHeldAt(), o.takenAt() == null ? 0 : o.takenAt(),
                o.createdAt());
    }

    // ------------------------------------------------------------------------------------------------ lightning

    private void subscribeHold(UUID orderId, String hash) {
        InvoiceSubscription old = invoiceSubs.remove(orderId);
        if (old != null) {
            old.close();
        }
        if (closed) {
            return;
        }
        java.util.concurrent.atomic.AtomicReference<InvoiceSubscription> holder =
                new java.util.concurrent.atomic.AtomicReference<>();
        AtomicBoolean ended = new AtomicBoolean();
        InvoiceSubscription sub = ln.subscribeInvoice(hash, new InvoiceListener() {
            @Override
            public void onUpdate(InvoiceUpdate u) {
                if (!closed) {
                    try {
                        executor.execute(() -> onHoldUpdate(orderId, u));
                    } catch (RuntimeException e) {
                        LOG.debug("executor rejected invoice update for {}", orderId);
                    }
                }
            }

            @Override
            public void onError(LightningException error) {
                LOG.debug("invoice subscription for order {} ended: {}", orderId, error.toString());
                // forgotten, so the escrow reconciler polls lookupInvoice and subscribes again
                ended.set(true);
                InvoiceSubscription self = holder.get();
                if (self != null) {
                    invoiceSubs.remove(orderId, self);
                }
            }
        });
        holder.set(sub);
        invoiceSubs.put(orderId, sub);
        if (ended.get()) {
            invoiceSubs.remove(orderId, sub);
        }
    }

    /**
     * Applies a hold-invoice update. A store failure is retried a few times; if it still fails the update is not
     * lost: the escrow reconciler (every 60 s) finds the order's escrow state behind the backend's and applies it.
     */
    private void onHoldUpdate(UUID orderId, InvoiceUpdate u) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (applyHoldUpdate(orderId, u)) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.warn("hold-invoice update of order {} not applied (attempt {}): {}", orderId, attempt,
                        e.toString());
            }
            if (attempt >= 3 || closed) {
                LOG.warn("hold-invoice update {} of order {} left to the escrow reconciler", u.state(), orderId);
                return;
            }
        }
        if (u.state().isFinal()) {
            InvoiceSubscription sub = invoiceSubs.remove(orderId);
            if (sub != null) {
                sub.close();
            }
        }
    }

    /** False if the update's transition could not be committed. */
    private boolean applyHoldUpdate(UUID orderId, InvoiceUpdate u) {
        OrderRecord o = store.order(orderId).orElse(null);
        if (o == null || !u.paymentHashHex().equals(o.holdHash())) {
            return true;
        }
        Req q = new Req();
        q.htlcExpiry = u.htlcExpiryHeight();
        if (u.state() == InvoiceState.ACCEPTED) {
            return systemEventCommitted(orderId, SystemEvent.HOLD_INVOICE_ACCEPTED, q);
        } else if (u.state() == InvoiceState.CANCELED) {
            return systemEventCommitted(orderId, SystemEvent.HOLD_INVOICE_CANCELED, q);
        }
        return true;
    }

    void settleQuietly(String preimage) {
        if (preimage == null) {
            return;
        }
        String hash;
        try {
            hash = sha256Hex(java.util.HexFormat.of().parseHex(preimage));
        } catch (IllegalArgumentException e) {
            LOG.warn("stored preimage is not hex; escrow not settled");
            return;
        }
        try {
            join(ln.settleHoldInvoice(preimage));
            escrowRetries.remove(hash);
        } catch (RuntimeException e) {
            escrowRetries.put(hash, preimage);
            LOG.warn("settling hold invoice {} failed (retried by the escrow reconciler): {}", hash, e.toString());
        }
    }

    private void cancelQuietly(String hash) {
        try {
            join(ln.cancelHoldInvoice(hash));
            escrowRetries.remove(hash);
        } catch (RuntimeException e) {
            escrowRetries.put(hash, "");
            LOG.warn("canceling hold invoice {} failed (retried by the escrow reconciler): {}", hash, e.toString());
        }
    }

    /**
     * {@code escrow-reconcile} (every 60 s): retries the settles and cancels that failed after their commit, and
     * compares every open escrow with the backend ({@code lookupInvoice}): an acceptance or cancellation whose
     * update was lost (store failure, subscription ended) is applied now and the subscription is renewed; an
     * escrow that must be settled is settled; one that must be settled but is {@code CANCELED} is an alert (logged
     * at error level, counted in {@link NodeCounters#escrowAlerts()}).
     */
    private void jobReconcileEscrows() {
        for (Map.Entry<String, String> r : List.copyOf(escrowRetries.entrySet())) {
            InvoiceUpdate u;
            try {
                u = join(ln.lookupInvoice(r.getKey()));
            } catch (RuntimeException e) {
                LOG.debug("escrow retry of {}: {}", r.getKey(), e.toString());
                continue;
            }
            boolean settle = !r.getValue().isEmpty();
            if (u.state() == InvoiceState.ACCEPTED || (!settle && u.state() == InvoiceState.OPEN)) {
                if (settle) {
                    settleQuietly(r.getValue());
                } else {
                    cancelQuietly(r.getKey());
                }
            } else {
                if (settle && u.state() == InvoiceState.CANCELED) {
                    escrowAlert(null, r.getKey());
                }
                escrowRetries.remove(r.getKey());
            }
        }
        for (OrderRecord o : store.ordersByStatus(List.of(OrderStatus.WAITING_PAYMENT, OrderStatus.ACTIVE,
                OrderStatus.FIAT_SENT, OrderStatus.DISPUTE, OrderStatus.SETTLED_HOLD_INVOICE))) {
            if (o.holdHash() == null) {
                continue;
            }
            HoldInvoiceState want = o.context().holdInvoice();
            InvoiceUpdate u;
            try {
                u = join(ln.lookupInvoice(o.holdHash()));
            } catch (RuntimeException e) {
                LOG.debug("escrow reconciliation of order {}: {}", o.id(), e.toString());
                continue;
            }
            if (want == HoldInvoiceState.CREATED || want == HoldInvoiceState.ACCEPTED) {
                boolean lost = (want == HoldInvoiceState.CREATED && u.state() == InvoiceState.ACCEPTED)
                        || u.state() == InvoiceState.CANCELED;
                if (lost) {
                    LOG.info("applying a missed hold-invoice update ({}) to order {}", u.state(), o.id());
                    onHoldUpdate(o.id(), u);
                } else if (!u.state().isFinal() && !invoiceSubs.containsKey(o.id())) {
                    subscribeHold(o.id(), o.holdHash());
                }
            } else if (want == HoldInvoiceState.SETTLED) {
                if (u.state() == InvoiceState.ACCEPTED) {
                    settleQuietly(o.preimage());
                } else if (u.state() == InvoiceState.CANCELED) {
                    escrowAlert(o.id(), o.holdHash());
                }
            }
        }
    }

    private void escrowAlert(UUID orderId, String hash) {
        counters.escrowAlerts.incrementAndGet();
        LOG.error("ALERT: escrow {} of order {} must be settled but the backend reports it CANCELED", hash,
                orderId == null ? "?" : orderId);
    }

    /** Start-up: settle/cancel escrows whose order already decided, and resubscribe held invoices. */
    private void reconcileLightning() {
        List<OrderStatus> all = List.of(OrderStatus.values()).stream().filter(x -> x != OrderStatus.IN_PROGRESS)
                .toList();
        long recent = now() - 2 * DAY;
        for (OrderRecord o : store.ordersByStatus(all)) {
            if (o.holdHash() == null) {
                continue;
            }
            if (OrderStateMachine.isTerminal(o.status()) && o.eventCreatedAt() < recent) {
                continue; // decided long ago: a stuck HTLC has been released by its CLTV expiry anyway
            }
            HoldInvoiceState want = o.context().holdInvoice();
            try {
                if (want == HoldInvoiceState.CREATED || want == HoldInvoiceState.ACCEPTED) {
                    subscribeHold(o.id(), o.holdHash());
                } else if (want == HoldInvoiceState.SETTLED) {
                    InvoiceUpdate u = join(ln.lookupInvoice(o.holdHash()));
                    if (u.state() == InvoiceState.ACCEPTED) {
                        LOG.info("settling escrow of order {} left accepted before a restart", o.id());
                        settleQuietly(o.preimage());
                    }
                } else if (o.status() != OrderStatus.SUCCESS) {
                    InvoiceUpdate u = join(ln.lookupInvoice(o.holdHash()));
                    if (u.state() == InvoiceState.ACCEPTED || u.state() == InvoiceState.OPEN) {
                        LOG.info("canceling escrow of order {} left open before a restart", o.id());
                        cancelQuietly(o.holdHash());
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("escrow reconciliation of order {}: {}", o.id(), e.toString());
            }
        }
        for (OrderRecord o : store.ordersByStatus(List.of(OrderStatus.SETTLED_HOLD_INVOICE))) {
            if (o.context().payoutInFlight()) {
                payouts.startPayout(o.id());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ payouts

    // ------------------------------------------------------------------------------------------------ util

    long now() {
        return clock.instant().getEpochSecond();
    }

    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new LightningException(LightningException.Reason.TIMEOUT, "timed out", e);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    private static String sha256Hex(byte[] b) {
        try {
            return hex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records the newest inbound {@code created_at} for the {@code since} cursor. */
    void seen(long createdAt) {
        maxSeen.accumulateAndGet(createdAt, Math::max);
    }
}

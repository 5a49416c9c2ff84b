package network.mostro.benchmarks;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.PublishResult;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.Subscription;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.transport.SenderKeys;
import network.mostro.protocol.transport.Transport;
import network.mostro.protocol.transport.WrapOptions;
import network.mostro.server.ManualClock;
import network.mostro.server.MostroNode;
import network.mostro.server.NodeCounters;
import network.mostro.server.NodeSettings;
import network.mostro.server.lightning.embedded.EmbeddedLightning;
import network.mostro.server.lightning.embedded.Wallet;
import network.mostro.server.price.PriceSource;
import network.mostro.server.store.OrderStore;
import network.mostro.server.store.jdbc.JdbcOrderStore;
import network.mostro.server.store.jdbc.internal.JdbcStore;
import network.mostro.testkit.MockRelay;

/**
 * Load harness for a {@link MostroNode} (issue 5, item 10): an in-process {@link MockRelay} over real loopback
 * WebSockets, the embedded Lightning network, SQLite on a temporary file, v2 transport, proof of work 0, and users
 * simulated with the protocol module (reputation mode: a trade signature and an identity proof per request). Node,
 * relay and users share one JVM and the machine's cores. Not a JMH benchmark: it reports distributions and counts.
 *
 * <ul>
 *   <li>{@code throughput [n]}: three bursts of {@code n} pre-built requests from {@code n} makers and {@code n}
 *       takers: {@code new-order}, then {@code take-sell} of each order, then {@code add-invoice} (a real BOLT11
 *       invoice; the node creates a hold invoice per order). Each burst is published as fast as the relay accepts
 *       it, and timed from the first publish to the arrival of the last sender's reply. Replies are counted on
 *       arrival and decoded and checked (action, request id) after the burst. The node runs on a
 *       {@link ManualClock} that stands still, so requests built before the burst are still fresh (SPEC §3.6
 *       freshness and replay window) and the scheduler does not run ({@code autoTick(false)}).</li>
 *   <li>{@code latency [trades] [rounds]}: {@code trades} concurrent trades (each a seller and a buyer driven by one
 *       thread: new-order, take-sell, add-invoice, the seller pays the hold invoice, fiat-sent, release, until the
 *       buyer is paid), {@code rounds} measured trades per driver after one warm-up round. Latency per request =
 *       {@link System#nanoTime()} from just before the request is handed to the relay pool (after it was built
 *       and signed) to the arrival of the node's reply to the sender at the user's relay connection. Node on the
 *       system clock with its scheduler running. {@code -Dthink=ms} adds a random think time before each step
 *       (see {@link #THINK_MS}).</li>
 * </ul>
 *
 * <p>The store is SQLite on a temporary file by default; {@code -Dstore=shm} puts the file on tmpfs
 * ({@code /dev/shm}, where fsync costs nothing) and {@code -Dstore=memory} uses {@code OrderStore.inMemory()}, to
 * separate the disk's fsync latency from the node's own cost. {@code -Dstore.cache=false} turns the SQLite store's
 * read cache off. The final line reports the store's commits per transaction (group commit) and read-cache hits.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar network.mostro.benchmarks.NodeLoadHarness throughput 2000}
 * and {@code ... NodeLoadHarness latency 100 3}. Not thread-safe; one run per JVM.
 */
public final class NodeLoadHarness {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final long SATS = 10_000;
    private static final long FIAT = 5;
    /**
     * Mean think time (ms) between a trade's steps in {@code latency} mode ({@code -Dthink=ms}, default 0): each step
     * waits a uniformly random 0 to 2 × think ms first, as people do, so the node sees an open stream of requests
     * at a rate set by the think time instead of a closed loop that always has every trade waiting for it.
     */
    private static final long THINK_MS = Long.getLong("think", 0);
    /** Distinguishes the takers' wallets of successive bursts (wallet names are unique in the embedded network). */
    private static final AtomicLong WALLET_ROUND = new AtomicLong();
    /** {@code -DwarmupRounds=r}: unmeasured rounds before the measured ones (default 1), in both modes. */
    private static final int WARMUP_ROUNDS = Integer.getInteger("warmupRounds", 1);
    /**
     * {@code -Drounds=r}: measured rounds of the three bursts in {@code throughput} mode (default 1); with more than
     * one, the median, minimum and maximum mix rate are printed too. Single bursts on this 2-core VM vary by up to
     * a third (GC cycles, JIT recompilation, fsync latency), so report medians.
     */
    private static final int MEASURED_ROUNDS = Math.max(1, Integer.getInteger("rounds", 1));
    /**
     * Whether the simulated users' relay pool checks the id and signature of the node's replies
     * ({@code -Dusers.verify=false} turns it off). On by default, as in a real client; the users stand in for apps on
     * other machines, so turning it off shows what the node and the relay alone get from the two cores.
     */
    private static final boolean USERS_VERIFY = Boolean.parseBoolean(System.getProperty("users.verify", "true"));
    /** {@code -Dstore.cache=false} turns the JDBC store's order and user read cache off (on by default, as shipped). */
    private static final boolean READ_CACHE = Boolean.parseBoolean(System.getProperty("store.cache", "true"));

    private static JdbcStore engineOf(JdbcOrderStore s) {
        try {
            java.lang.reflect.Field f = JdbcOrderStore.class.getDeclaredField("store");
            f.setAccessible(true);
            return (JdbcStore) f.get(s);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commits, transactions (so the mean group size) and read-cache hits of the SQLite store, or "". */
    private String storeStats() {
        if (jdbc == null) {
            return "";
        }
        long commits = jdbc.serialisedCommits();
        long tx = jdbc.transactions();
        long hits = jdbc.readCacheHits();
        long misses = jdbc.readCacheMisses();
        return String.format("; store: %d commits in %d transactions (%.1f per transaction), read cache %s: %d hits, "
                + "%d misses", commits, tx, tx == 0 ? 0.0 : (double) commits / tx, READ_CACHE ? "on" : "off", hits,
                misses);
    }

    private final Clock clock;
    private final Path dir;
    private final MockRelay relay;
    private final EmbeddedLightning ln;
    private final OrderStore store;
    private final String storeName;
    /** The SQLite store's engine (its counters and switches), or null for the in-memory store. */
    private final JdbcStore jdbc;
    private final MostroNode node;
    private final PublicKey nodePub;
    private final RelayPool users;
    private final Subscription replies;
    private final Map<String, UserKey> keys = new ConcurrentHashMap<>();
    private final AtomicLong unrouted = new AtomicLong();
    private final ExecutorService decoders;
    private final Transport transport = Transport.v2();

    private NodeLoadHarness(Clock clock, boolean autoTick, boolean decodeLive) throws IOException {
        this.clock = clock;
        String where = System.getProperty("store", "disk");
        this.dir = switch (where) {
            case "disk", "memory" -> Files.createTempDirectory("mostro-node-bench");
            case "shm" -> Files.createTempDirectory(Path.of("/dev/shm"), "mostro-node-bench");
            default -> throw new IllegalArgumentException("-Dstore=disk|shm|memory, not " + where);
        };
        this.relay = MockRelay.builder().clock(clock).start();
        this.ln = EmbeddedLightning.builder().clock(clock).build();
        this.store = where.equals("memory") ? OrderStore.inMemory() : JdbcOrderStore.sqlite(dir.resolve("node.db"));
        this.jdbc = store instanceof JdbcOrderStore j ? engineOf(j) : null;
        if (jdbc != null) {
            jdbc.readCache(READ_CACHE); // -Dstore.cache=false: every order and user read goes to SQLite
        }
        this.storeName = where.equals("memory") ? "in-memory store" : "SQLite " + dir.resolve("node.db")
                + (where.equals("shm") ? " (tmpfs: fsync is free)" : "");
        PrivateKey nodeKey = PrivateKey.generate();
        this.nodePub = nodeKey.publicKey();
        NodeSettings settings = NodeSettings.builder().name("bench mostro").fee(new BigDecimal("0.006")).pow(0)
                .build();
        this.node = MostroNode.builder().nodeKey(nodeKey).relays(List.of(relay.uri())).settings(settings)
                .lightning(ln.node("mostro")).store(store)
                .priceSource(PriceSource.fixed(Map.of("USD", new BigDecimal("50000"))))
                .clock(clock).autoTick(autoTick).executor(nodeExecutor()).build();
        node.start().toCompletableFuture().join();
        this.decoders = decodeLive ? Executors.newFixedThreadPool(2, daemon("bench-decode")) : null;
        this.users = RelayPool.builder().relay(relay.uri()).maxOutboundQueue(200_000).maxPendingEvents(200_000)
                .dedupWindow(200_000).verifyEvents(USERS_VERIFY).build();
        // Every reply of the node (v2: kind 14 authored by the node), routed to the user key in its p tag.
        this.replies = users.subscribe(List.of(Filter.builder().kinds(14).authors(nodePub).build()),
                (e, from) -> route(e, System.nanoTime()));
    }

    /**
     * {@code -Dnode.threads=n}: the node's handlers on a pool of n threads shaped like its default one (bounded queue,
     * daemon threads named {@code mostro-node-*}); unset: the node's own default executor.
     */
    private static java.util.concurrent.Executor nodeExecutor() {
        Integer n = Integer.getInteger("node.threads");
        if (n == null) {
            return null;
        }
        java.util.concurrent.atomic.AtomicInteger k = new java.util.concurrent.atomic.AtomicInteger();
        return new java.util.concurrent.ThreadPoolExecutor(n, n, 0, TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "mostro-node-" + k.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    private void route(Event e, long arrival) {
        UserKey k = keys.get(e.firstTagValue("p").orElse(""));
        if (k == null) {
            unrouted.incrementAndGet();
            return;
        }
        k.arrive(e, arrival);
    }

    private void close() throws IOException {
        replies.close();
        users.close();
        node.close();
        ln.close();
        relay.close();
        store.close();
        if (decoders != null) {
            decoders.shutdownNow();
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** A user's trade key with the node's replies to it: raw arrivals, and decoded messages when decoding live. */
    final class UserKey {
        final PrivateKey tradeKey = PrivateKey.generate();
        final PrivateKey identity;
        final long index;
        final List<long[]> arrivalNanos = new ArrayList<>();
        final List<Event> raw = new ArrayList<>();
        final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
        final List<Received> stash = new ArrayList<>();
        long requestIds = 0;

        UserKey(PrivateKey identity, long index) {
            this.identity = identity;
            this.index = index;
            keys.put(tradeKey.publicKey().toHex(), this);
        }

        synchronized void arrive(Event e, long nanos) {
            raw.add(e);
            arrivalNanos.add(new long[] {nanos});
            if (decoders != null) {
                decoders.execute(() -> inbox.add(new Received(decode(e), nanos)));
            }
        }

        synchronized int arrivals() {
            return raw.size();
        }

        synchronized long arrival(int i) {
            return arrivalNanos.get(i)[0];
        }

        synchronized Event rawAt(int i) {
            return raw.get(i);
        }

        Message decode(Event e) {
            var in = transport.unwrap(e, tradeKey);
            if (!in.identityKey().equals(nodePub)) {
                throw new IllegalStateException("reply not from the node");
            }
            return in.message();
        }

        /** A request from this key (trade index on the actions that carry one), wrapped and signed, not sent. */
        Event request(Action a, UUID id, Payload p, long requestId) {
            Message.Builder b = Message.builder(a).requestId(requestId).id(id).payload(p);
            if (a == Action.NEW_ORDER || a == Action.TAKE_SELL || a == Action.TAKE_BUY) {
                b.tradeIndex(index);
            }
            return transport.wrapRequestAsync(b.build(), SenderKeys.reputation(tradeKey, identity), nodePub,
                    WrapOptions.builder().clock(clock).pow(0).build()).toCompletableFuture().join();
        }

        /** The next decoded reply with action {@code a} (others are kept for later calls). */
        Received expect(Action a) throws InterruptedException {
            for (int i = 0; i < stash.size(); i++) {
                if (stash.get(i).message().action() == a) {
                    return stash.remove(i);
                }
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                Received r = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (r == null) {
                    throw new IllegalStateException("no " + a + " within " + WAIT + "; got " + stash);
                }
                if (r.message().action() == a) {
                    return r;
                }
                if (r.message().action() == Action.CANT_DO) {
                    throw new IllegalStateException("cant-do while waiting for " + a + ": " + r.message());
                }
                stash.add(r);
            }
        }
    }

    /** A decoded reply and when its event arrived. */
    record Received(Message message, long nanos) {}

    private static SmallOrder sellOrder() {
        return SmallOrder.builder().kind(OrderKind.SELL).amount(SATS).fiatCode("USD").fiatAmount(FIAT)
                .paymentMethod("SEPA,Bank transfer").premium(0).build();
    }

    // ------------------------------------------------------------------ throughput

    private static void throughput(int n) throws Exception {
        ManualClock clock = new ManualClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
        NodeLoadHarness h = new NodeLoadHarness(clock, false, false);
        try {
            int warm = Integer.getInteger("warmup", Math.max(100, n / 4)); // -Dwarmup=makers (default n / 4)
            int rounds = WARMUP_ROUNDS;
            System.out.printf("node throughput: warm-up %d x %d makers and %d takers (not reported), %s%n", rounds,
                    warm, warm, h.storeName);
            for (int r = 0; r < rounds; r++) {
                h.bursts(warm, false);
            }
            double[] mix = new double[MEASURED_ROUNDS];
            for (int r = 0; r < MEASURED_ROUNDS; r++) {
                mix[r] = h.bursts(n, true);
            }
            if (MEASURED_ROUNDS > 1) {
                double[] sorted = mix.clone();
                Arrays.sort(sorted);
                System.out.printf("mix over %d measured rounds: median %.0f msg/s, min %.0f, max %.0f, each %s%n",
                        MEASURED_ROUNDS, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1],
                        Arrays.toString(Arrays.stream(mix).mapToLong(Math::round).toArray()));
            }
            NodeCounters c = h.node.counters();
            System.out.printf("node counters (warm-up included): accepted=%d dropped=%s cantDo=%s "
                    + "publishFailures=%d outbox=%d; unrouted replies=%d; load %s%s%n", c.accepted(), c.dropped(),
                    c.cantDo(), c.publishFailures(), c.outboxSize(), h.unrouted.get(), load(), h.storeStats());
        } finally {
            h.close();
        }
    }

    /**
     * The three bursts with {@code n} makers and {@code n} takers; prints them when {@code report}. Returns the
     * mix's messages per second.
     */
    private double bursts(int n, boolean report) throws Exception {
        NodeLoadHarness h = this;
        {
            UserKey[] makers = new UserKey[n];
            UserKey[] takers = new UserKey[n];
            Wallet[] wallets = new Wallet[n];
            for (int i = 0; i < n; i++) {
                makers[i] = new UserKey(PrivateKey.generate(), 1);
                takers[i] = new UserKey(PrivateKey.generate(), 1);
                wallets[i] = h.ln.wallet("taker" + WALLET_ROUND.incrementAndGet() + "-" + i, 0);
            }
            if (report) {
                System.out.printf("node throughput: %d makers, %d takers, %s, users verify replies: %s, load %s%n",
                        n, n, h.storeName, USERS_VERIFY, load());
            }

            Event[] newOrders = build(n, i -> makers[i].request(Action.NEW_ORDER, null,
                    new Payload.Order(sellOrder()), 1));
            Burst b1 = h.burst("new-order", newOrders, makers, 1, report);
            UUID[] ids = new UUID[n];
            for (int i = 0; i < n; i++) {
                Message m = makers[i].decode(makers[i].rawAt(0));
                check(m.action() == Action.NEW_ORDER && m.requestId() == 1, "maker " + i + " got " + m);
                ids[i] = ((Payload.Order) m.payload()).order().id();
            }

            Event[] takes = build(n, i -> takers[i].request(Action.TAKE_SELL, ids[i], null, 2));
            Burst b2 = h.burst("take-sell", takes, takers, 1, report);
            long payout = 0;
            for (int i = 0; i < n; i++) {
                Message m = takers[i].decode(takers[i].rawAt(0));
                check(m.action() == Action.ADD_INVOICE && m.requestId() == 2, "taker " + i + " got " + m);
                payout = ((Payload.Order) m.payload()).order().amount();
            }
            final long amount = payout;

            Event[] invoices = build(n, i -> takers[i].request(Action.ADD_INVOICE, ids[i],
                    Payload.PaymentRequest.of(wallets[i].createInvoice(amount, "payout", Duration.ofHours(24))), 3));
            Burst b3 = h.burst("add-invoice", invoices, takers, 2, report);
            for (int i = 0; i < n; i++) {
                Message m = takers[i].decode(takers[i].rawAt(1));
                check(m.action() == Action.WAITING_SELLER_TO_PAY && m.requestId() == 3, "taker " + i + " got " + m);
            }
            // Each maker was told of the take and got the hold invoice to pay: 1 + 1 + 2 replies.
            h.awaitArrivals(makers, 4);

            double total = (double) (b1.nanos + b2.nanos + b3.nanos) / 1e9;
            forget(makers);
            forget(takers);
            if (report) {
                System.out.printf("mix of the three bursts: %d requests in %.3f s = %.0f msg/s%n", 3 * n, total,
                        3 * n / total);
            }
            return 3 * n / total;
        }
    }

    /**
     * Drops a finished round's users and the relay's stored events, so the heap holds one round, not the whole run:
     * the in-process relay keeps every event in memory (a real relay keeps them in its own process and database),
     * and long runs otherwise spent their time in old-generation collections of 1 GB+ of retained events.
     */
    private void forget(UserKey[] users) {
        for (UserKey k : users) {
            keys.remove(k.tradeKey.publicKey().toHex());
        }
        relay.clearStoredEvents();
    }

    /** Builds {@code n} requests on two threads (the build is not measured). */
    private static Event[] build(int n, IntFunction<Event> f) throws Exception {
        Event[] out = new Event[n];
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Void>> fs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int start = t;
                fs.add(CompletableFuture.runAsync(() -> {
                    for (int i = start; i < n; i += 2) {
                        out[i] = f.apply(i);
                    }
                }, ex));
            }
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).get();
        } finally {
            ex.shutdown();
        }
        return out;
    }

    /** One measured burst's wall time. */
    record Burst(long nanos) {}

    /**
     * Publishes every event, then waits until each sender's key has {@code replies} replies; the burst ends at the
     * arrival of the last sender's {@code replies}-th reply.
     */
    private Burst burst(String name, Event[] events, UserKey[] senders, int replies, boolean report)
            throws Exception {
        long accepted0 = node.counters().accepted();
        String loadBefore = load();
        Map<String, Long> threads0 = cpuByThreadGroup();
        long gc0 = gcMillis();
        long jit0 = jitMillis();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        List<CompletableFuture<PublishResult>> pubs = new ArrayList<>(events.length);
        for (Event e : events) {
            pubs.add(users.publish(e).toCompletableFuture());
        }
        long published = System.nanoTime();
        awaitArrivals(senders, replies);
        long end = 0;
        for (UserKey k : senders) {
            end = Math.max(end, k.arrival(replies - 1));
        }
        int ok = 0;
        for (CompletableFuture<PublishResult> f : pubs) {
            ok += f.get().acceptedByAny() ? 1 : 0;
        }
        long cpu = processCpuNanos() - cpu0;
        Map<String, Long> threads = cpuByThreadGroup();
        long gc = gcMillis() - gc0;
        long jit = jitMillis() - jit0;
        long nanos = end - t0;
        long accepted = node.counters().accepted() - accepted0;
        if (!report) {
            return new Burst(nanos);
        }
        System.out.printf("%-12s %d sent (%d accepted by the relay, handed to the pool in %.0f ms), %d accepted by "
                + "the node, %d answered, %.3f s: %.0f msg/s; JVM CPU %.2f s = %.0f msg per CPU-second "
                + "| load before %s, after %s%n", name, events.length, ok, (published - t0) / 1e6, accepted,
                senders.length, nanos / 1e9, events.length / (nanos / 1e9), cpu / 1e9, events.length / (cpu / 1e9),
                loadBefore, load());
        StringBuilder sb = new StringBuilder("             CPU by thread group (ms):");
        threads.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 20_000_000L).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue() / 1_000_000));
        System.out.println(sb);
        System.out.printf("             GC pauses %d ms (wall, all collectors), JIT compiling %d ms (compiler threads)%n",
                gc, jit);
        return new Burst(nanos);
    }

    private void awaitArrivals(UserKey[] senders, int replies) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; i < senders.length; i++) {
            while (senders[i].arrivals() < replies) {
                if (System.nanoTime() > deadline) {
                    int answered = 0;
                    for (UserKey k : senders) {
                        answered += k.arrivals() >= replies ? 1 : 0;
                    }
                    throw new IllegalStateException(answered + " of " + senders.length + " answered within " + WAIT
                            + "; counters " + node.counters());
                }
                Thread.sleep(2);
            }
        }
    }

    // ------------------------------------------------------------------ latency

    /** Latencies (ns) per request kind, shared by the trade drivers. */
    static final class Latencies {
        final Map<String, List<Long>> byKind = new ConcurrentHashMap<>();
        volatile boolean recording;

        void add(String kind, long nanos) {
            if (recording) {
                byKind.computeIfAbsent(kind, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(nanos);
            }
        }
    }

    private static void latency(int trades, int rounds) throws Exception {
        NodeLoadHarness h = new NodeLoadHarness(Clock.systemUTC(), true, true);
        try {
            Latencies lat = new Latencies();
            System.out.printf("node latency: %d concurrent trades, %d warm-up + %d measured rounds, think time %s, %s, "
                    + "load %s%n", trades, WARMUP_ROUNDS, rounds, THINK_MS == 0 ? "none (closed loop)"
                            : "uniform 0-" + 2 * THINK_MS + " ms before each step", h.storeName + ", users verify replies: " + USERS_VERIFY, load());
            Wallet[] sellerWallets = new Wallet[trades];
            Wallet[] buyerWallets = new Wallet[trades];
            PrivateKey[] sellerIds = new PrivateKey[trades];
            PrivateKey[] buyerIds = new PrivateKey[trades];
            for (int i = 0; i < trades; i++) {
                sellerWallets[i] = h.ln.wallet("seller" + i,
                        10 * (rounds + WARMUP_ROUNDS) * SATS);
                buyerWallets[i] = h.ln.wallet("buyer" + i, 0);
                sellerIds[i] = PrivateKey.generate();
                buyerIds[i] = PrivateKey.generate();
            }
            long completed = 0;
            long wallStart = 0;
            long cpuStart = 0;
            int warm = WARMUP_ROUNDS;
            for (int round = 1 - warm; round <= rounds; round++) {
                lat.recording = round > 0;
                if (round == 1) {
                    wallStart = System.nanoTime();
                    cpuStart = processCpuNanos();
                    System.out.printf("measuring from load %s%n", load());
                }
                final long index = round + warm;
                ExecutorService drivers = Executors.newFixedThreadPool(trades, daemon("bench-trade"));
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<Void>> done = new ArrayList<>();
                for (int i = 0; i < trades; i++) {
                    int t = i;
                    done.add(CompletableFuture.runAsync(() -> {
                        try {
                            go.await();
                            h.trade(h.new UserKey(sellerIds[t], index), h.new UserKey(buyerIds[t], index),
                                    sellerWallets[t], buyerWallets[t], lat);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }, drivers));
                }
                go.countDown();
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds() * 2,
                        TimeUnit.SECONDS);
                drivers.shutdown();
                if (round > 0) {
                    completed += trades;
                }
            }
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            System.out.printf("%d trades completed in %.1f s (%.1f trades/s, %.0f requests/s); JVM CPU %.1f s "
                    + "(%.1f ms per trade); load after %s%n", completed, wall, completed / wall, completed * 5 / wall,
                    cpu, cpu * 1e3 / completed, load());
            List<Long> all = new ArrayList<>();
            for (String kind : List.of("new-order", "take-sell", "add-invoice", "fiat-sent", "release",
                    "hold-paid→accepted")) {
                List<Long> l = lat.byKind.getOrDefault(kind, List.of());
                if (!kind.contains("→")) {
                    all.addAll(l);
                }
                print(kind, l);
            }
            print("all requests", all);
            NodeCounters c = h.node.counters();
            System.out.printf("node counters: accepted=%d dropped=%s cantDo=%s payouts=%d publishFailures=%d%s%n",
                    c.accepted(), c.dropped(), c.cantDo(), c.payoutsSucceeded(), c.publishFailures(), h.storeStats());
        } finally {
            h.close();
        }
    }

    /** One sell trade to the buyer's payout, recording each request's send→reply latency. */
    private void trade(UserKey s, UserKey b, Wallet sw, Wallet bw, Latencies lat) throws InterruptedException {
        think();
        Received r = send(s, Action.NEW_ORDER, null, new Payload.Order(sellOrder()), Action.NEW_ORDER, lat,
                "new-order");
        UUID id = ((Payload.Order) r.message().payload()).order().id();

        think();
        r = send(b, Action.TAKE_SELL, id, null, Action.ADD_INVOICE, lat, "take-sell");
        long payout = ((Payload.Order) r.message().payload()).order().amount();
        s.expect(Action.WAITING_BUYER_INVOICE);

        String inv = bw.createInvoice(payout, "payout", Duration.ofHours(24));
        think();
        send(b, Action.ADD_INVOICE, id, Payload.PaymentRequest.of(inv), Action.WAITING_SELLER_TO_PAY, lat,
                "add-invoice");
        String hold = null;
        while (hold == null) {
            Message m = s.expect(Action.PAY_INVOICE).message();
            if (m.payload() instanceof Payload.PaymentRequest pr) {
                hold = pr.invoice();
            }
        }

        think();
        long paid = System.nanoTime();
        sw.pay(hold);
        Received accepted = b.expect(Action.HOLD_INVOICE_PAYMENT_ACCEPTED);
        lat.add("hold-paid→accepted", accepted.nanos() - paid);
        s.expect(Action.BUYER_TOOK_ORDER);

        think();
        send(b, Action.FIAT_SENT, id, null, Action.FIAT_SENT_OK, lat, "fiat-sent");
        s.expect(Action.FIAT_SENT_OK);

        think();
        send(s, Action.RELEASE, id, null, Action.HOLD_INVOICE_PAYMENT_SETTLED, lat, "release");
        b.expect(Action.RELEASED);
        b.expect(Action.PURCHASE_COMPLETED);
    }

    /** Waits a uniformly random 0 to 2 × {@link #THINK_MS} ms (nothing when think time is 0). */
    private static void think() throws InterruptedException {
        if (THINK_MS > 0) {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(2 * THINK_MS + 1));
        }
    }

    /** Builds and signs a request, then times it from the hand-over to the pool to the arrival of the reply. */
    private Received send(UserKey k, Action a, UUID id, Payload p, Action reply, Latencies lat, String kind)
            throws InterruptedException {
        long req = ++k.requestIds;
        Event ev = k.request(a, id, p, req);
        long t0 = System.nanoTime();
        users.publish(ev);
        Received r = k.expect(reply);
        if (r.message().requestId() == null || r.message().requestId() != req) {
            throw new IllegalStateException(kind + ": reply with request id " + r.message().requestId());
        }
        lat.add(kind, r.nanos() - t0);
        return r;
    }

    private static void print(String kind, List<Long> l) {
        if (l.isEmpty()) {
            return;
        }
        long[] a = l.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        System.out.printf("  %-20s n=%5d  p50=%7.1f ms  p99=%7.1f ms  max=%7.1f ms%n", kind, a.length,
                pct(a, 0.50) / 1e6, pct(a, 0.99) / 1e6, a[a.length - 1] / 1e6);
    }

    /** The nearest-rank percentile of a sorted array. */
    static long pct(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    /** Wall time the garbage collectors report for their collections so far (ms). */
    static long gcMillis() {
        long t = 0;
        for (java.lang.management.GarbageCollectorMXBean b : java.lang.management.ManagementFactory
                .getGarbageCollectorMXBeans()) {
            t += Math.max(0, b.getCollectionTime());
        }
        return t;
    }

    /** Time the JIT compilers have spent compiling so far (ms). */
    static long jitMillis() {
        java.lang.management.CompilationMXBean b = java.lang.management.ManagementFactory.getCompilationMXBean();
        return b != null && b.isCompilationTimeMonitoringSupported() ? b.getTotalCompilationTime() : 0;
    }

    /** CPU time of this JVM (all threads, GC and JIT included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of live threads, summed by name with the trailing thread number removed. */
    static Map<String, Long> cpuByThreadGroup() {
        java.lang.management.ThreadMXBean tm = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.HashMap<>();
        for (long id : tm.getAllThreadIds()) {
            java.lang.management.ThreadInfo ti = tm.getThreadInfo(id);
            long c = tm.getThreadCpuTime(id);
            if (ti != null && c > 0) {
                out.merge(ti.getThreadName().replaceAll("-\\d+$", ""), c, Long::sum);
            }
        }
        return out;
    }

    /** The 1-, 5- and 15-minute load averages. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    /**
     * Entry point: {@code throughput [n]} (default 2,000) or {@code latency [trades] [rounds]} (default 100, 3).
     *
     * @param args the mode and its numbers
     * @throws Exception when the node does not answer every request or answers wrongly
     */
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "throughput";
        switch (mode) {
            case "throughput" -> throughput(args.length > 1 ? Integer.parseInt(args[1]) : 2_000);
            case "latency" -> latency(args.length > 1 ? Integer.parseInt(args[1]) : 100,
                    args.length > 2 ? Integer.parseInt(args[2]) : 3);
            default -> throw new IllegalArgumentException("mode: throughput [n] | latency [trades] [rounds]");
        }
        System.exit(0);
    }
}

package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.event.OrderEvent;
import network.mostro.protocol.transport.SenderKeys;
import network.mostro.protocol.transport.Transport;
import network.mostro.protocol.transport.WrapOptions;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.embedded.EmbeddedLightning;
import network.mostro.server.lightning.embedded.Wallet;
import network.mostro.server.price.PriceSource;
import network.mostro.server.store.OrderStore;
import network.mostro.server.store.jdbc.JdbcOrderStore;
import network.mostro.testkit.MockRelay;

/**
 * A node under test on a real WebSocket relay ({@link MockRelay}), the embedded Lightning network and a store, with
 * users simulated through the protocol module only (no client SDK). Time is a {@link ManualClock}.
 */
final class NodeHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);

    final ManualClock clock = new ManualClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    final MockRelay relay = MockRelay.builder().clock(clock).start();
    final EmbeddedLightning ln = EmbeddedLightning.builder().clock(clock).build();
    final RelayPool userPool = RelayPool.builder().relay(relay.uri()).build();
    final PrivateKey nodeKey = PrivateKey.generate();
    final OrderStore store;
    final List<Trader> traders = new CopyOnWriteArrayList<>();
    final MutablePrices prices = new MutablePrices(Map.of("USD", new BigDecimal("50000"), "EUR",
            new BigDecimal("45000")));
    final List<String> statusLog = new CopyOnWriteArrayList<>();
    NodeSettings settings;
    network.mostro.server.lnurl.LnurlPay lnurl;
    LightningBackend backend;
    MostroNode node;

    NodeHarness(OrderStore store, NodeSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    static NodeHarness inMemory(NodeSettings s) {
        return new NodeHarness(OrderStore.inMemory(), s);
    }

    static NodeHarness sqlite(Path dir, NodeSettings s) {
        return new NodeHarness(JdbcOrderStore.sqlite(dir.resolve("node.db")), s);
    }

    /** A harness on a fresh PostgreSQL database; skipped without PostgreSQL binaries (a failure when CI=true). */
    static NodeHarness postgres(NodeSettings s) {
        java.util.Optional<OrderStore> store = network.mostro.server.store.jdbc.NodeTestDatabases.postgres();
        if (store.isEmpty()) {
            String msg = "PostgreSQL binaries not found: PostgreSQL node tests skipped";
            if ("true".equals(System.getenv("CI"))) {
                org.junit.jupiter.api.Assertions.fail(msg);
            }
            org.junit.jupiter.api.Assumptions.abort(msg);
        }
        return new NodeHarness(store.get(), s);
    }

    /** A harness on the named store: {@code memory}, {@code sqlite} (in {@code dir}) or {@code postgres}. */
    static NodeHarness of(String kind, Path dir, NodeSettings s) {
        return switch (kind) {
            case "memory" -> inMemory(s);
            case "sqlite" -> sqlite(dir, s);
            case "postgres" -> postgres(s);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static NodeSettings defaultSettings() {
        return NodeSettings.builder().fee(new BigDecimal("0.006")).name("test mostro").build();
    }

    /** Builds and starts a node (again, after {@link #stopNode()}: a restart on the same store). */
    NodeHarness startNode() {
        return startNode(ln.node("mostro"));
    }

    NodeHarness startNode(LightningBackend b) {
        this.backend = b;
        node = MostroNode.builder().nodeKey(nodeKey).relays(List.of(relay.uri())).settings(settings).lightning(b)
                .store(store).priceSource(prices).lnurl(lnurl).clock(clock).autoTick(false)
                .listener((id, from, to, rule) -> statusLog.add(id + ":" + (from == null ? "-" : from.wireName())
                        + "->" + to.wireName() + "@" + rule))
                .build();
        node.start().toCompletableFuture().join();
        return this;
    }

    /** Closes the node (not the store, Lightning network or relay). */
    void stopNode() {
        node.close();
        if (backend != null) {
            backend.close();
        }
    }

    Trader trader(String name, long sats, boolean fullPrivacy) {
        Trader t = new Trader(name, sats < 0 ? null : ln.wallet(name, sats), fullPrivacy);
        traders.add(t);
        return t;
    }

    /** The node admin: a full-privacy user whose key is the node key. */
    synchronized Key admin() {
        if (adminKey == null) {
            adminKey = trader("admin", -1, true).useKey(nodeKey);
        }
        return adminKey;
    }

    private Key adminKey;

    Transport transport() {
        return settings.transport() == TransportVersion.V1 ? Transport.v1() : Transport.v2();
    }

    PublicKey nodePub() {
        return nodeKey.publicKey();
    }

    /** The 38383 events of an order stored at the relay, oldest revision first is not kept (addressable). */
    List<Event> relayEvents(int kind) {
        List<Event> out = new ArrayList<>();
        for (Event e : relay.storedEvents()) {
            if (e.kind() == kind && e.pubkey().equals(nodePub())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Waits until the relay holds an order event for {@code id} with status {@code s}. */
    OrderEvent awaitOrderEvent(UUID id, String s) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Event e : relayEvents(OrderEvent.KIND)) {
                OrderEvent o = OrderEvent.parse(e);
                if (o.orderId().equals(id.toString()) && o.status().wireName().equals(s)) {
                    return o;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no order event " + id + " with s=" + s + " at the relay");
    }

    /** Polls a condition (for asynchronous deliveries, never for time-based behaviour). */
    static void await(String what, java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (c.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Override
    public void close() {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            for (Trader t : traders) {
                t.close();
            }
            userPool.close();
            ln.close();
            relay.close();
            store.close();
        }
    }

    /** A simulated user: identity key, trade keys by index, a wallet. */
    final class Trader implements AutoCloseable {
        final String name;
        final Wallet wallet;
        final boolean fullPrivacy;
        final PrivateKey identity = PrivateKey.generate();
        long nextIndex = 1;
        long requestIds = 100;
        final List<AutoCloseable> subs = new ArrayList<>();

        Trader(String name, Wallet wallet, boolean fullPrivacy) {
            this.name = name;
            this.wallet = wallet;
            this.fullPrivacy = fullPrivacy;
        }

        /** A fresh trade key with the next index, subscribed for replies. */
        Key newKey() {
            return useKey(PrivateKey.generate());
        }

        /** Uses {@code key} as this trader's next trade key. */
        Key useKey(PrivateKey key) {
            Key k = new Key(this, key, nextIndex++);
            Filter f = settings.transport() == TransportVersion.V1
                    ? Filter.builder().kinds(1059).tag('p', k.key.publicKey().toHex()).build()
                    : Filter.builder().kinds(14).authors(nodePub()).tag('p', k.key.publicKey().toHex()).build();
            subs.add(userPool.subscribe(List.of(f), (event, relayUri) -> k.receive(event)));
            return k;
        }

        @Override
        public void close() {
            for (AutoCloseable c : subs) {
                try {
                    c.close();
                } catch (Exception e) {
                    // ignore
                }
            }
        }
    }

    /** One trade key of a trader, with the messages the node sent to it. */
    final class Key {
        final Trader owner;
        final PrivateKey key;
        final long index;
        final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        final List<Message> all = new CopyOnWriteArrayList<>();
        final java.util.Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Key(Trader owner, PrivateKey key, long index) {
            this.owner = owner;
            this.key = key;
            this.index = index;
        }

        String hex() {
            return key.publicKey().toHex();
        }

        void receive(Event e) {
            if (sent.contains(e.id())) {
                return; // the admin's own request (its key is the node key)
            }
            try {
                var in = transport().unwrap(e, key);
                if (!in.identityKey().equals(nodePub())) {
                    return; // not from the node
                }
                Message m = in.message();
                all.add(m);
                inbox.add(m);
            } catch (RuntimeException ex) {
                // not for us
            }
        }

        SenderKeys senderKeys() {
            return owner.fullPrivacy ? SenderKeys.fullPrivacy(key) : SenderKeys.reputation(key, owner.identity);
        }

        /** Sends {@code m} as built (request id, trade index and id as given). */
        Event sendRaw(Message m) {
            Event ev = wrap(m);
            publish(ev);
            return ev;
        }

        /** The event carrying {@code m}, not published. */
        Event wrap(Message m) {
            Event ev = transport().wrapRequestAsync(m, senderKeys(), nodePub(),
                    WrapOptions.builder().clock(clock).build()).toCompletableFuture().join();
            sent.add(ev.id());
            return ev;
        }

        void publish(Event ev) {
            sent.add(ev.id());
            assertThat(userPool.publish(ev).toCompletableFuture().join().acceptedByAny()).isTrue();
        }

        /** Sends an action on an order with a fresh request id; returns the request id. */
        long send(Action a, UUID id, Payload p) {
            long req = ++owner.requestIds;
            Message.Builder b = Message.builder(a).requestId(req).id(id).payload(p);
            if (a == Action.NEW_ORDER || a == Action.TAKE_SELL || a == Action.TAKE_BUY) {
                b.tradeIndex(owner.fullPrivacy ? null : index);
            }
            sendRaw(b.build());
            return req;
        }

        /** Creates an order; returns the node's confirmation. */
        Message newOrder(SmallOrder order) throws InterruptedException {
            long req = send(Action.NEW_ORDER, null, new Payload.Order(order));
            Message m = expect(Action.NEW_ORDER);
            assertThat(m.requestId()).isEqualTo(req);
            return m;
        }

        Message next() throws InterruptedException {
            Message m = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new AssertionError(owner.name + " (key " + index + ") received nothing; so far " + actions());
            }
            return m;
        }

        Message expect(Action a) throws InterruptedException {
            Message m = next();
            assertThat(m.action()).as(owner.name + " expected " + a + " but got " + m).isEqualTo(a);
            return m;
        }

        /** Asserts nothing more arrives within a short grace period. */
        void expectSilence(Duration d) throws InterruptedException {
            Message m = inbox.poll(d.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(m).as(owner.name + " expected silence").isNull();
        }

        List<Action> actions() {
            List<Action> out = new ArrayList<>();
            for (Message m : all) {
                out.add(m.action());
            }
            return out;
        }
    }

    /** A price source whose rates and availability tests change. */
    static final class MutablePrices implements PriceSource {
        volatile Map<String, BigDecimal> rates;
        volatile boolean failing;

        MutablePrices(Map<String, BigDecimal> rates) {
            this.rates = rates;
        }

        @Override
        public String id() {
            return "test";
        }

        @Override
        public java.util.concurrent.CompletionStage<Map<String, BigDecimal>> fetchRates() {
            if (failing) {
                return java.util.concurrent.CompletableFuture.failedFuture(
                        new network.mostro.server.price.PriceException("down"));
            }
            return java.util.concurrent.CompletableFuture.completedFuture(rates);
        }
    }

    static SmallOrder.Builder sell(long sats, long fiat) {
        return SmallOrder.builder().kind(OrderKind.SELL).amount(sats).fiatCode("USD").fiatAmount(fiat)
                .paymentMethod("SEPA,Bank transfer").premium(0);
    }

    static SmallOrder.Builder buy(long sats, long fiat) {
        return SmallOrder.builder().kind(OrderKind.BUY).amount(sats).fiatCode("USD").fiatAmount(fiat)
                .paymentMethod("SEPA").premium(0);
    }

    static <T> T orFail(T t, Function<T, Boolean> ok) {
        assertThat(ok.apply(t)).isTrue();
        return t;
    }
}

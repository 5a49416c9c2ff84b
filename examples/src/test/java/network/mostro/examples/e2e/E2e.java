package network.mostro.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import network.mostro.client.MostroClient;
import network.mostro.client.SessionStore;
import network.mostro.client.Trade;
import network.mostro.client.TradeEvent;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.transport.SenderKeys;
import network.mostro.protocol.transport.Transport;
import network.mostro.protocol.transport.WrapOptions;
import network.mostro.server.MostroNode;
import network.mostro.server.NodeSettings;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.embedded.EmbeddedLightning;
import network.mostro.server.lightning.embedded.Wallet;
import network.mostro.server.lnurl.LnurlPay;
import network.mostro.server.price.PriceSource;
import network.mostro.server.store.OrderStore;
import network.mostro.server.store.jdbc.JdbcOrderStore;
import network.mostro.testkit.MockRelay;

/**
 * One end-to-end world: a real WebSocket relay ({@link MockRelay} on 127.0.0.1, random port), a {@link MostroNode}
 * on the embedded Lightning network and SQLite (in the test's temporary folder), and {@link MostroClient}s with fresh
 * mnemonics and file session stores. Time is an {@link OffsetClock} shared by all; the node's scheduler runs only when
 * a test calls {@link #advance} ({@code autoTick(false)}).
 *
 * <p>{@link #E2e(Path, URI)} puts the world on another relay instead (the independent npm relay); {@link #relay}
 * is then null and time must not be moved, since that relay judges {@code created_at} by its own clock.
 */
final class E2e implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final long START = 1_000_000;

    final OffsetClock clock = new OffsetClock();
    /** The in-process relay, or null when the world runs on an external one. */
    final MockRelay relay;
    final java.net.URI relayUri;
    final EmbeddedLightning ln = EmbeddedLightning.builder().clock(clock).build();
    final PrivateKey nodeKey = PrivateKey.generate();
    final Path dir;
    final OrderStore store;
    final List<AutoCloseable> owned = new CopyOnWriteArrayList<>();
    NodeSettings settings = NodeSettings.builder().name("e2e mostro").fee(new BigDecimal("0.006")).build();
    LnurlPay lnurl;
    LightningBackend nodeLightning;
    MostroNode node;
    private int clients;

    E2e(Path dir) {
        this(dir, null);
    }

    /** A world on the relay at {@code externalRelay}, or on a new MockRelay when it is null. */
    E2e(Path dir, java.net.URI externalRelay) {
        this.relay = externalRelay == null ? MockRelay.builder().clock(clock).start() : null;
        this.relayUri = externalRelay == null ? relay.uri() : externalRelay;
        this.dir = dir;
        this.store = JdbcOrderStore.sqlite(dir.resolve("node.db"));
    }

    /** Builds and starts the node with the current settings. */
    E2e start() {
        nodeLightning = ln.node("mostro");
        node = MostroNode.builder().nodeKey(nodeKey).relays(List.of(relayUri)).settings(settings)
                .lightning(nodeLightning).store(store).clock(clock).autoTick(false).lnurl(lnurl)
                .priceSource(PriceSource.fixed(Map.of("USD", new BigDecimal("50000"))))
                .build();
        await(node.start());
        return this;
    }

    PublicKey nodePub() {
        return nodeKey.publicKey();
    }

    /** A client with a fresh file session store; waits until it has seen the node's info event. */
    MostroClient client(Mnemonic mnemonic) {
        MostroClient c = MostroClient.builder().relays(relayUri).mnemonic(mnemonic).clock(clock)
                .sessionStore(SessionStore.file(dir.resolve("session-" + (++clients) + ".json")))
                .build();
        owned.add(c);
        await(c.awaitNode(nodePub()));
        return c;
    }

    MostroClient client() {
        return client(Mnemonic.generate());
    }

    Wallet wallet(String name, long sats) {
        return ln.wallet(name, sats);
    }

    long nodeBalance() {
        return ln.balance("mostro");
    }

    /** Moves every clock forward and runs the node's due scheduler jobs. */
    void advance(Duration d) {
        clock.advance(d);
        node.tick();
    }

    /** The stage's value within {@link #WAIT}; a failure is rethrown as is (CantDo, NoAnswer) for assertions. */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        }
    }

    /** The first event of {@code type} the trade receives, within {@link #WAIT}. */
    static <T extends TradeEvent> T event(Trade t, Class<T> type) {
        try {
            return await(t.awaitEvent(type));
        } catch (AssertionError e) {
            throw new AssertionError("trade " + t.orderId() + " (" + t.party() + ") never got "
                    + type.getSimpleName() + "; got " + names(t), e);
        }
    }

    /** Polls a condition for asynchronous deliveries (never for time-based behaviour). */
    static void until(String what, BooleanSupplier c) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (c.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** Waits until the trade's tracked status is {@code status}. */
    static void untilStatus(Trade t, network.mostro.protocol.OrderStatus status) {
        try {
            until(t.party() + " status " + status.wireName(), () -> t.status() == status);
        } catch (AssertionError e) {
            throw new AssertionError(t.party() + " stayed " + t.status().wireName() + " (statuses " + statuses(t)
                    + ", events " + names(t) + "), expected " + status.wireName(), e);
        }
    }

    /** The trade's events without the derived status changes and chat, as simple record names, in order. */
    static List<String> names(Trade t) {
        List<String> out = new ArrayList<>();
        for (TradeEvent e : t.events()) {
            if (!(e instanceof TradeEvent.StatusChanged) && !(e instanceof TradeEvent.ChatReceived)) {
                out.add(e.getClass().getSimpleName());
            }
        }
        return out;
    }

    /** The tracked statuses the trade went through ({@code StatusChanged.to}), in order. */
    static List<String> statuses(Trade t) {
        List<String> out = new ArrayList<>();
        for (TradeEvent e : t.events()) {
            if (e instanceof TradeEvent.StatusChanged s) {
                out.add(s.to().wireName());
            }
        }
        return out;
    }

    /** A protocol-level user (no client SDK): the node admin or a solver. */
    ProtocolUser protocolUser(PrivateKey key) {
        ProtocolUser u = new ProtocolUser(key);
        owned.add(u);
        return u;
    }

    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        try {
            if (node != null) {
                node.close();
            }
            if (nodeLightning != null) {
                nodeLightning.close();
            }
        } finally {
            ln.close();
            if (relay != null) {
                relay.close();
            }
            store.close();
        }
    }

    /** Sends full-privacy requests with one key and collects the node's replies to it. */
    final class ProtocolUser implements AutoCloseable {
        final PrivateKey key;
        final RelayPool pool = RelayPool.builder().relay(relayUri).build();
        final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        final java.util.Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private long requestIds = 1;

        ProtocolUser(PrivateKey key) {
            this.key = key;
            pool.subscribe(List.of(Filter.builder().kinds(Transport.v2().eventKind()).authors(nodePub())
                    .tag('p', key.publicKey().toHex()).build()), (event, uri) -> receive(event));
        }

        private void receive(Event e) {
            if (sent.contains(e.id())) {
                return; // the admin's own request: its key is the node key
            }
            try {
                var in = Transport.v2().unwrap(e, key);
                if (in.identityKey().equals(nodePub())) {
                    inbox.add(in.message());
                }
            } catch (RuntimeException ex) {
                // not for this key
            }
        }

        /** Sends {@code b} with a fresh request id and returns the node's first reply. */
        Message request(Message.Builder b) {
            long req = ++requestIds;
            Event ev = Transport.v2().wrapRequest(b.requestId(req).build(), SenderKeys.fullPrivacy(key), nodePub(),
                    WrapOptions.builder().clock(clock).build());
            sent.add(ev.id());
            assertThat(await(pool.publish(ev)).acceptedByAny()).isTrue();
            Message m = next();
            assertThat(m.requestId()).isEqualTo(req);
            return m;
        }

        Message next() {
            try {
                Message m = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (m == null) {
                    throw new AssertionError("the node sent nothing to " + key.publicKey().toHex());
                }
                return m;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        Message expect(Action a) {
            Message m = next();
            assertThat(m.action()).as("expected " + a + " but got " + m).isEqualTo(a);
            return m;
        }

        @Override
        public void close() {
            pool.close();
        }
    }
}

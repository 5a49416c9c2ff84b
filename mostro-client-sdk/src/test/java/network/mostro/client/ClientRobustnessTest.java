package network.mostro.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import network.mostro.client.internal.ClientEngine;
import network.mostro.client.internal.InMemorySessionStore;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.TransportException;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.event.InfoEvent;
import network.mostro.protocol.event.OrderEvent;
import network.mostro.testkit.MockRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure paths of {@link MostroClient}: store failures, leaks, retries, bounds. */
class ClientRobustnessTest {
    MockRelay relay;
    FakeMostro node;
    final List<AutoCloseable> closeMe = new ArrayList<>();
    final List<String> ignored = new CopyOnWriteArrayList<>();
    final List<ClientStateException> storeFailures = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        relay = MockRelay.start();
        node = new FakeMostro(relay);
        node.publishInfo(2, 0, 0);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closeMe.size() - 1; i >= 0; i--) {
            closeMe.get(i).close();
        }
        node.close();
        relay.close();
    }

    MostroClient.Builder builder(Mnemonic m, SessionStore store) {
        return MostroClient.builder().relays(relay.uri()).mnemonic(m).sessionStore(store)
                .listener(new ClientListener() {
                    @Override
                    public void onIgnoredEvent(String reason) {
                        ignored.add(reason);
                    }

                    @Override
                    public void onStoreFailure(ClientStateException error) {
                        storeFailures.add(error);
                    }
                });
    }

    MostroClient client(Mnemonic m, SessionStore store) {
        MostroClient c = builder(m, store).build();
        closeMe.add(c);
        return c;
    }

    MostroClient client() {
        return client(Mnemonic.generate(), SessionStore.inMemory());
    }

    static <T> T join(CompletionStage<T> s) {
        return s.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    static Throwable failure(CompletionStage<?> s) {
        try {
            join(s);
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    static <T extends TradeEvent> T await(Trade t, Class<T> type) {
        return join(t.awaitEvent(type));
    }

    /** Waits (up to 20 s) until {@code condition} holds; the condition is set by a listener or a relay. */
    static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    Trade[] activeSellTrade(MostroClient seller, MostroClient buyer) throws Exception {
        Trade s = join(seller.createOrder(node.pub, NewOrder.sell("USD", 100, "SEPA").fixedSats(150_000).build()));
        Trade b = join(buyer.takeSell(node.pub, s.orderId(), TakeOptions.none()));
        join(b.addInvoice(MostroClientTest.INVOICE));
        await(s, TradeEvent.PayHoldInvoice.class);
        node.holdInvoicePaid(s.orderId());
        await(s, TradeEvent.BuyerTookOrder.class);
        await(b, TradeEvent.HoldInvoicePaymentAccepted.class);
        return new Trade[] {s, b};
    }

    /** An in-memory store whose trade writes can be made to fail, leaving nothing changed. */
    static final class FlakyStore extends InMemorySessionStore {
        volatile boolean failTradeWrites;

        @Override
        public synchronized void saveTrade(TradeRecord record) {
            if (failTradeWrites) {
                throw new ClientStateException("disk full (test)");
            }
            super.saveTrade(record);
        }

        @Override
        public synchronized void saveTrade(TradeRecord record, String processedId) {
            if (failTradeWrites) {
                throw new ClientStateException("disk full (test)");
            }
            super.saveTrade(record, processedId);
        }
    }

    @Test
    void messageWhoseTradeWriteFailedIsAppliedAgainAfterRestart() throws Exception {
        Mnemonic sm = Mnemonic.generate();
        FlakyStore store = new FlakyStore();
        MostroClient seller = client(sm, store);
        Trade[] t = activeSellTrade(seller, client());
        store.failTradeWrites = true;
        join(t[1].fiatSent());
        // the seller got fiat-sent-ok and could not store its effect: reported, applied in memory only
        waitUntil("the store failure report", () -> !storeFailures.isEmpty());
        assertThat(await(t[0], TradeEvent.FiatSentOk.class)).isNotNull();
        assertThat(store.trades()).singleElement().extracting(TradeRecord::status).isEqualTo(OrderStatus.ACTIVE);
        store.failTradeWrites = false;
        seller.close();

        // on restart the relay's copy of fiat-sent-ok is not skipped as "processed": it is applied to the stored trade
        MostroClient again = client(sm, store);
        Trade s = again.trade(t[0].orderId()).orElseThrow();
        await(s, TradeEvent.FiatSentOk.class);
        assertThat(s.status()).isEqualTo(OrderStatus.FIAT_SENT);
        // the write follows the event's delivery under the client's lock
        waitUntil("the re-applied trade to be stored",
                () -> store.trades().get(0).status() == OrderStatus.FIAT_SENT);
    }

    @Test
    void fileStoreIoErrorIsReportedAndTheClientKeepsWorking() throws Exception {
        Path sub = dir.resolve("sub");
        Path moved = dir.resolve("sub.moved");
        MostroClient seller = client(Mnemonic.generate(), SessionStore.file(sub.resolve("seller.json")));
        Trade[] t = activeSellTrade(seller, client());
        // a real I/O error: the session file's directory becomes a regular file
        Files.move(sub, moved);
        Files.writeString(sub, "not a directory");
        join(t[1].fiatSent());
        waitUntil("the store failure report", () -> !storeFailures.isEmpty());
        assertThat(storeFailures.get(0)).hasMessageContaining("seller.json");
        await(t[0], TradeEvent.FiatSentOk.class);
        assertThat(t[0].status()).isEqualTo(OrderStatus.FIAT_SENT);
        // the relay callback thread survived: later messages are still processed and stored once the disk is back
        Files.delete(sub);
        Files.move(moved, sub);
        join(t[1].chat().send("still there?"));
        assertThat(await(t[0], TradeEvent.ChatReceived.class).entry().text()).isEqualTo("still there?");
        join(t[0].release());
        assertThat(Files.readString(sub.resolve("seller.json"))).contains("settled-hold-invoice", "still there?");
    }

    @Test
    void reputationClosesItsSubscriptionWhenEoseComesBeforeSubscribeReturns() {
        ScriptedPool pool = new ScriptedPool();
        pool.eoseInsideSubscribe = f -> f.stream().anyMatch(x -> x.kinds() != null
                && x.kinds().contains(OrderEvent.KIND));
        MostroClient c = MostroClient.builder().relayPool(pool).mnemonic(Mnemonic.generate()).build();
        closeMe.add(c);
        NodeReputation r = join(c.reputation(node.pub));
        assertThat(r.ordersSeen()).isZero();
        ScriptedPool.Sub sub = pool.withKind(OrderEvent.KIND).get(0);
        assertThat(sub.closed).isTrue();
        assertThat(sub.filters).allSatisfy(f -> assertThat(f.limit()).isNotNull().isPositive());
    }

    @Test
    void reputationTimesOutAndCloses() {
        ScriptedPool pool = new ScriptedPool();
        MostroClient c = MostroClient.builder().relayPool(pool).mnemonic(Mnemonic.generate())
                .requestTimeout(Duration.ofMillis(200)).build();
        closeMe.add(c);
        Throwable t = failure(c.reputation(node.pub));
        assertThat(t).isInstanceOf(TransportException.class).hasMessageContaining("end of stored events");
        assertThat(pool.withKind(OrderEvent.KIND).get(0).closed).isTrue();
    }

    @Test
    void reputationBuffersAtMostTheCap() {
        ScriptedPool pool = new ScriptedPool();
        MostroClient c = MostroClient.builder().relayPool(pool).mnemonic(Mnemonic.generate()).build();
        closeMe.add(c);
        CompletionStage<NodeReputation> f = c.reputation(node.pub);
        ScriptedPool.Sub sub = pool.withKind(OrderEvent.KIND).get(0);
        String sig = "0".repeat(128);
        for (int i = 0; i < ClientEngine.MAX_REPUTATION_EVENTS + 50; i++) {
            String id = String.format("%064x", i);
            Event e = new Event(id, node.pub, 1_700_000_000L + i, OrderEvent.KIND,
                    List.of(Tag.of("d", UUID.randomUUID().toString()), Tag.of("s", "success")), "", sig);
            sub.listener.onEvent(e, ScriptedPool.RELAY);
        }
        // no end-of-stored-events was sent: the cap alone ends the query
        NodeReputation r = join(f);
        assertThat(r.ordersSeen()).isEqualTo(ClientEngine.MAX_REPUTATION_EVENTS);
        assertThat(r.ordersSucceeded()).isEqualTo(ClientEngine.MAX_REPUTATION_EVENTS);
        assertThat(sub.closed).isTrue();
    }

    @Test
    void chatHistoryIsBoundedPerTrade() throws Exception {
        MostroClient seller = builder(Mnemonic.generate(), SessionStore.inMemory()).chatHistoryLimit(3).build();
        closeMe.add(seller);
        MostroClient buyer = builder(Mnemonic.generate(), SessionStore.inMemory()).chatHistoryLimit(3).build();
        closeMe.add(buyer);
        Trade[] t = activeSellTrade(seller, buyer);
        List<String> got = new CopyOnWriteArrayList<>();
        t[1].addListener((tr, e) -> {
            if (e instanceof TradeEvent.ChatReceived c) {
                got.add(c.entry().text());
            }
        });
        for (int i = 1; i <= 5; i++) {
            join(t[0].chat().send("m" + i));
        }
        waitUntil("five messages at the buyer", () -> got.size() == 5);
        assertThat(t[1].chat().history()).extracting(ChatEntry::text).containsExactly("m3", "m4", "m5");
        assertThat(t[0].chat().history()).extracting(ChatEntry::text).containsExactly("m3", "m4", "m5");
        assertThatThrownBy(() -> MostroClient.builder().chatHistoryLimit(0))
                .isInstanceOf(ClientStateException.class);
    }

    @Test
    void failedStartReleasesThreadsAndSubscriptions() throws Exception {
        SessionStore broken = new InMemorySessionStore() {
            @Override
            public synchronized List<TradeRecord> trades() {
                throw new ClientStateException("unreadable (test)");
            }
        };
        ScriptedPool pool = new ScriptedPool();
        assertThatThrownBy(() -> MostroClient.builder().relayPool(pool).mnemonic(Mnemonic.generate())
                .sessionStore(broken).build()).isInstanceOf(ClientStateException.class);
        assertThat(pool.subscriptions).isNotEmpty().allMatch(s -> s.closed);
        assertThat(pool.closed).isFalse(); // not ours to close

        // with a client-owned pool the relay connection goes away too
        assertThatThrownBy(() -> MostroClient.builder().relays(relay.uri()).mnemonic(Mnemonic.generate())
                .sessionStore(broken).build()).isInstanceOf(ClientStateException.class);
        waitUntil("the failed client's connection to close", () -> relay.connectionCount() == 1); // FakeMostro's
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.getName().startsWith("mostro-client")) {
                th.join(5_000);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(th -> th.isAlive()
                && th.getName().startsWith("mostro-client"));
    }

    @Test
    void takeCanBeRetriedWhenNoRelayAcceptedIt() throws Exception {
        MostroClient seller = client();
        MostroClient buyer = client();
        Trade s = join(seller.createOrder(node.pub, NewOrder.sell("USD", 100, "SEPA").fixedSats(150_000).build()));
        join(buyer.awaitNode(node.pub));
        relay.faults().rejectWrites("blocked: test");
        Throwable t = failure(buyer.takeSell(node.pub, s.orderId(), TakeOptions.none()));
        assertThat(t).isInstanceOf(TransportException.class);
        assertThat(buyer.trades()).isEmpty();
        relay.faults().rejectWrites(null);
        Trade b = join(buyer.takeSell(node.pub, s.orderId(), TakeOptions.none()));
        assertThat(b.orderId()).isEqualTo(s.orderId());
        assertThat(await(b, TradeEvent.InvoiceRequested.class)).isNotNull();
        assertThat(buyer.trades()).containsExactly(b);
    }

    @Test
    void nodeFeeIsAnExactDecimal() {
        PrivateKey k = PrivateKey.generate();
        InfoEvent info = InfoEvent.builder(k.publicKey().toHex()).fee(0.006).build();
        MostroNodeInfo n = MostroNodeInfo.of(k.publicKey(), info, 1);
        assertThat(n.fee()).isEqualTo(new BigDecimal("0.006"));
        InfoEvent none = InfoEvent.builder(k.publicKey().toHex()).build();
        assertThat(MostroNodeInfo.of(k.publicKey(), none, 1).fee()).isEqualTo(BigDecimal.ZERO);
        assertThat(Set.of(n.fee().scale())).containsExactly(3);
    }
}

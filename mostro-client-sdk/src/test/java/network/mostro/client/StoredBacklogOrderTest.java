package network.mostro.client;

import static network.mostro.client.ClientRobustnessTest.await;
import static network.mostro.client.ClientRobustnessTest.join;
import static network.mostro.client.ClientRobustnessTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.transport.Transport;
import network.mostro.protocol.transport.WrapOptions;
import network.mostro.testkit.MockRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A client that was offline while Mostro sent several notifications for its trade finds them stored at the relay,
 * which sends them newest first (same-second ones by id); the next client on the same session store must still apply
 * them in the order they were sent and reach the right status.
 */
class StoredBacklogOrderTest {
    MockRelay relay;
    FakeMostro node;
    final List<AutoCloseable> closeMe = new ArrayList<>();
    final List<String> ignored = new CopyOnWriteArrayList<>();

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

    MostroClient client(Mnemonic m, SessionStore store) {
        MostroClient c = MostroClient.builder().relays(relay.uri()).mnemonic(m).sessionStore(store)
                .listener(new ClientListener() {
                    @Override
                    public void onIgnoredEvent(String reason) {
                        ignored.add(reason);
                    }
                }).build();
        closeMe.add(c);
        return c;
    }

    /** Mostro's notification to {@code to}, stamped {@code createdAt}, stored at the relay. */
    void stored(PublicKey to, Message m, long createdAt) {
        node.publish(Transport.v2().wrapReply(m, node.key, to, WrapOptions.builder().createdAt(createdAt).build()));
    }

    static Message msg(Action a, FakeMostro.Ord o, Payload p) {
        return Message.builder(a).id(o.id).payload(p).build();
    }

    /** The trade-flow events (not status changes or others) in the order the trade received them. */
    static List<Class<?>> flow(Trade t) {
        return t.events().stream().filter(e -> !(e instanceof TradeEvent.StatusChanged))
                .<Class<?>>map(Object::getClass).toList();
    }

    @RepeatedTest(3)
    void buyerOfflineUntilTheEndReachesSuccess() throws Exception {
        MostroClient seller = client(Mnemonic.generate(), SessionStore.inMemory());
        Mnemonic bm = Mnemonic.generate();
        SessionStore bstore = SessionStore.inMemory();
        MostroClient buyer = client(bm, bstore);
        Trade s = join(seller.createOrder(node.pub, NewOrder.sell("USD", 100, "SEPA").fixedSats(150_000).build()));
        Trade b = join(buyer.takeSell(node.pub, s.orderId(), TakeOptions.none()));
        join(b.addInvoice(MostroClientTest.INVOICE));
        assertThat(b.status()).isEqualTo(OrderStatus.WAITING_PAYMENT);
        buyer.close();

        // while the buyer is away: hold paid, fiat sent, released and paid out, the last three in one second
        FakeMostro.Ord o = node.order(s.orderId());
        long t = FakeMostro.now();
        stored(o.buyer, msg(Action.HOLD_INVOICE_PAYMENT_ACCEPTED, o,
                new Payload.Order(node.small(o, OrderStatus.ACTIVE, o.amount, true))), t - 3);
        stored(o.buyer, msg(Action.FIAT_SENT_OK, o, new Payload.Peer(o.seller.toHex(), null)), t - 2);
        stored(o.buyer, msg(Action.RELEASED, o, null), t - 1);
        stored(o.buyer, msg(Action.PURCHASE_COMPLETED, o, null), t - 1);
        stored(o.buyer, msg(Action.RATE, o, null), t - 1);

        MostroClient again = client(bm, bstore);
        Trade b2 = again.trade(s.orderId()).orElseThrow();
        await(b2, TradeEvent.RateRequested.class);
        waitUntil("the buyer's success", () -> b2.status() == OrderStatus.SUCCESS);
        assertThat(flow(b2)).containsSubsequence(TradeEvent.HoldInvoicePaymentAccepted.class,
                TradeEvent.FiatSentOk.class, TradeEvent.Released.class, TradeEvent.PurchaseCompleted.class,
                TradeEvent.RateRequested.class);
        assertThat(b2.events()).filteredOn(e -> e instanceof TradeEvent.StatusChanged)
                .extracting(e -> ((TradeEvent.StatusChanged) e).to())
                .containsExactly(OrderStatus.ACTIVE, OrderStatus.FIAT_SENT, OrderStatus.SETTLED_HOLD_INVOICE,
                        OrderStatus.SUCCESS);
        // live messages after the stored ones are still applied
        assertThat(((TradeEvent.RateReceived) join(b2.rate(4))).rating()).isEqualTo(4);
    }

    @RepeatedTest(3)
    void sellerOfflineAcrossTakeFiatAndReleaseFollowsEveryStep() throws Exception {
        Mnemonic sm = Mnemonic.generate();
        SessionStore sstore = SessionStore.inMemory();
        MostroClient seller = client(sm, sstore);
        MostroClient buyer = client(Mnemonic.generate(), SessionStore.inMemory());
        Trade s = join(seller.createOrder(node.pub, NewOrder.sell("USD", 100, "SEPA").fixedSats(150_000).build()));
        Trade b = join(buyer.takeSell(node.pub, s.orderId(), TakeOptions.none()));
        join(b.addInvoice(MostroClientTest.INVOICE));
        await(s, TradeEvent.PayHoldInvoice.class);
        assertThat(s.status()).isEqualTo(OrderStatus.WAITING_PAYMENT);
        seller.close();

        // while the seller is away: hold paid and fiat sent in one second, then released (from another device)
        FakeMostro.Ord o = node.order(s.orderId());
        long t = FakeMostro.now();
        stored(o.seller, msg(Action.BUYER_TOOK_ORDER, o,
                new Payload.Order(node.small(o, OrderStatus.ACTIVE, o.amount, true))), t - 2);
        stored(o.seller, msg(Action.FIAT_SENT_OK, o, new Payload.Peer(o.buyer.toHex(), null)), t - 2);
        stored(o.seller, msg(Action.HOLD_INVOICE_PAYMENT_SETTLED, o, null), t - 1);
        stored(o.seller, msg(Action.RATE, o, null), t - 1);

        MostroClient again = client(sm, sstore);
        Trade s2 = again.trade(s.orderId()).orElseThrow();
        await(s2, TradeEvent.RateRequested.class);
        waitUntil("the seller's settlement", () -> s2.status() == OrderStatus.SETTLED_HOLD_INVOICE);
        assertThat(flow(s2)).containsSubsequence(TradeEvent.BuyerTookOrder.class, TradeEvent.FiatSentOk.class,
                TradeEvent.HoldInvoicePaymentSettled.class, TradeEvent.RateRequested.class);
        assertThat(s2.events()).filteredOn(e -> e instanceof TradeEvent.StatusChanged)
                .extracting(e -> ((TradeEvent.StatusChanged) e).to())
                .containsExactly(OrderStatus.ACTIVE, OrderStatus.FIAT_SENT, OrderStatus.SETTLED_HOLD_INVOICE);
    }
}

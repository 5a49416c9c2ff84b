package network.mostro.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.state.WaitingOn;
import network.mostro.testkit.MockRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a trade ends for each side against the scripted node: the buyer's status after failed and retried payouts
 * (SPEC §10.3), the seller's part ending at {@code settled-hold-invoice}, and the trade key's subscription lasting
 * exactly as long as Mostro can still send something (rate / rate-received).
 */
class TradeEndTest {
    static final String INVOICE = "buyer@getalby.com";

    MockRelay relay;
    FakeMostro node;
    final List<AutoCloseable> closeMe = new ArrayList<>();

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

    MostroClient client(Mnemonic m, SessionStore store) {
        MostroClient c = MostroClient.builder().relays(relay.uri()).mnemonic(m).sessionStore(store)
                .requestTimeout(Duration.ofSeconds(10)).build();
        closeMe.add(c);
        return c;
    }

    MostroClient client() {
        return client(Mnemonic.generate(), SessionStore.inMemory());
    }

    static <T> T join(CompletionStage<T> s) {
        return s.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    static <T extends TradeEvent> T await(Trade t, Class<T> type) {
        return join(t.awaitEvent(type));
    }

    /** Waits (up to 20 s) for a signal the client gives, never for the mere passing of time. */
    static void waitUntil(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A fixed sell order taken, paid, fiat sent and released: {seller, buyer}. */
    Trade[] releasedSellTrade(MostroClient seller, MostroClient buyer) {
        Trade s = join(seller.createOrder(node.pub, NewOrder.sell("USD", 100, "SEPA").fixedSats(150_000).build()));
        Trade b = join(buyer.takeSell(node.pub, s.orderId(), TakeOptions.none()));
        join(b.addInvoice(INVOICE));
        await(s, TradeEvent.PayHoldInvoice.class);
        try {
            node.holdInvoicePaid(s.orderId());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await(b, TradeEvent.HoldInvoicePaymentAccepted.class);
        join(b.fiatSent());
        await(s, TradeEvent.FiatSentOk.class);
        assertThat(join(s.release())).isInstanceOf(TradeEvent.HoldInvoicePaymentSettled.class);
        return new Trade[] {s, b};
    }

    @Test
    void buyerReachesSuccessWhenAPayoutRetrySucceedsAfterPaymentFailed() throws Exception {
        node.failPayout = true;
        Trade[] t = releasedSellTrade(client(), client());
        Trade b = t[1];
        TradeEvent.PaymentFailed failed = await(b, TradeEvent.PaymentFailed.class);
        assertThat(failed.paymentAttempts()).isEqualTo(3);
        assertThat(b.status()).isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
        assertThat(b.isFinished()).isFalse();
        assertThat(b.waitingOn()).isEqualTo(WaitingOn.NODE);

        node.payoutRetried(b.orderId());
        await(b, TradeEvent.PurchaseCompleted.class);
        await(b, TradeEvent.RateRequested.class);
        assertThat(b.status()).isEqualTo(OrderStatus.SUCCESS);
        assertThat(b.isFinished()).isTrue();
        assertThat(b.events()).anyMatch(e -> e instanceof TradeEvent.StatusChanged c
                && c.from() == OrderStatus.SETTLED_HOLD_INVOICE && c.to() == OrderStatus.SUCCESS);
        assertThat(((TradeEvent.RateReceived) join(b.rate(5))).rating()).isEqualTo(5);
    }

    @Test
    void buyerReachesSuccessAfterExhaustedPayoutsAndANewInvoice() throws Exception {
        node.failPayout = true;
        Trade[] t = releasedSellTrade(client(), client());
        Trade b = t[1];
        await(b, TradeEvent.PaymentFailed.class);
        // every later attempt failed too (silently): Mostro asks for a new invoice
        node.payoutExhausted(b.orderId());
        await(b, TradeEvent.InvoiceRequested.class);
        assertThat(b.status()).isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
        assertThat(join(b.addInvoice(INVOICE))).isInstanceOf(TradeEvent.InvoiceUpdated.class);
        assertThat(b.status()).isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
        assertThat(b.isFinished()).isFalse();

        node.payoutRetried(b.orderId());
        await(b, TradeEvent.PurchaseCompleted.class);
        assertThat(b.status()).isEqualTo(OrderStatus.SUCCESS);
        assertThat(b.isFinished()).isTrue();
    }

    @Test
    void sellerIsFinishedOnceTheEscrowIsSettledAndCanStillRate() throws Exception {
        node.failPayout = true; // the buyer's payout is still pending: nothing about it reaches the seller
        Trade[] t = releasedSellTrade(client(), client());
        Trade s = t[0];
        await(s, TradeEvent.RateRequested.class);
        assertThat(s.status()).isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
        assertThat(s.isFinished()).isTrue();
        await(t[1], TradeEvent.PaymentFailed.class);
        assertThat(t[1].isFinished()).isFalse();
        assertThat(((TradeEvent.RateReceived) join(s.rate(4))).rating()).isEqualTo(4);
        assertThat(s.status()).isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
        assertThat(s.isFinished()).isTrue();
    }

    @Test
    void tradeKeySubscriptionClosesOnlyOnceRated() throws Exception {
        Trade[] t = releasedSellTrade(client(), client());
        Trade b = t[1];
        await(b, TradeEvent.RateRequested.class);
        assertThat(b.isFinished()).isTrue();
        int open = relay.subscriptionCount();
        // finished but not rated: the key's subscription is still open for rate-received
        assertThat(((TradeEvent.RateReceived) join(b.rate(5))).rating()).isEqualTo(5);
        assertThat(relay.awaitSubscriptions(open - 1, Duration.ofSeconds(20)))
                .as("the rated buyer's trade-key subscription is closed").isTrue();
    }

    @Test
    void restoredFinishedSellerStaysSubscribedUntilRated() throws Exception {
        Mnemonic sm = Mnemonic.generate();
        Path file = dir.resolve("seller.json");
        MostroClient seller = client(sm, SessionStore.file(file));
        Trade[] t = releasedSellTrade(seller, client());
        await(t[0], TradeEvent.RateRequested.class);
        String key = t[0].tradePublicKey().toHex();
        seller.close();

        int before = relay.receivedFrames().size();
        MostroClient again = client(sm, SessionStore.file(file));
        Trade s = again.trade(t[0].orderId()).orElseThrow();
        assertThat(s.isFinished()).isTrue();
        waitUntil("a REQ for the finished, unrated seller's trade key", () -> reqsFor(key, before) > 0);
        assertThat(((TradeEvent.RateReceived) join(s.rate(3))).rating()).isEqualTo(3);
        again.close();

        int mark = relay.receivedFrames().size();
        MostroClient third = client(sm, SessionStore.file(file));
        Trade done = third.trade(t[0].orderId()).orElseThrow();
        assertThat(done.isFinished()).isTrue();
        // a new order's key subscribes after the restored trades did (frames on a connection arrive in order):
        // once it is answered, every REQ of the restore has reached the relay, and none names the rated trade key
        Trade later = join(third.createOrder(node.pub, NewOrder.sell("USD", 5, "SEPA").build()));
        assertThat(reqsFor(later.tradePublicKey().toHex(), mark)).isPositive();
        assertThat(reqsFor(key, mark)).isZero();
    }

    private int reqsFor(String key, int from) {
        List<String> frames = relay.receivedFrames();
        return (int) frames.subList(Math.min(from, frames.size()), frames.size()).stream()
                .filter(f -> f.startsWith("[\"REQ\"") && f.contains(key)).count();
    }
}

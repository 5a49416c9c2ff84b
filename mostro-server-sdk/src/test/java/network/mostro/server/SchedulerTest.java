package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import network.mostro.server.NodeHarness.Key;
import network.mostro.server.NodeHarness.Trader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler of SPEC §11 on a {@link ManualClock}: pending expiry, waiting timeouts with the taker or the maker at
 * fault, the escrow deadline guard, payout failures with retries and a new invoice. No sleeps: time moves by
 * {@code clock.advance} and {@code node.tick()}.
 */
class SchedulerTest {
    static final long START = 1_000_000;
    NodeHarness h;
    Trader seller;
    Trader buyer;

    @BeforeEach
    void setUp() {
        h = NodeHarness.inMemory(NodeHarness.defaultSettings()).startNode();
        seller = h.trader("seller", START, false);
        buyer = h.trader("buyer", START, false);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    void advance(long seconds) {
        h.clock.advance(Duration.ofSeconds(seconds));
        h.node.tick();
    }

    @Test
    void pendingOrderExpiresSilently() throws Exception {
        Key s = seller.newKey();
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        advance(23 * 3600);
        s.expectSilence(Duration.ofMillis(200));
        advance(3600 + 61);
        h.awaitOrderEvent(id, "canceled");
        s.expectSilence(Duration.ofMillis(300));
        assertThat(h.statusLog).anyMatch(l -> l.endsWith("pending->expired@pending-expired.2"));
    }

    @Test
    void customExpiryIsClampedToMaxExpirationDays() throws Exception {
        Key s = seller.newKey();
        long now = h.clock.instant().getEpochSecond();
        Message m = s.newOrder(NodeHarness.sell(100_000, 50).expiresAt(now + 100 * 86_400L).build());
        assertThat(((Payload.Order) m.payload()).order().expiresAt()).isEqualTo(now + 15 * 86_400L);
    }

    @Test
    void sellOrderTakerLateGoesBackToPending() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        Steps.takeSell(b, s, id);
        advance(899);
        b.expectSilence(Duration.ofMillis(200));
        advance(61);
        assertThat(b.expect(Action.CANCELED).requestId()).isNull();
        Message back = s.expect(Action.NEW_ORDER);
        assertThat(((Payload.Order) back.payload()).order().status()).isEqualTo(OrderStatus.PENDING);
        h.awaitOrderEvent(id, "pending");
    }

    @Test
    void sellOrderMakerLateIsCanceled() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        String inv = buyer.wallet.createInvoice(99_700, "payout", Duration.ofHours(24));
        // take-sell with the invoice attached: waiting-payment, the public s stays pending
        b.send(Action.TAKE_SELL, id, Payload.PaymentRequest.of(inv));
        Message pay = s.expect(Action.PAY_INVOICE);
        assertThat(((Payload.PaymentRequest) pay.payload()).order().amount()).isEqualTo(100_300);
        b.expect(Action.WAITING_SELLER_TO_PAY);
        advance(961);
        s.expect(Action.CANCELED);
        b.expect(Action.CANCELED);
        h.awaitOrderEvent(id, "canceled");
        assertThat(seller.wallet.pay(((Payload.PaymentRequest) pay.payload()).invoice()).toCompletableFuture()
                .get().status().name()).isEqualTo("FAILED");
    }

    @Test
    void buyOrderTimeoutsBlameTheLateParty() throws Exception {
        Key b = buyer.newKey();
        Key s = seller.newKey();
        UUID id = Steps.create(b, NodeHarness.buy(100_000, 50).build());
        // taker (seller) never pays: back to pending
        s.send(Action.TAKE_BUY, id, null);
        s.expect(Action.PAY_INVOICE);
        b.expect(Action.WAITING_SELLER_TO_PAY);
        advance(961);
        s.expect(Action.CANCELED);
        b.expect(Action.NEW_ORDER);
        h.awaitOrderEvent(id, "pending");
        // taken again; the seller pays; the maker (buyer) never sends an invoice: canceled, seller refunded
        Key s2 = seller.newKey();
        s2.send(Action.TAKE_BUY, id, null);
        Message pay = s2.expect(Action.PAY_INVOICE);
        b.expect(Action.WAITING_SELLER_TO_PAY);
        seller.wallet.pay(((Payload.PaymentRequest) pay.payload()).invoice());
        b.expect(Action.ADD_INVOICE);
        s2.expect(Action.WAITING_BUYER_INVOICE);
        b.expect(Action.ADD_INVOICE);
        assertThat(seller.wallet.balance()).isEqualTo(START - 100_300);
        advance(961);
        b.expect(Action.CANCELED);
        s2.expect(Action.CANCELED);
        h.awaitOrderEvent(id, "canceled");
        NodeHarness.await("seller refund", () -> seller.wallet.balance() == START);
    }

    @Test
    void escrowDeadlineCancelsAnActiveTrade() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.activeSell(s, b);
        h.ln.mineBlocks(119);
        advance(301);
        s.expectSilence(Duration.ofMillis(200));
        h.ln.mineBlocks(1); // tip = HTLC expiry − 24
        advance(301);
        s.expect(Action.CANCELED);
        b.expect(Action.CANCELED);
        h.awaitOrderEvent(id, "canceled");
        NodeHarness.await("seller refund", () -> seller.wallet.balance() == START);
    }

    @Test
    void escrowDeadlineOpensADisputeAfterFiatSent() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.activeSell(s, b);
        Steps.fiatSent(b, s, id);
        h.ln.mineBlocks(120);
        advance(301);
        Message byYou = b.expect(Action.DISPUTE_INITIATED_BY_YOU);
        assertThat(byYou.requestId()).isNull();
        s.expect(Action.DISPUTE_INITIATED_BY_PEER);
        assertThat(h.statusLog).anyMatch(l -> l.endsWith("fiat-sent->dispute@escrow-deadline.3"));
        assertThat(seller.wallet.balance()).isEqualTo(START - 100_300);
    }

    @Test
    void payoutFailuresAreRetriedThenANewInvoiceIsAskedFor() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.activeSell(s, b);
        Steps.fiatSent(b, s, id);
        h.ln.faults().failNextPayments(3);
        s.send(Action.RELEASE, id, null);
        b.expect(Action.RELEASED);
        s.expect(Action.HOLD_INVOICE_PAYMENT_SETTLED);
        s.expect(Action.RATE);
        Message failed = b.expect(Action.PAYMENT_FAILED);
        Payload.PaymentFailed pf = (Payload.PaymentFailed) failed.payload();
        assertThat(pf.paymentAttempts()).isEqualTo(2);
        assertThat(pf.paymentRetriesInterval()).isEqualTo(60);
        NodeHarness.await("first failure recorded", () -> h.node.counters().payoutsFailed() == 1);
        advance(30);
        b.expectSilence(Duration.ofMillis(200));
        assertThat(h.node.counters().payoutsFailed()).isEqualTo(1);
        advance(31);
        NodeHarness.await("second failure", () -> h.node.counters().payoutsFailed() == 2);
        b.expectSilence(Duration.ofMillis(200));
        advance(61);
        Message again = b.expect(Action.ADD_INVOICE);
        SmallOrder so = ((Payload.Order) again.payload()).order();
        assertThat(so.amount()).isEqualTo(99_700);
        assertThat(so.status()).isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
        assertThat(h.node.counters().payoutsFailed()).isEqualTo(3);
        // retries stop until the buyer sends a new invoice
        advance(120);
        b.expectSilence(Duration.ofMillis(300));
        String inv = buyer.wallet.createInvoice(99_700, "new payout", Duration.ofHours(24));
        long req = b.send(Action.ADD_INVOICE, id, Payload.PaymentRequest.of(inv));
        assertThat(b.expect(Action.INVOICE_UPDATED).requestId()).isEqualTo(req);
        advance(61);
        b.expect(Action.PURCHASE_COMPLETED);
        b.expect(Action.RATE);
        h.awaitOrderEvent(id, "success");
        assertThat(buyer.wallet.balance()).isEqualTo(START + 99_700);
        assertThat(h.node.counters().payoutsSucceeded()).isEqualTo(1);
    }
}

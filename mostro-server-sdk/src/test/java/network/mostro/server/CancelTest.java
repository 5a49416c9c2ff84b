package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.Message;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.server.NodeHarness.Key;
import network.mostro.server.NodeHarness.Trader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every row of the SPEC §7.2 cancel table without bonds, and cooperative cancel (§8 row 16). */
class CancelTest {
    static final long START = 1_000_000;
    NodeHarness h;
    Trader seller;
    Trader buyer;
    Trader stranger;

    @BeforeEach
    void setUp() {
        h = NodeHarness.inMemory(NodeHarness.defaultSettings()).startNode();
        seller = h.trader("seller", START, false);
        buyer = h.trader("buyer", START, false);
        stranger = h.trader("stranger", START, false);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void makerCancelsPendingOrder() throws Exception {
        Key s = seller.newKey();
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        Key x = stranger.newKey();
        Steps.refused(x, Action.CANCEL, id, null, CantDoReason.IS_NOT_YOUR_ORDER);
        long req = s.send(Action.CANCEL, id, null);
        Message c = s.expect(Action.CANCELED);
        assertThat(c.requestId()).isEqualTo(req);
        assertThat(c.id()).isEqualTo(id);
        h.awaitOrderEvent(id, "canceled");
        Steps.refused(s, Action.CANCEL, id, null, CantDoReason.ORDER_ALREADY_CANCELED);
        Steps.refused(x, Action.TAKE_SELL, id, null, CantDoReason.INVALID_ORDER_STATUS);
    }

    @Test
    void makerCancelsSellOrderWaitingForBuyerInvoice() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        Steps.takeSell(b, s, id);
        long req = s.send(Action.CANCEL, id, null);
        assertThat(s.expect(Action.CANCELED).requestId()).isEqualTo(req);
        b.expect(Action.CANCELED);
        h.awaitOrderEvent(id, "canceled");
    }

    @Test
    void makerCancelsWhileSellerMustPayRefundsNothingAndCancelsTheHoldInvoice() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        Steps.takeSell(b, s, id);
        String hold = Steps.addInvoice(b, s, id, 99_700);
        s.send(Action.CANCEL, id, null);
        s.expect(Action.CANCELED);
        b.expect(Action.CANCELED);
        // the hold invoice is canceled: paying it now fails and the seller keeps its sats
        var p = seller.wallet.pay(hold).toCompletableFuture().get();
        assertThat(p.status().name()).isEqualTo("FAILED");
        assertThat(seller.wallet.balance()).isEqualTo(START);
    }

    @Test
    void takerCancelsSellOrderAndItReturnsToTheBook() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        Steps.takeSell(b, s, id);
        h.awaitOrderEvent(id, "in-progress");
        long req = b.send(Action.CANCEL, id, null);
        assertThat(b.expect(Action.CANCELED).requestId()).isEqualTo(req);
        Message again = s.expect(Action.NEW_ORDER);
        assertThat(again.requestId()).isEqualTo(req);
        assertThat(((Payload.Order) again.payload()).order().status()).isEqualTo(OrderStatus.PENDING);
        h.awaitOrderEvent(id, "pending");
        // the order can be taken again by someone else
        Key x = stranger.newKey();
        Steps.takeSell(x, s, id);
    }

    @Test
    void buyOrderMakerAndTakerCancelWhileWaitingForPayment() throws Exception {
        Key b = buyer.newKey();
        Key s = seller.newKey();
        UUID id = Steps.create(b, NodeHarness.buy(100_000, 50).build());
        s.send(Action.TAKE_BUY, id, null);
        s.expect(Action.PAY_INVOICE);
        b.expect(Action.WAITING_SELLER_TO_PAY);
        Key x = stranger.newKey();
        Steps.refused(x, Action.CANCEL, id, null, CantDoReason.IS_NOT_YOUR_ORDER);
        // the taker (seller) withdraws: back to pending, maker gets new-order
        s.send(Action.CANCEL, id, null);
        s.expect(Action.CANCELED);
        b.expect(Action.NEW_ORDER);
        h.awaitOrderEvent(id, "pending");
        // taken again, then the maker (buyer) cancels: both canceled
        Key s2 = seller.newKey();
        s2.send(Action.TAKE_BUY, id, null);
        s2.expect(Action.PAY_INVOICE);
        b.expect(Action.WAITING_SELLER_TO_PAY);
        b.send(Action.CANCEL, id, null);
        b.expect(Action.CANCELED);
        s2.expect(Action.CANCELED);
        h.awaitOrderEvent(id, "canceled");
    }

    @Test
    void cooperativeCancelRefundsTheSeller() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.activeSell(s, b);
        assertThat(seller.wallet.balance()).isEqualTo(START - 100_300);
        Key x = stranger.newKey();
        Steps.refused(x, Action.CANCEL, id, null, CantDoReason.IS_NOT_YOUR_ORDER);
        long req = b.send(Action.CANCEL, id, null);
        assertThat(b.expect(Action.COOPERATIVE_CANCEL_INITIATED_BY_YOU).requestId()).isEqualTo(req);
        assertThat(s.expect(Action.COOPERATIVE_CANCEL_INITIATED_BY_PEER).requestId()).isEqualTo(req);
        Steps.refused(b, Action.CANCEL, id, null, CantDoReason.INVALID_PUBKEY);
        s.send(Action.CANCEL, id, null);
        s.expect(Action.COOPERATIVE_CANCEL_ACCEPTED);
        b.expect(Action.COOPERATIVE_CANCEL_ACCEPTED);
        h.awaitOrderEvent(id, "canceled");
        NodeHarness.await("seller refund", () -> seller.wallet.balance() == START);
        assertThat(buyer.wallet.balance()).isEqualTo(START);
        Steps.refused(s, Action.CANCEL, id, null, CantDoReason.ORDER_ALREADY_CANCELED);
    }

    @Test
    void cancelAfterSuccessIsNotAllowed() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.activeSell(s, b);
        Steps.fiatSent(b, s, id);
        s.send(Action.RELEASE, id, null);
        b.expect(Action.RELEASED);
        s.expect(Action.HOLD_INVOICE_PAYMENT_SETTLED);
        s.expect(Action.RATE);
        b.expect(Action.PURCHASE_COMPLETED);
        h.awaitOrderEvent(id, "success");
        Steps.refused(s, Action.CANCEL, id, null, CantDoReason.NOT_ALLOWED_BY_STATUS);
        assertThat(b.expect(Action.RATE).id()).isEqualTo(id);
    }
}

package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import network.mostro.nostr.Event;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.transport.WrapOptions;
import network.mostro.server.NodeHarness.Key;
import network.mostro.server.NodeHarness.Trader;
import org.junit.jupiter.api.Test;

/**
 * Further flows: a buy order created with the buyer's invoice (SPEC §8.2 row 3), a full-privacy counterparty that
 * cannot be rated, the escrow HTLC canceled by Lightning at the CLTV horizon (§10.1), and the first-contact PoW lane
 * (§3.6 step 4b).
 */
class MoreFlowsTest {
    static final long START = 1_000_000;

    @Test
    void buyOrderWithInvoiceGoesActiveWhenTheSellerPays() throws Exception {
        try (NodeHarness h = NodeHarness.inMemory(NodeHarness.defaultSettings()).startNode()) {
            Trader buyer = h.trader("buyer", START, false);
            Trader seller = h.trader("seller", START, true);
            Key b = buyer.newKey();
            Key s = seller.newKey();
            String inv = buyer.wallet.createInvoice(0, "amountless", Duration.ofHours(48));
            Message created = b.newOrder(NodeHarness.buy(100_000, 50).buyerInvoice(inv).build());
            SmallOrder o = ((Payload.Order) created.payload()).order();
            assertThat(o.buyerInvoice()).isEqualTo(inv);
            UUID id = o.id();
            s.send(Action.TAKE_BUY, id, null);
            Message pay = s.expect(Action.PAY_INVOICE);
            assertThat(pay.tradeIndex()).isNull(); // full-privacy taker: no trade index
            b.expect(Action.WAITING_SELLER_TO_PAY);
            seller.wallet.pay(((Payload.PaymentRequest) pay.payload()).invoice());
            Message took = s.expect(Action.BUYER_TOOK_ORDER);
            assertThat(((Payload.Order) took.payload()).order().status()).isEqualTo(OrderStatus.ACTIVE);
            b.expect(Action.HOLD_INVOICE_PAYMENT_ACCEPTED);
            Steps.fiatSent(b, s, id);
            s.send(Action.RELEASE, id, null);
            b.expect(Action.RELEASED);
            b.expect(Action.PURCHASE_COMPLETED);
            b.expect(Action.RATE);
            assertThat(buyer.wallet.balance()).isEqualTo(START + 99_700);
            // the seller is in full privacy: rating it is a silent no-op
            b.send(Action.RATE_USER, id, new Payload.RatingUser(5));
            b.expectSilence(Duration.ofMillis(500));
            NodeHarness.await("no-op counted", () -> h.node.counters().dropped(DropReason.NO_OP) == 1);
            // the full-privacy seller can rate the buyer
            s.expect(Action.HOLD_INVOICE_PAYMENT_SETTLED);
            s.expect(Action.RATE);
            s.send(Action.RATE_USER, id, new Payload.RatingUser(4));
            s.expect(Action.RATE_RECEIVED);
        }
    }

    @Test
    void escrowCanceledByLightningAtTheHorizonCancelsAnActiveTrade() throws Exception {
        try (NodeHarness h = NodeHarness.inMemory(NodeHarness.defaultSettings()).startNode()) {
            Trader seller = h.trader("seller", START, false);
            Trader buyer = h.trader("buyer", START, false);
            Key s = seller.newKey();
            Key b = buyer.newKey();
            UUID id = Steps.activeSell(s, b);
            // no scheduler tick: the guard never ran, and the backend cancels the HTLC 12 blocks before expiry
            h.ln.mineBlocks(133);
            s.expect(Action.HOLD_INVOICE_PAYMENT_CANCELED);
            b.expect(Action.HOLD_INVOICE_PAYMENT_CANCELED);
            h.awaitOrderEvent(id, "canceled");
            NodeHarness.await("seller refunded by the backend", () -> seller.wallet.balance() == START);
        }
    }

    @Test
    void unknownKeysMustMineTheFirstContactDifficulty() throws Exception {
        NodeSettings s = NodeHarness.defaultSettings().toBuilder().powFirstContact(10).build();
        try (NodeHarness h = NodeHarness.inMemory(s).startNode()) {
            Trader seller = h.trader("seller", START, false);
            Key k = seller.newKey();
            Message m = Message.builder(Action.NEW_ORDER).requestId(1L).tradeIndex(k.index)
                    .payload(new Payload.Order(NodeHarness.sell(100_000, 50).build())).build();
            k.publish(k.wrap(m));
            NodeHarness.await("first-contact drop",
                    () -> h.node.counters().dropped(DropReason.FIRST_CONTACT_POW) == 1);
            Event mined = h.transport().wrapRequestAsync(m.toBuilder().requestId(2L).build(), k.senderKeys(),
                    h.nodePub(), WrapOptions.builder().clock(h.clock).pow(10).build()).toCompletableFuture().join();
            k.publish(mined);
            UUID id = ((Payload.Order) k.expect(Action.NEW_ORDER).payload()).order().id();
            // once the known-key set is rebuilt, the maker's key takes the normal lane
            h.clock.advance(Duration.ofSeconds(61));
            h.node.tick();
            k.send(Action.CANCEL, id, null);
            k.expect(Action.CANCELED);
        }
    }
}

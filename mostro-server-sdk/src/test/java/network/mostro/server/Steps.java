package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.Message;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import network.mostro.server.NodeHarness.Key;

/** Trade steps shared by the node tests; each consumes exactly the messages SPEC §8 says it produces. */
final class Steps {
    private Steps() {}

    static UUID create(Key maker, SmallOrder order) throws InterruptedException {
        Message m = maker.newOrder(order);
        return ((Payload.Order) m.payload()).order().id();
    }

    /** Sell order taken without invoice: B add-invoice, S waiting-buyer-invoice. */
    static void takeSell(Key b, Key s, UUID id) throws InterruptedException {
        b.send(Action.TAKE_SELL, id, null);
        b.expect(Action.ADD_INVOICE);
        s.expect(Action.WAITING_BUYER_INVOICE);
    }

    /** Sell order: the buyer adds its invoice; returns the hold invoice the seller must pay. */
    static String addInvoice(Key b, Key s, UUID id, long payout) throws InterruptedException {
        String inv = b.owner.wallet.createInvoice(payout, "payout", Duration.ofHours(24));
        b.send(Action.ADD_INVOICE, id, Payload.PaymentRequest.of(inv));
        s.expect(Action.PAY_INVOICE);
        Message pay = s.expect(Action.PAY_INVOICE);
        b.expect(Action.WAITING_SELLER_TO_PAY);
        return ((Payload.PaymentRequest) pay.payload()).invoice();
    }

    /** Sell order: the seller pays the hold invoice; S buyer-took-order, B hold-invoice-payment-accepted. */
    static void sellerPays(Key s, Key b, String hold) throws InterruptedException {
        s.owner.wallet.pay(hold);
        s.expect(Action.BUYER_TOOK_ORDER);
        b.expect(Action.HOLD_INVOICE_PAYMENT_ACCEPTED);
    }

    /** A fixed sell order of 100 000 sats (fee 300 per party) driven to {@code active}. */
    static UUID activeSell(Key s, Key b) throws InterruptedException {
        UUID id = create(s, NodeHarness.sell(100_000, 50).build());
        takeSell(b, s, id);
        String hold = addInvoice(b, s, id, 99_700);
        sellerPays(s, b, hold);
        return id;
    }

    static void fiatSent(Key b, Key s, UUID id) throws InterruptedException {
        b.send(Action.FIAT_SENT, id, null);
        s.expect(Action.FIAT_SENT_OK);
        b.expect(Action.FIAT_SENT_OK);
    }

    /** Sends and expects a {@code cant-do} with the request id echoed. */
    static void refused(Key k, Action a, UUID id, Payload p, CantDoReason reason) throws InterruptedException {
        long req = k.send(a, id, p);
        Message m = k.expect(Action.CANT_DO);
        assertThat(((Payload.CantDo) m.payload()).reason()).contains(reason);
        assertThat(m.requestId()).isEqualTo(req);
        assertThat(m.id()).isEqualTo(id);
    }
}

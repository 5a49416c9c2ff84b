package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import network.mostro.protocol.Action;
import network.mostro.protocol.Payload;
import network.mostro.server.NodeHarness.Key;
import network.mostro.server.NodeHarness.Trader;
import network.mostro.server.lightning.HoldInvoice;
import network.mostro.server.lightning.HoldInvoiceRequest;
import network.mostro.server.lightning.InvoiceListener;
import network.mostro.server.lightning.InvoiceSubscription;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.NodeInfo;
import network.mostro.server.lightning.PayRequest;
import network.mostro.server.lightning.Payment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: the node is closed and rebuilt on the same SQLite store at every step of a trade, messages sent while
 * it is down are picked up from the {@code since} cursor, redeliveries are not reprocessed, held invoices are
 * resubscribed, and a payout interrupted at any point is resolved with the backend and never paid twice.
 */
class RestartTest {
    static final long START = 1_000_000;

    @TempDir
    Path dir;

    void restart(NodeHarness h) {
        h.stopNode();
        h.startNode();
    }

    @Test
    void sellTradeSurvivesARestartAtEveryStep() throws Exception {
        try (NodeHarness h = NodeHarness.sqlite(dir, NodeHarness.defaultSettings()).startNode()) {
            Trader seller = h.trader("seller", START, false);
            Trader buyer = h.trader("buyer", START, false);
            Key s = seller.newKey();
            Key b = buyer.newKey();
            UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
            restart(h);
            Steps.takeSell(b, s, id);
            restart(h);
            String hold = Steps.addInvoice(b, s, id, 99_700);
            // the seller pays while the node is down: the held invoice is resubscribed on start
            h.stopNode();
            seller.wallet.pay(hold);
            NodeHarness.await("htlc locked", () -> seller.wallet.balance() == START - 100_300);
            h.startNode();
            s.expect(Action.BUYER_TOOK_ORDER);
            b.expect(Action.HOLD_INVOICE_PAYMENT_ACCEPTED);
            // the buyer sends fiat-sent while the node is down: picked up from the since cursor
            h.stopNode();
            b.send(Action.FIAT_SENT, id, null);
            h.startNode();
            s.expect(Action.FIAT_SENT_OK);
            b.expect(Action.FIAT_SENT_OK);
            restart(h);
            s.send(Action.RELEASE, id, null);
            b.expect(Action.RELEASED);
            s.expect(Action.HOLD_INVOICE_PAYMENT_SETTLED);
            s.expect(Action.RATE);
            b.expect(Action.PURCHASE_COMPLETED);
            b.expect(Action.RATE);
            restart(h);
            b.send(Action.RATE_USER, id, new Payload.RatingUser(5));
            b.expect(Action.RATE_RECEIVED);
            // no duplicate replies after the restarts (redeliveries were recognised as processed)
            s.expectSilence(Duration.ofMillis(500));
            b.expectSilence(Duration.ofMillis(200));
            assertThat(s.actions()).containsExactly(Action.NEW_ORDER, Action.WAITING_BUYER_INVOICE,
                    Action.PAY_INVOICE, Action.PAY_INVOICE, Action.BUYER_TOOK_ORDER, Action.FIAT_SENT_OK,
                    Action.HOLD_INVOICE_PAYMENT_SETTLED, Action.RATE);
            assertThat(b.actions()).containsExactly(Action.ADD_INVOICE, Action.WAITING_SELLER_TO_PAY,
                    Action.HOLD_INVOICE_PAYMENT_ACCEPTED, Action.FIAT_SENT_OK, Action.RELEASED,
                    Action.PURCHASE_COMPLETED, Action.RATE, Action.RATE_RECEIVED);
            assertThat(buyer.wallet.balance()).isEqualTo(START + 99_700);
            assertThat(seller.wallet.balance()).isEqualTo(START - 100_300);
            assertThat(h.node.counters().dropped(DropReason.ALREADY_PROCESSED)).isPositive();
        }
    }

    @Test
    void repliesCommittedButNotPublishedBeforeAStopAreSentByTheNextNode() throws Exception {
        try (NodeHarness h = NodeHarness.sqlite(dir, NodeHarness.defaultSettings()).startNode()) {
            Trader seller = h.trader("seller", START, false);
            Key s = seller.newKey();
            NodeHarness.await("startup events flushed", () -> h.node.counters().outboxSize() == 0);
            h.relay.faults().rejectWrites("error: disk full");
            assertThat(h.relay.publish(s.wrap(network.mostro.protocol.Message.builder(Action.NEW_ORDER)
                    .requestId(77L).tradeIndex(s.index).payload(new Payload.Order(
                            NodeHarness.sell(100_000, 50).build())).build()))).isTrue();
            NodeHarness.await("committed, not published", () -> h.node.counters().publishFailures() > 0);
            h.stopNode();
            h.relay.faults().reset();
            h.clock.advance(Duration.ofSeconds(3)); // past the retry back-off of the failed publish
            h.startNode();
            network.mostro.protocol.Message m = s.expect(Action.NEW_ORDER);
            assertThat(m.requestId()).isEqualTo(77L);
            s.expectSilence(Duration.ofMillis(400)); // the request itself was not processed again
            UUID id = ((Payload.Order) m.payload()).order().id();
            h.awaitOrderEvent(id, "pending");
        }
    }

    @Test
    void disputeResolutionSurvivesRestarts() throws Exception {
        try (NodeHarness h = NodeHarness.sqlite(dir, NodeHarness.defaultSettings()).startNode()) {
            Trader seller = h.trader("seller", START, false);
            Trader buyer = h.trader("buyer", START, false);
            Key s = seller.newKey();
            Key b = buyer.newKey();
            UUID id = Steps.activeSell(s, b);
            b.send(Action.DISPUTE, id, null);
            UUID disputeId = ((Payload.Dispute) b.expect(Action.DISPUTE_INITIATED_BY_YOU).payload()).disputeId();
            s.expect(Action.DISPUTE_INITIATED_BY_PEER);
            restart(h);
            Key admin = h.admin();
            admin.sendRaw(network.mostro.protocol.Message.builder(Action.ADMIN_TAKE_DISPUTE)
                    .type(network.mostro.protocol.MessageType.DISPUTE).requestId(5L).id(disputeId).build());
            admin.expect(Action.ADMIN_TOOK_DISPUTE);
            b.expect(Action.ADMIN_TOOK_DISPUTE);
            s.expect(Action.ADMIN_TOOK_DISPUTE);
            restart(h);
            admin.sendRaw(network.mostro.protocol.Message.builder(Action.ADMIN_SETTLE).requestId(6L).id(id).build());
            admin.expect(Action.ADMIN_SETTLED);
            s.expect(Action.ADMIN_SETTLED);
            b.expect(Action.ADMIN_SETTLED);
            b.expect(Action.PURCHASE_COMPLETED);
            assertThat(buyer.wallet.balance()).isEqualTo(START + 99_700);
        }
    }

    @Test
    void payoutInterruptedAfterItWasSentIsResolvedByTrackingNotRepaid() throws Exception {
        interruptedPayout(true);
    }

    @Test
    void payoutInterruptedBeforeItReachedTheBackendIsPaidOnce() throws Exception {
        interruptedPayout(false);
    }

    private void interruptedPayout(boolean sent) throws Exception {
        try (NodeHarness h = NodeHarness.sqlite(dir, NodeHarness.defaultSettings()).startNode()) {
            Trader seller = h.trader("seller", START, false);
            Trader buyer = h.trader("buyer", START, false);
            Key s = seller.newKey();
            Key b = buyer.newKey();
            UUID id = Steps.activeSell(s, b);
            Steps.fiatSent(b, s, id);
            // the next node "crashes" inside sendPayment: the call never returns
            h.stopNode();
            CrashingBackend crashing = new CrashingBackend(h.ln.node("mostro"), sent);
            h.startNode(crashing);
            s.send(Action.RELEASE, id, null);
            b.expect(Action.RELEASED);
            s.expect(Action.HOLD_INVOICE_PAYMENT_SETTLED);
            NodeHarness.await("payout attempted", () -> crashing.payAttempts > 0);
            if (sent) {
                NodeHarness.await("buyer paid", () -> buyer.wallet.balance() == START + 99_700);
            } else {
                assertThat(buyer.wallet.balance()).isEqualTo(START);
            }
            b.expectSilence(Duration.ofMillis(300));
            h.stopNode();
            // restart with a healthy backend: the claimed payout is tracked (sent) or paid (never sent)
            h.startNode();
            b.expect(Action.PURCHASE_COMPLETED);
            b.expect(Action.RATE);
            h.awaitOrderEvent(id, "success");
            assertThat(buyer.wallet.balance()).isEqualTo(START + 99_700);
            assertThat(buyer.wallet.received()).hasSize(1);
            restart(h);
            b.expectSilence(Duration.ofMillis(500));
            assertThat(buyer.wallet.balance()).isEqualTo(START + 99_700);
        }
    }

    /** Delegates to a real backend, except that payments never complete (as if the node died mid-call). */
    static final class CrashingBackend implements LightningBackend {
        final LightningBackend d;
        final boolean forward;
        volatile int payAttempts;

        CrashingBackend(LightningBackend d, boolean forward) {
            this.d = d;
            this.forward = forward;
        }

        @Override
        public CompletionStage<NodeInfo> getInfo() {
            return d.getInfo();
        }

        @Override
        public CompletionStage<HoldInvoice> addHoldInvoice(HoldInvoiceRequest request) {
            return d.addHoldInvoice(request);
        }

        @Override
        public CompletionStage<Void> settleHoldInvoice(String preimageHex) {
            return d.settleHoldInvoice(preimageHex);
        }

        @Override
        public CompletionStage<Void> cancelHoldInvoice(String paymentHashHex) {
            return d.cancelHoldInvoice(paymentHashHex);
        }

        @Override
        public CompletionStage<InvoiceUpdate> lookupInvoice(String paymentHashHex) {
            return d.lookupInvoice(paymentHashHex);
        }

        @Override
        public InvoiceSubscription subscribeInvoice(String paymentHashHex, InvoiceListener listener) {
            return d.subscribeInvoice(paymentHashHex, listener);
        }

        @Override
        public CompletionStage<Payment> sendPayment(PayRequest request) {
            payAttempts++;
            if (forward) {
                d.sendPayment(request);
            }
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<Payment> trackPayment(String paymentHashHex) {
            return d.trackPayment(paymentHashHex);
        }

        @Override
        public void close() {
            d.close();
        }
    }
}

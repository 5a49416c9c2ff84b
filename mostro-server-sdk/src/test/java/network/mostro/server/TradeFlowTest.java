package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import network.mostro.nostr.Event;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.event.OrderEvent;
import network.mostro.protocol.event.RatingEvent;
import network.mostro.server.NodeHarness.Key;
import network.mostro.server.NodeHarness.Trader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Complete sell and buy trades (SPEC §8.1 rows 1–8, §8.2 rows 1–8): every message each party receives, in order and
 * content, the public order events, ratings, and the balances at the end. Runs on the in-memory store and SQLite.
 */
class TradeFlowTest {
    static final long START = 1_000_000;

    @TempDir
    Path dir;

    static Stream<String> stores() {
        return Stream.of("memory", "sqlite", "postgres");
    }

    NodeHarness harness(String store) {
        NodeSettings s = NodeHarness.defaultSettings();
        return NodeHarness.of(store, dir, s);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void sellOrderTradeEndToEnd(String storeKind) throws Exception {
        try (NodeHarness h = harness(storeKind).startNode()) {
            Trader seller = h.trader("seller", START, false);
            Trader buyer = h.trader("buyer", START, false);
            Key s1 = seller.newKey();
            Key b1 = buyer.newKey();

            // 1. new-order → S: new-order (req, ti echoed), pending, published pending
            Message created = s1.newOrder(NodeHarness.sell(100_000, 50).build());
            SmallOrder o = ((Payload.Order) created.payload()).order();
            UUID id = o.id();
            assertThat(created.tradeIndex()).isEqualTo(1L);
            assertThat(created.id()).isEqualTo(id);
            assertThat(o.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(o.amount()).isEqualTo(100_000);
            assertThat(o.fiatAmount()).isEqualTo(50);
            assertThat(o.createdAt()).isEqualTo(h.clock.instant().getEpochSecond());
            assertThat(o.expiresAt()).isEqualTo(o.createdAt() + 24 * 3600);
            OrderEvent pending = h.awaitOrderEvent(id, "pending");
            assertThat(pending.amount()).isEqualTo(100_000);
            assertThat(pending.source()).contains("mostro:" + id).contains(h.nodePub().toHex());
            assertThat(pending.rating()).isNotNull();
            assertThat(pending.network()).isEqualTo("regtest");
            assertThat(pending.expiration()).isEqualTo(o.expiresAt());

            // 2. take-sell without invoice → B: add-invoice (amt − fee), S: waiting-buyer-invoice; public in-progress
            long req = b1.send(Action.TAKE_SELL, id, null);
            Message addInvoice = b1.expect(Action.ADD_INVOICE);
            assertThat(addInvoice.requestId()).isEqualTo(req);
            assertThat(addInvoice.tradeIndex()).isEqualTo(1L);
            SmallOrder ai = ((Payload.Order) addInvoice.payload()).order();
            assertThat(ai.amount()).isEqualTo(99_700);
            assertThat(ai.status()).isEqualTo(OrderStatus.WAITING_BUYER_INVOICE);
            assertThat(ai.expiresAt()).isNull();
            Message wbi = s1.expect(Action.WAITING_BUYER_INVOICE);
            assertThat(wbi.requestId()).isEqualTo(req);
            assertThat(wbi.tradeIndex()).isEqualTo(1L);
            assertThat(wbi.payload()).isNull();
            h.awaitOrderEvent(id, "in-progress");

            // 3. add-invoice → S: pay-invoice (reputation notice), S: pay-invoice (hold, amt + fee), B: waiting-seller-to-pay
            String invoice = buyer.wallet.createInvoice(99_700, "payout", Duration.ofHours(24));
            req = b1.send(Action.ADD_INVOICE, id, Payload.PaymentRequest.of(invoice));
            Message notice = s1.expect(Action.PAY_INVOICE);
            assertThat(notice.payload()).isInstanceOf(Payload.Peer.class);
            assertThat(((Payload.Peer) notice.payload()).pubkey()).isEmpty();
            Message payInvoice = s1.expect(Action.PAY_INVOICE);
            assertThat(payInvoice.requestId()).isEqualTo(req);
            Payload.PaymentRequest pr = (Payload.PaymentRequest) payInvoice.payload();
            assertThat(pr.order().amount()).isEqualTo(100_300);
            assertThat(pr.order().status()).isEqualTo(OrderStatus.WAITING_PAYMENT);
            assertThat(b1.expect(Action.WAITING_SELLER_TO_PAY).requestId()).isEqualTo(req);

            // 4. the seller pays the hold invoice → S: buyer-took-order (req null), B: hold-invoice-payment-accepted
            seller.wallet.pay(pr.invoice());
            Message took = s1.expect(Action.BUYER_TOOK_ORDER);
            assertThat(took.requestId()).isNull();
            SmallOrder tookOrder = ((Payload.Order) took.payload()).order();
            assertThat(tookOrder.amount()).isEqualTo(100_300);
            assertThat(tookOrder.status()).isEqualTo(OrderStatus.ACTIVE);
            assertThat(tookOrder.buyerTradePubkey()).isEqualTo(b1.hex());
            assertThat(tookOrder.sellerTradePubkey()).isEqualTo(s1.hex());
            assertThat(tookOrder.buyerInvoice()).isNull();
            Message accepted = b1.expect(Action.HOLD_INVOICE_PAYMENT_ACCEPTED);
            SmallOrder acc = ((Payload.Order) accepted.payload()).order();
            assertThat(acc.amount()).isEqualTo(99_700);
            assertThat(acc.buyerInvoice()).isEqualTo(invoice);
            assertThat(seller.wallet.balance()).isEqualTo(START - 100_300);

            // 5. fiat-sent → S: fiat-sent-ok (peer = buyer, req null), B: fiat-sent-ok (peer = seller, req)
            req = b1.send(Action.FIAT_SENT, id, null);
            Message sOk = s1.expect(Action.FIAT_SENT_OK);
            assertThat(sOk.requestId()).isNull();
            assertThat(((Payload.Peer) sOk.payload()).pubkey()).isEqualTo(b1.hex());
            Message bOk = b1.expect(Action.FIAT_SENT_OK);
            assertThat(bOk.requestId()).isEqualTo(req);
            assertThat(((Payload.Peer) bOk.payload()).pubkey()).isEqualTo(s1.hex());

            // 6. release → B: released; S: hold-invoice-payment-settled, rate; payout → B: purchase-completed, rate
            req = s1.send(Action.RELEASE, id, null);
            assertThat(b1.expect(Action.RELEASED).requestId()).isEqualTo(req);
            assertThat(s1.expect(Action.HOLD_INVOICE_PAYMENT_SETTLED).requestId()).isEqualTo(req);
            assertThat(s1.expect(Action.RATE).requestId()).isEqualTo(req);
            assertThat(b1.expect(Action.PURCHASE_COMPLETED).requestId()).isNull();
            b1.expect(Action.RATE);
            h.awaitOrderEvent(id, "success");

            // balances: seller paid amt + fee, buyer got amt − fee, the node kept 2 × fee
            assertThat(seller.wallet.balance()).isEqualTo(START - 100_300);
            assertThat(buyer.wallet.balance()).isEqualTo(START + 99_700);
            assertThat(h.ln.balance("mostro")).isEqualTo(600);

            // ratings: both rate; the node answers rate-received and queues kind 38384
            req = b1.send(Action.RATE_USER, id, new Payload.RatingUser(5));
            Message rr = b1.expect(Action.RATE_RECEIVED);
            assertThat(rr.requestId()).isEqualTo(req);
            assertThat(((Payload.RatingUser) rr.payload()).rating()).isEqualTo(5);
            s1.send(Action.RATE_USER, id, new Payload.RatingUser(3));
            s1.expect(Action.RATE_RECEIVED);
            // a second rating is a silent no-op
            b1.send(Action.RATE_USER, id, new Payload.RatingUser(1));
            b1.expectSilence(Duration.ofMillis(500));
            h.clock.advance(Duration.ofSeconds(3601));
            h.node.tick();
            NodeHarness.await("rating events", () -> h.relayEvents(RatingEvent.KIND).size() == 2);
            RatingEvent sellerRated = h.relayEvents(RatingEvent.KIND).stream().map(RatingEvent::parse)
                    .filter(r -> r.d().equals(b1.hex())).findFirst().orElseThrow();
            assertThat(sellerRated.totalRating()).isEqualTo(2.5);
            assertThat(sellerRated.lastRating()).isEqualTo(5);

            assertThat(s1.actions()).containsExactly(Action.NEW_ORDER, Action.WAITING_BUYER_INVOICE,
                    Action.PAY_INVOICE, Action.PAY_INVOICE, Action.BUYER_TOOK_ORDER, Action.FIAT_SENT_OK,
                    Action.HOLD_INVOICE_PAYMENT_SETTLED, Action.RATE, Action.RATE_RECEIVED);
            assertThat(b1.actions()).containsExactly(Action.ADD_INVOICE, Action.WAITING_SELLER_TO_PAY,
                    Action.HOLD_INVOICE_PAYMENT_ACCEPTED, Action.FIAT_SENT_OK, Action.RELEASED,
                    Action.PURCHASE_COMPLETED, Action.RATE, Action.RATE_RECEIVED);
            assertThat(h.node.counters().payoutsSucceeded()).isEqualTo(1);
            assertThat(h.statusLog).anyMatch(l -> l.endsWith("settled-hold-invoice->success@payout-succeeded.1"));
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void buyOrderTradeEndToEnd(String storeKind) throws Exception {
        try (NodeHarness h = harness(storeKind).startNode()) {
            Trader buyer = h.trader("buyer", START, false);
            Trader seller = h.trader("seller", START, false);
            Key b1 = buyer.newKey();
            Key s1 = seller.newKey();

            Message created = b1.newOrder(NodeHarness.buy(200_000, 100).build());
            UUID id = ((Payload.Order) created.payload()).order().id();
            h.awaitOrderEvent(id, "pending");

            // take-buy → S: pay-invoice (hold, amt + fee, waiting-payment), B: waiting-seller-to-pay; public in-progress
            long req = s1.send(Action.TAKE_BUY, id, null);
            Message pay = s1.expect(Action.PAY_INVOICE);
            assertThat(pay.requestId()).isEqualTo(req);
            assertThat(pay.tradeIndex()).isEqualTo(1L);
            Payload.PaymentRequest pr = (Payload.PaymentRequest) pay.payload();
            assertThat(pr.order().amount()).isEqualTo(200_600);
            assertThat(pr.order().status()).isEqualTo(OrderStatus.WAITING_PAYMENT);
            assertThat(b1.expect(Action.WAITING_SELLER_TO_PAY).requestId()).isEqualTo(req);
            h.awaitOrderEvent(id, "in-progress");

            // the seller pays; no buyer invoice yet → B: add-invoice (amt − fee), S: waiting-buyer-invoice,
            // B: add-invoice (seller reputation notice)
            seller.wallet.pay(pr.invoice());
            Message ai = b1.expect(Action.ADD_INVOICE);
            assertThat(((Payload.Order) ai.payload()).order().amount()).isEqualTo(199_400);
            assertThat(ai.requestId()).isNull();
            s1.expect(Action.WAITING_BUYER_INVOICE);
            Message notice = b1.expect(Action.ADD_INVOICE);
            assertThat(((Payload.Peer) notice.payload()).pubkey()).isEmpty();

            // add-invoice → S: buyer-took-order (req null), B: hold-invoice-payment-accepted (req)
            String invoice = buyer.wallet.createInvoice(0, "amountless payout", Duration.ofHours(24));
            req = b1.send(Action.ADD_INVOICE, id, Payload.PaymentRequest.of(invoice));
            Message took = s1.expect(Action.BUYER_TOOK_ORDER);
            assertThat(took.requestId()).isNull();
            assertThat(((Payload.Order) took.payload()).order().amount()).isEqualTo(200_600);
            Message acc = b1.expect(Action.HOLD_INVOICE_PAYMENT_ACCEPTED);
            assertThat(acc.requestId()).isEqualTo(req);
            assertThat(((Payload.Order) acc.payload()).order().amount()).isEqualTo(199_400);

            b1.send(Action.FIAT_SENT, id, null);
            s1.expect(Action.FIAT_SENT_OK);
            b1.expect(Action.FIAT_SENT_OK);
            s1.send(Action.RELEASE, id, null);
            b1.expect(Action.RELEASED);
            s1.expect(Action.HOLD_INVOICE_PAYMENT_SETTLED);
            s1.expect(Action.RATE);
            b1.expect(Action.PURCHASE_COMPLETED);
            b1.expect(Action.RATE);
            h.awaitOrderEvent(id, "success");

            assertThat(seller.wallet.balance()).isEqualTo(START - 200_600);
            assertThat(buyer.wallet.balance()).isEqualTo(START + 199_400);
            assertThat(h.ln.balance("mostro")).isEqualTo(1_200);
            List<Event> orderEvents = h.relayEvents(OrderEvent.KIND);
            assertThat(orderEvents).hasSize(1); // addressable: the relay keeps the newest revision
            assertThat(OrderEvent.parse(orderEvents.get(0)).status().wireName()).isEqualTo("success");
        }
    }
}

package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import network.mostro.protocol.Amounts;
import network.mostro.protocol.Fees;
import java.util.UUID;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.Message;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.event.OrderEvent;
import network.mostro.server.NodeHarness.Key;
import network.mostro.server.NodeHarness.Trader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Market orders priced at take time (SPEC §8.4, §9.1) and range orders with a child (§8.3). */
class RangeMarketTest {
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

    static SmallOrder.Builder market(long fiat, long premium) {
        return SmallOrder.builder().kind(OrderKind.SELL).amount(0).fiatCode("USD").fiatAmount(fiat)
                .paymentMethod("SEPA").premium(premium);
    }

    @Test
    void marketOrderIsPricedAtTakeTime() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.create(s, market(50, 5).build());
        assertThat(h.awaitOrderEvent(id, "pending").amount()).isZero();
        // the price moves before the take: 50 USD at 40 000 USD/BTC = 125 000 sats, −5 % premium = 118 750
        h.prices.rates = java.util.Map.of("USD", new java.math.BigDecimal("40000"));
        h.clock.advance(Duration.ofSeconds(301));
        h.node.tick();
        b.send(Action.TAKE_SELL, id, null);
        Message ai = b.expect(Action.ADD_INVOICE);
        long fee = 356; // round(0.006 × 118 750 / 2) = round(356.25)
        assertThat(((Payload.Order) ai.payload()).order().amount()).isEqualTo(118_750 - fee);
        s.expect(Action.WAITING_BUYER_INVOICE);
        OrderEvent inProgress = h.awaitOrderEvent(id, "in-progress");
        assertThat(inProgress.amount()).isEqualTo(118_750);
        // the taker withdraws: the market amount goes back to 0
        b.send(Action.CANCEL, id, null);
        b.expect(Action.CANCELED);
        Message back = s.expect(Action.NEW_ORDER);
        assertThat(((Payload.Order) back.payload()).order().amount()).isZero();
    }

    @Test
    void stalePricesRefuseMarketOrders() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.create(s, market(50, 0).build());
        h.prices.failing = true;
        h.clock.advance(Duration.ofSeconds(1801));
        h.node.tick();
        Steps.refused(b, Action.TAKE_SELL, id, null, CantDoReason.PRICE_TOO_STALE);
        Key s2 = seller.newKey();
        long req = s2.send(Action.NEW_ORDER, null, new Payload.Order(market(20, 0).build()));
        Message m = s2.expect(Action.CANT_DO);
        assertThat(m.requestId()).isEqualTo(req);
        assertThat(m.id()).isNull();
        assertThat(((Payload.CantDo) m.payload()).reason()).contains(CantDoReason.PRICE_TOO_STALE);
        // prices recover on the next refresh
        h.prices.failing = false;
        h.clock.advance(Duration.ofSeconds(301));
        h.node.tick();
        b.send(Action.TAKE_SELL, id, null);
        assertThat(((Payload.Order) b.expect(Action.ADD_INVOICE).payload()).order().amount()).isEqualTo(99_700);
    }

    @Test
    void rangeOrderSliceAndChild() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.create(s, SmallOrder.builder().kind(OrderKind.SELL).amount(0).fiatCode("USD").fiatAmount(0)
                .minAmount(10L).maxAmount(100L).paymentMethod("SEPA").premium(0).build());
        OrderEvent pending = h.awaitOrderEvent(id, "pending");
        assertThat(pending.fiatAmount().isRange()).isTrue();
        Steps.refused(b, Action.TAKE_SELL, id, null, CantDoReason.OUT_OF_RANGE_SATS_AMOUNT);
        Steps.refused(b, Action.TAKE_SELL, id, new Payload.Amount(101), CantDoReason.OUT_OF_RANGE_SATS_AMOUNT);
        b.send(Action.TAKE_SELL, id, new Payload.Amount(30));
        Message ai = b.expect(Action.ADD_INVOICE);
        SmallOrder slice = ((Payload.Order) ai.payload()).order();
        assertThat(slice.fiatAmount()).isEqualTo(30);
        // 30/50 000 BTC in the daemon's binary64 arithmetic truncates to 59 999 sats; fee round(179.997) = 180
        long amt = Amounts.marketQuoteSats(30, new BigDecimal("50000"), 0);
        assertThat(amt).isEqualTo(59_999);
        long fee = Fees.perPartyFee(amt, new BigDecimal("0.006"));
        assertThat(slice.amount()).isEqualTo(amt - fee);
        s.expect(Action.WAITING_BUYER_INVOICE);
        assertThat(h.awaitOrderEvent(id, "in-progress").fiatAmount().isRange()).isFalse();
        String hold = Steps.addInvoice(b, s, id, amt - fee);
        Steps.sellerPays(s, b, hold);
        Steps.fiatSent(b, s, id);
        Key next = seller.newKey();
        long req = s.send(Action.RELEASE, id, new Payload.NextTrade(next.hex(), next.index));
        b.expect(Action.RELEASED);
        Message child = next.expect(Action.NEW_ORDER);
        assertThat(child.requestId()).isEqualTo(req);
        assertThat(child.tradeIndex()).isEqualTo(next.index);
        SmallOrder co = ((Payload.Order) child.payload()).order();
        assertThat(co.id()).isNotEqualTo(id);
        assertThat(co.minAmount()).isEqualTo(10L);
        assertThat(co.maxAmount()).isEqualTo(70L);
        assertThat(co.status()).isEqualTo(OrderStatus.PENDING);
        s.expect(Action.HOLD_INVOICE_PAYMENT_SETTLED);
        s.expect(Action.RATE);
        b.expect(Action.PURCHASE_COMPLETED);
        OrderEvent childEvent = h.awaitOrderEvent(co.id(), "pending");
        assertThat(childEvent.fiatAmount().amount()).isEqualTo(10);
        assertThat(childEvent.fiatAmount().max()).isEqualTo(70L);
        // the child is the maker's under its next key: it can cancel it
        next.send(Action.CANCEL, co.id(), null);
        next.expect(Action.CANCELED);
    }
}

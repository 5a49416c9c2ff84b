package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.Message;
import network.mostro.protocol.MessageType;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.RestoredDispute;
import network.mostro.server.NodeHarness.Key;
import network.mostro.server.NodeHarness.Trader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code orders}, {@code restore-session}, {@code last-trade-index} and {@code trade-pubkey} (SPEC §2.4, §7.2). */
class SessionTest {
    NodeHarness h;
    Trader seller;
    Trader buyer;

    @BeforeEach
    void setUp() {
        h = NodeHarness.inMemory(NodeHarness.defaultSettings()).startNode();
        seller = h.trader("seller", 1_000_000, false);
        buyer = h.trader("buyer", 1_000_000, false);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    Message restore(Key k, Action a) throws InterruptedException {
        long req = ++k.owner.requestIds;
        k.sendRaw(Message.builder(a).type(MessageType.RESTORE).requestId(req).build());
        return k.next();
    }

    @Test
    void lastTradeIndexAndStaleIndexes() throws Exception {
        Key probe = seller.newKey();
        Message unknown = restore(probe, Action.LAST_TRADE_INDEX);
        assertThat(unknown.action()).isEqualTo(Action.CANT_DO);
        assertThat(((Payload.CantDo) unknown.payload()).reason()).contains(CantDoReason.NOT_FOUND);
        Key s2 = seller.newKey();
        Key s3 = seller.newKey();
        Steps.create(s3, NodeHarness.sell(100_000, 50).build()); // index 3 first
        // index 2 is now stale: refused with the request id
        long req = s2.send(Action.NEW_ORDER, null, new Payload.Order(NodeHarness.sell(100_000, 50).build()));
        Message stale = s2.expect(Action.CANT_DO);
        assertThat(((Payload.CantDo) stale.payload()).reason()).contains(CantDoReason.INVALID_TRADE_INDEX);
        assertThat(stale.requestId()).isEqualTo(req);
        Message last = restore(probe, Action.LAST_TRADE_INDEX);
        assertThat(last.action()).isEqualTo(Action.LAST_TRADE_INDEX);
        assertThat(last.type()).isEqualTo(MessageType.RESTORE);
        assertThat(last.tradeIndex()).isEqualTo(3L);
        assertThat(last.payload()).isNull();
    }

    @Test
    void ordersListsOnlyTheSendersOrders() throws Exception {
        Key s = seller.newKey();
        UUID mine = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        Key b = buyer.newKey();
        UUID theirs = Steps.create(b, NodeHarness.buy(100_000, 50).build());
        long req = s.send(Action.ORDERS, null, new Payload.Ids(List.of(mine, theirs)));
        Message m = s.expect(Action.ORDERS);
        assertThat(m.requestId()).isEqualTo(req);
        assertThat(m.id()).isNull();
        List<network.mostro.protocol.SmallOrder> os = ((Payload.Orders) m.payload()).orders();
        assertThat(os).hasSize(1);
        assertThat(os.get(0).id()).isEqualTo(mine);
        assertThat(os.get(0).sellerTradePubkey()).isEqualTo(s.hex());
        assertThat(os.get(0).buyerInvoice()).isNull();

        Steps.refused(s, Action.ORDERS, null, new Payload.Ids(List.of()), CantDoReason.INVALID_PARAMETERS);
        List<UUID> many = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            many.add(UUID.randomUUID());
        }
        Steps.refused(s, Action.ORDERS, null, new Payload.Ids(many), CantDoReason.TOO_MANY_REQUESTS);
        Steps.refused(s, Action.ORDERS, null, new Payload.Ids(List.of(theirs)), CantDoReason.NOT_FOUND);
    }

    @Test
    void restoreSessionListsOpenOrdersAndDisputes() throws Exception {
        Key s1 = seller.newKey();
        UUID pendingId = Steps.create(s1, NodeHarness.sell(100_000, 50).build());
        Key s2 = seller.newKey();
        Key b = buyer.newKey();
        UUID disputed = Steps.activeSell(s2, b);
        b.send(Action.DISPUTE, disputed, null);
        b.expect(Action.DISPUTE_INITIATED_BY_YOU);
        s2.expect(Action.DISPUTE_INITIATED_BY_PEER);
        Key s3 = seller.newKey();
        UUID canceled = Steps.create(s3, NodeHarness.sell(100_000, 50).build());
        s3.send(Action.CANCEL, canceled, null);
        s3.expect(Action.CANCELED);

        Key fresh = seller.newKey();
        Message r = restore(fresh, Action.RESTORE_SESSION);
        assertThat(r.action()).isEqualTo(Action.RESTORE_SESSION);
        assertThat(r.type()).isEqualTo(MessageType.RESTORE);
        assertThat(r.requestId()).isNull();
        Payload.RestoreData data = (Payload.RestoreData) r.payload();
        assertThat(data.orders()).hasSize(1);
        assertThat(data.orders().get(0).orderId()).isEqualTo(pendingId);
        assertThat(data.orders().get(0).tradeIndex()).isEqualTo(1);
        assertThat(data.orders().get(0).knownStatus()).contains(OrderStatus.PENDING);
        assertThat(data.disputes()).hasSize(1);
        RestoredDispute d = data.disputes().get(0);
        assertThat(d.orderId()).isEqualTo(disputed);
        assertThat(d.tradeIndex()).isEqualTo(2);
        assertThat(d.status()).isEqualTo("initiated");
        assertThat(d.initiator().wireName()).isEqualTo("buyer");
    }

    @Test
    void makerRotatesItsTradeKey() throws Exception {
        Key old = seller.newKey();
        UUID id = Steps.create(old, NodeHarness.sell(100_000, 50).build());
        Key rotated = seller.newKey();
        long req = rotated.send(Action.TRADE_PUBKEY, id, null);
        Message ack = rotated.expect(Action.TRADE_PUBKEY);
        assertThat(ack.requestId()).isEqualTo(req);
        assertThat(ack.payload()).isNull();
        // a stranger's trade-pubkey is a silent internal error
        Key x = buyer.newKey();
        x.send(Action.TRADE_PUBKEY, id, null);
        x.expectSilence(java.time.Duration.ofMillis(400));
        Steps.refused(old, Action.CANCEL, id, null, CantDoReason.IS_NOT_YOUR_ORDER);
        rotated.send(Action.CANCEL, id, null);
        rotated.expect(Action.CANCELED);
        Steps.refused(rotated, Action.TRADE_PUBKEY, id, null, CantDoReason.INVALID_ORDER_STATUS);
    }
}

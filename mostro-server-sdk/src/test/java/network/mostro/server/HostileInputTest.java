package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import network.mostro.nostr.Event;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.Message;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.lightning.LightningNetwork;
import network.mostro.protocol.transport.Transport;
import network.mostro.protocol.transport.WrapOptions;
import network.mostro.server.NodeHarness.Key;
import network.mostro.server.NodeHarness.Trader;
import network.mostro.server.lightning.embedded.EmbeddedLightning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and malformed input: non-parties acting on an order, bad invoices (amount, network, validity), garbage
 * content, stale messages, bad new-order parameters. Refusals carry the daemon's reason and request id; silent drops
 * stay silent and are counted by reason.
 */
class HostileInputTest {
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
    void nonPartiesCannotActOnAnOrder() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        Key x = stranger.newKey();
        UUID id = Steps.activeSell(s, b);
        Steps.refused(x, Action.FIAT_SENT, id, null, CantDoReason.INVALID_PUBKEY);
        Steps.refused(s, Action.FIAT_SENT, id, null, CantDoReason.INVALID_PUBKEY);
        Steps.refused(x, Action.ADD_INVOICE, id, Payload.PaymentRequest.of("lnbcrt1"), CantDoReason.INVALID_PEER);
        Steps.refused(x, Action.DISPUTE, id, null, CantDoReason.INVALID_PUBKEY);
        Steps.fiatSent(b, s, id);
        Steps.refused(x, Action.RELEASE, id, null, CantDoReason.INVALID_PEER);
        Steps.refused(b, Action.RELEASE, id, null, CantDoReason.INVALID_PEER);
        Steps.refused(x, Action.PAY_INVOICE, id, Payload.PaymentRequest.of("lnbcrt1"), CantDoReason.INVALID_ACTION);
        // nothing moved
        assertThat(buyer.wallet.balance()).isEqualTo(START);
        s.expectSilence(Duration.ofMillis(200));
        b.expectSilence(Duration.ofMillis(200));
    }

    @Test
    void takingOwnOrTheWrongKindOfOrderIsRefused() throws Exception {
        Key s = seller.newKey();
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        Key sameIdentity = seller.newKey();
        Steps.refused(sameIdentity, Action.TAKE_SELL, id, null, CantDoReason.INVALID_PUBKEY);
        Key x = stranger.newKey();
        Steps.refused(x, Action.TAKE_BUY, id, null, CantDoReason.INVALID_ORDER_KIND);
        Key y = stranger.newKey();
        Steps.refused(y, Action.TAKE_SELL, UUID.randomUUID(), null, CantDoReason.NOT_FOUND);
    }

    @Test
    void badInvoicesAreRefused() throws Exception {
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        Steps.takeSell(b, s, id);
        String wrongAmount = buyer.wallet.createInvoice(99_000, "x", Duration.ofHours(24));
        Steps.refused(b, Action.ADD_INVOICE, id, Payload.PaymentRequest.of(wrongAmount), CantDoReason.INVALID_INVOICE);
        String tooShort = buyer.wallet.createInvoice(99_700, "x", Duration.ofMinutes(30));
        Steps.refused(b, Action.ADD_INVOICE, id, Payload.PaymentRequest.of(tooShort), CantDoReason.INVALID_INVOICE);
        try (EmbeddedLightning mainnet = EmbeddedLightning.builder().network(LightningNetwork.MAINNET)
                .clock(h.clock).build()) {
            String wrongNetwork = mainnet.wallet("m", 0).createInvoice(99_700, "x", Duration.ofHours(24));
            Steps.refused(b, Action.ADD_INVOICE, id, Payload.PaymentRequest.of(wrongNetwork),
                    CantDoReason.INVALID_INVOICE);
        }
        Steps.refused(b, Action.ADD_INVOICE, id, Payload.PaymentRequest.of("not an invoice"),
                CantDoReason.INVALID_INVOICE);
        Steps.refused(b, Action.ADD_INVOICE, id, Payload.PaymentRequest.of("someone@example.invalid"),
                CantDoReason.INVALID_INVOICE);
        // a good one still works afterwards
        Steps.addInvoice(b, s, id, 99_700);
    }

    @Test
    void badNewOrdersAreRefusedWithTheDaemonsReasons() throws Exception {
        assertRefused(NodeHarness.sell(100_000, 50).fiatCode("JPY").build(), CantDoReason.INVALID_FIAT_CURRENCY);
        assertRefused(NodeHarness.sell(100_000, 0).build(), CantDoReason.INVALID_AMOUNT);
        assertRefused(NodeHarness.sell(-5, 50).build(), CantDoReason.INVALID_AMOUNT);
        assertRefused(NodeHarness.sell(100_000, 50).premium(3).build(), CantDoReason.INVALID_PARAMETERS);
        assertRefused(NodeHarness.sell(2_000_000, 50).build(), CantDoReason.OUT_OF_RANGE_SATS_AMOUNT);
        assertRefused(NodeHarness.sell(50, 50).build(), CantDoReason.OUT_OF_RANGE_SATS_AMOUNT);
        assertRefused(SmallOrder.builder().kind(OrderKind.SELL).amount(0).fiatCode("USD").fiatAmount(0)
                .minAmount(50L).maxAmount(10L).paymentMethod("x").premium(0).build(), CantDoReason.INVALID_AMOUNT);
        assertRefused(SmallOrder.builder().amount(100_000).fiatCode("USD").fiatAmount(5).paymentMethod("x")
                .premium(0).build(), CantDoReason.INVALID_ORDER_KIND);
        assertRefused(NodeHarness.buy(100_000, 50).buyerInvoice("garbage").build(), CantDoReason.INVALID_INVOICE);
    }

    private void assertRefused(SmallOrder o, CantDoReason reason) throws InterruptedException {
        Key k = seller.newKey();
        long req = k.send(Action.NEW_ORDER, null, new Payload.Order(o));
        Message m = k.expect(Action.CANT_DO);
        assertThat(((Payload.CantDo) m.payload()).reason()).as(o.toString()).contains(reason);
        assertThat(m.requestId()).isEqualTo(req);
        assertThat(m.id()).isNull();
        assertThat(m.tradeIndex()).isNull();
    }

    @Test
    void garbageAndStaleEventsAreDroppedSilentlyAndCounted() throws Exception {
        Key k = stranger.newKey();
        PrivateKey author = k.key;
        List<Tag> p = List.of(Tag.of("p", h.nodePub().toHex()));
        long now = h.clock.instant().getEpochSecond();
        // not NIP-44 at all
        k.publish(new UnsignedEvent(author.publicKey(), now, 14, p, "garbage").sign(author));
        // valid NIP-44 to the node, but not a tuple
        k.publish(new UnsignedEvent(author.publicKey(), now, 14, p,
                Nip44.encrypt("{\"hello\":1}", author, h.nodePub())).sign(author));
        // a tuple whose message does not parse (fractional amount)
        String badMsg = "[{\"order\":{\"version\":2,\"request_id\":1,\"trade_index\":null,\"action\":\"new-order\","
                + "\"payload\":{\"order\":{\"kind\":\"sell\",\"status\":null,\"amount\":10.5,\"fiat_code\":\"USD\","
                + "\"min_amount\":null,\"max_amount\":null,\"fiat_amount\":5,\"payment_method\":\"x\",\"premium\":0,"
                + "\"created_at\":null,\"expires_at\":null}}}},null,null]";
        k.publish(new UnsignedEvent(author.publicKey(), now, 14, p, Nip44.encrypt(badMsg, author, h.nodePub()))
                .sign(author));
        // a valid message that is 11 s old when the node sees it
        Message m = Message.builder(Action.NEW_ORDER).requestId(5L)
                .payload(new Payload.Order(NodeHarness.sell(100_000, 50).build())).build();
        Event old = Transport.v2().wrapRequestAsync(m, network.mostro.protocol.transport.SenderKeys.fullPrivacy(author),
                h.nodePub(), WrapOptions.builder().clock(h.clock).build()).toCompletableFuture().join();
        NodeHarness.await("garbage handled", () -> h.node.counters().dropped(DropReason.MALFORMED) == 2);
        h.clock.advance(Duration.ofSeconds(11));
        k.publish(old);
        // full privacy with trade_index 0 from an unknown identity
        k.sendRaw(m.toBuilder().tradeIndex(0L).build());
        try {
            NodeHarness.await("drops counted", () -> {
            NodeCounters c = h.node.counters();
            return c.dropped(DropReason.NOT_ADDRESSED_TO_ME) + c.dropped(DropReason.MALFORMED) >= 3
                    && c.dropped(DropReason.STALE) == 1 && c.dropped(DropReason.TRADE_INDEX) == 1;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + h.node.counters());
        }
        k.expectSilence(Duration.ofMillis(300));
        // the node still works
        Key ok = seller.newKey();
        Steps.create(ok, NodeHarness.sell(100_000, 50).build());
    }

    @Test
    void reputationModeWithoutTradeIndexIsDropped() throws Exception {
        Key k = seller.newKey();
        k.sendRaw(Message.builder(Action.NEW_ORDER).requestId(1L)
                .payload(new Payload.Order(NodeHarness.sell(100_000, 50).build())).build());
        NodeHarness.await("drop", () -> h.node.counters().dropped(DropReason.TRADE_INDEX) == 1);
        k.expectSilence(Duration.ofMillis(300));
    }

    @Test
    void powIsEnforced() throws Exception {
        h.stopNode();
        h.settings = h.settings.toBuilder().pow(12).build();
        h.startNode();
        Key k = seller.newKey();
        k.send(Action.NEW_ORDER, null, new Payload.Order(NodeHarness.sell(100_000, 50).build()));
        NodeHarness.await("pow drop", () -> h.node.counters().dropped(DropReason.POW) == 1);
        // mined events pass
        Message m = Message.builder(Action.NEW_ORDER).requestId(9L).tradeIndex(k.index + 1)
                .payload(new Payload.Order(NodeHarness.sell(100_000, 50).build())).build();
        Event mined = Transport.v2().wrapRequestAsync(m, k.senderKeys(), h.nodePub(),
                WrapOptions.builder().clock(h.clock).pow(12).build()).toCompletableFuture().join();
        k.publish(mined);
        assertThat(k.expect(Action.NEW_ORDER).requestId()).isEqualTo(9L);
    }
}

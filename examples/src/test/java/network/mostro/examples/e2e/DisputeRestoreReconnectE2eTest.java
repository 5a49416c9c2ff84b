package network.mostro.examples.e2e;

import static network.mostro.examples.e2e.E2e.START;
import static network.mostro.examples.e2e.E2e.await;
import static network.mostro.examples.e2e.E2e.event;
import static network.mostro.examples.e2e.E2e.names;
import static network.mostro.examples.e2e.E2e.until;
import static network.mostro.examples.e2e.E2e.untilStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import network.mostro.client.MostroClient;
import network.mostro.client.NewOrder;
import network.mostro.client.RestoreResult;
import network.mostro.client.TakeOptions;
import network.mostro.client.Trade;
import network.mostro.client.TradeEvent;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.MessageType;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.server.lightning.embedded.Wallet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disputes settled and canceled by a solver (registered by the node admin), restore on a new device in the middle of
 * a trade, and clients whose relay connections are cut mid-trade; client SDK ↔ MostroNode ↔ MockRelay.
 */
class DisputeRestoreReconnectE2eTest {
    @TempDir
    Path dir;

    E2e w;
    MostroClient seller;
    MostroClient buyer;
    Wallet sw;
    Wallet bw;
    Trade sell;
    Trade buy;

    @AfterEach
    void tearDown() {
        if (w != null) {
            w.close();
        }
    }

    /** A fixed sell order, taken and locked; the buyer has declared the fiat sent. */
    void fiatSentTrade(Mnemonic buyerWords) {
        w = new E2e(dir).start();
        seller = w.client();
        buyer = w.client(buyerWords);
        sw = w.wallet("seller", START);
        bw = w.wallet("buyer", 0);
        sell = await(seller.createOrder(w.nodePub(), NewOrder.sell("USD", 50, "SEPA").fixedSats(100_000).build()));
        buy = TradeFlowsE2eTest.takeSellAndLock(buyer, bw, sell, sw, TakeOptions.none());
    }

    /** The seller disputes; the admin (node key) adds a solver, which takes the dispute. */
    E2e.ProtocolUser disputeTakenBySolver() {
        await(buy.fiatSent());
        event(sell, TradeEvent.FiatSentOk.class);
        TradeEvent opened = await(sell.dispute());
        UUID disputeId = ((TradeEvent.DisputeInitiatedByYou) opened).disputeId();
        assertThat(event(buy, TradeEvent.DisputeInitiatedByPeer.class).disputeId()).isEqualTo(disputeId);
        untilStatus(sell, OrderStatus.DISPUTE);
        untilStatus(buy, OrderStatus.DISPUTE);

        E2e.ProtocolUser admin = w.protocolUser(w.nodeKey);
        E2e.ProtocolUser solver = w.protocolUser(PrivateKey.generate());
        Message added = admin.request(Message.builder(Action.ADMIN_ADD_SOLVER).type(MessageType.DISPUTE)
                .id(UUID.randomUUID()).payload(new Payload.TextMessage(solver.key.publicKey().toNpub())));
        assertThat(added.action()).isEqualTo(Action.ADMIN_ADD_SOLVER);
        Message took = solver.request(Message.builder(Action.ADMIN_TAKE_DISPUTE).type(MessageType.DISPUTE)
                .id(disputeId));
        assertThat(took.action()).isEqualTo(Action.ADMIN_TOOK_DISPUTE);
        String solverHex = solver.key.publicKey().toHex();
        assertThat(event(sell, TradeEvent.AdminTookDispute.class).solverPubkey()).isEqualTo(solverHex);
        assertThat(event(buy, TradeEvent.AdminTookDispute.class).solverPubkey()).isEqualTo(solverHex);
        until("solver known to both", () -> sell.solverPubkey().isPresent() && buy.solverPubkey().isPresent());
        assertThat(sell.disputeId()).contains(disputeId);
        return solver;
    }

    @Test
    void solverSettlesTheDisputeForTheBuyer() {
        fiatSentTrade(Mnemonic.generate());
        E2e.ProtocolUser solver = disputeTakenBySolver();
        assertThat(solver.request(Message.builder(Action.ADMIN_SETTLE).id(sell.orderId())).action())
                .isEqualTo(Action.ADMIN_SETTLED);
        event(sell, TradeEvent.AdminSettled.class);
        event(buy, TradeEvent.AdminSettled.class);
        event(buy, TradeEvent.PurchaseCompleted.class);
        untilStatus(buy, OrderStatus.SUCCESS);
        until("buyer paid", () -> bw.balance() == 99_700);
        assertThat(names(sell)).containsExactly("OrderPublished", "WaitingBuyerInvoice", "PeerReputation",
                "PayHoldInvoice", "BuyerTookOrder", "FiatSentOk", "DisputeInitiatedByYou", "AdminTookDispute",
                "AdminSettled");
        assertThat(names(buy).subList(0, 8)).containsExactly("InvoiceRequested", "WaitingSellerToPay",
                "HoldInvoicePaymentAccepted", "FiatSentOk", "DisputeInitiatedByPeer", "AdminTookDispute",
                "AdminSettled", "PurchaseCompleted");
        assertThat(sw.balance()).isEqualTo(START - 100_300);
        assertThat(w.nodeBalance()).isEqualTo(600);
    }

    @Test
    void solverCancelsTheOrderAndTheSellerIsRefunded() {
        fiatSentTrade(Mnemonic.generate());
        E2e.ProtocolUser solver = disputeTakenBySolver();
        assertThat(solver.request(Message.builder(Action.ADMIN_CANCEL).id(sell.orderId())).action())
                .isEqualTo(Action.ADMIN_CANCELED);
        event(sell, TradeEvent.AdminCanceled.class);
        event(buy, TradeEvent.AdminCanceled.class);
        untilStatus(sell, OrderStatus.CANCELED_BY_ADMIN);
        untilStatus(buy, OrderStatus.CANCELED_BY_ADMIN);
        until("seller refunded", () -> sw.balance() == START);
        assertThat(bw.balance()).isZero();
        assertThat(w.nodeBalance()).isZero();
        assertThat(w.ln.lockedSats()).isZero();
        assertThat(names(buy)).containsExactly("InvoiceRequested", "WaitingSellerToPay",
                "HoldInvoicePaymentAccepted", "FiatSentOk", "DisputeInitiatedByPeer", "AdminTookDispute",
                "AdminCanceled");
    }

    @Test
    void buyerRestoresOnANewDeviceMidTradeAndFinishesThere() {
        Mnemonic words = Mnemonic.generate();
        w = new E2e(dir).start();
        seller = w.client();
        buyer = w.client(words);
        sw = w.wallet("seller", START);
        bw = w.wallet("buyer", 0);
        sell = await(seller.createOrder(w.nodePub(), NewOrder.sell("USD", 50, "SEPA").fixedSats(100_000).build()));
        buy = TradeFlowsE2eTest.takeSellAndLock(buyer, bw, sell, sw, TakeOptions.none());
        long oldIndex = buyer.lastTradeIndex();
        buyer.close(); // the old phone is gone

        MostroClient phone = w.client(words); // same mnemonic, empty session store
        assertThat(phone.trades()).isEmpty();
        assertThat(phone.lastTradeIndex()).isZero();
        RestoreResult restored = await(phone.restore(w.nodePub()));
        assertThat(restored.lastTradeIndex()).isEqualTo(oldIndex);
        assertThat(restored.tradeIndexNow()).isGreaterThanOrEqualTo(oldIndex);
        assertThat(restored.trades()).hasSize(1);
        Trade again = restored.trades().get(0);
        assertThat(again.orderId()).isEqualTo(sell.orderId());
        assertThat(again.tradePublicKey()).isEqualTo(buy.tradePublicKey());
        assertThat(again.status()).isEqualTo(OrderStatus.ACTIVE);

        await(again.fiatSent());
        event(sell, TradeEvent.FiatSentOk.class);
        await(sell.release());
        event(again, TradeEvent.Released.class);
        event(again, TradeEvent.PurchaseCompleted.class);
        untilStatus(again, OrderStatus.SUCCESS);
        assertThat(bw.balance()).isEqualTo(99_700);
        assertThat(sw.balance()).isEqualTo(START - 100_300);

        // a new order from the new phone uses a fresh index above the restored one
        Trade next = await(phone.createOrder(w.nodePub(), NewOrder.buy("USD", 10, "SEPA").fixedSats(20_000).build()));
        assertThat(next.tradeIndex()).isGreaterThan(oldIndex);
    }

    @Test
    void clientsReconnectAfterTheRelayCutsEveryConnectionMidTrade() {
        fiatSentTrade(Mnemonic.generate());
        int before = w.relay.connectionCount();
        w.relay.faults().dropConnections(); // TCP cut without a close frame: node and both clients
        // The JDK WebSocket often does not notice a silent TCP cut; the relay pool's keep-alive probe (30 s by
        // default) does, so allow for one probe interval plus the reconnect back-off.
        assertThat(w.relay.awaitConnections(before, Duration.ofSeconds(75))).isTrue();

        await(buy.fiatSent());
        event(sell, TradeEvent.FiatSentOk.class);
        await(sell.release());
        event(buy, TradeEvent.PurchaseCompleted.class);
        untilStatus(buy, OrderStatus.SUCCESS);
        event(buy, TradeEvent.RateRequested.class);
        assertThat(bw.balance()).isEqualTo(99_700);
        assertThat(names(buy)).containsExactly("InvoiceRequested", "WaitingSellerToPay",
                "HoldInvoicePaymentAccepted", "FiatSentOk", "Released", "PurchaseCompleted", "RateRequested");
    }
}

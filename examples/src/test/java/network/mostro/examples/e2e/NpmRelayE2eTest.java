package network.mostro.examples.e2e;

import static network.mostro.examples.e2e.E2e.START;
import static network.mostro.examples.e2e.E2e.await;
import static network.mostro.examples.e2e.E2e.event;
import static network.mostro.examples.e2e.E2e.names;
import static network.mostro.examples.e2e.E2e.statuses;
import static network.mostro.examples.e2e.TradeFlowsE2eTest.finish;
import static network.mostro.examples.e2e.TradeFlowsE2eTest.takeSellAndLock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import network.mostro.client.MostroClient;
import network.mostro.client.NewOrder;
import network.mostro.client.TakeOptions;
import network.mostro.client.Trade;
import network.mostro.client.TradeEvent;
import network.mostro.nostr.Event;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.Subscription;
import network.mostro.nostr.relay.SubscriptionListener;
import network.mostro.protocol.OrderStatus;
import network.mostro.server.lightning.embedded.Wallet;
import network.mostro.testkit.scenarios.NpmRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same complete trades as {@link TradeFlowsE2eTest}, through the independent npm relay ({@code @nostr-relay/core}
 * with its validator, a child process on 127.0.0.1) instead of MockRelay: client SDK ↔ relay ↔ MostroNode on the
 * embedded Lightning network and SQLite. A relay written by others checks that every event the node and the clients
 * publish is one a NIP-01 relay stores and serves (ids, signatures, kinds, tags, replaceable 38383 events). Skipped
 * locally without Node.js and the relay's npm packages; with {@code CI} set, a failure instead.
 */
class NpmRelayE2eTest {
    @TempDir
    Path dir;

    NpmRelay relay;
    E2e w;

    @AfterEach
    void tearDown() {
        if (w != null) {
            w.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void sellOrderTradesToTheEndThroughTheNpmRelay() throws Exception {
        relay = NpmRelay.start();
        w = new E2e(dir, relay.uri()).start();
        MostroClient seller = w.client();
        MostroClient buyer = w.client();
        Wallet sw = w.wallet("seller", START);
        Wallet bw = w.wallet("buyer", 0);

        Trade sell = await(seller.createOrder(w.nodePub(), NewOrder.sell("USD", 50, "SEPA").fixedSats(100_000)
                .build()));
        assertThat(sell.status()).isEqualTo(OrderStatus.PENDING);
        Trade buy = takeSellAndLock(buyer, bw, sell, sw, TakeOptions.none());
        finish(buy, sell);

        assertThat(names(sell)).containsExactly("OrderPublished", "WaitingBuyerInvoice", "PeerReputation",
                "PayHoldInvoice", "BuyerTookOrder", "FiatSentOk", "HoldInvoicePaymentSettled", "RateRequested",
                "RateReceived");
        assertThat(names(buy)).containsExactly("InvoiceRequested", "WaitingSellerToPay",
                "HoldInvoicePaymentAccepted", "FiatSentOk", "Released", "PurchaseCompleted", "RateRequested",
                "RateReceived");
        assertThat(statuses(sell)).containsExactly("waiting-buyer-invoice", "waiting-payment", "active",
                "fiat-sent", "settled-hold-invoice");
        assertThat(sw.balance()).isEqualTo(START - 100_300);
        assertThat(bw.balance()).isEqualTo(99_700);
        assertThat(w.nodeBalance()).isEqualTo(600);
        assertThat(w.ln.lockedSats()).isZero();

        // the relay kept only the newest version of the order's addressable 38383 event: the final one
        assertThat(orderEvents(sell)).singleElement()
                .satisfies(e -> assertThat(e.firstTagValue("s")).contains("success"));
    }

    @Test
    void buyOrderTradesToTheEndThroughTheNpmRelay() {
        relay = NpmRelay.start();
        w = new E2e(dir, relay.uri()).start();
        MostroClient buyer = w.client();
        MostroClient seller = w.client();
        Wallet sw = w.wallet("seller", START);
        Wallet bw = w.wallet("buyer", 0);

        Trade buy = await(buyer.createOrder(w.nodePub(), NewOrder.buy("USD", 100, "SEPA").fixedSats(200_000)
                .build()));
        Trade sell = await(seller.takeBuy(w.nodePub(), buy.orderId(), TakeOptions.none()));
        TradeEvent.PayHoldInvoice hold = event(sell, TradeEvent.PayHoldInvoice.class);
        assertThat(hold.amountSats()).isEqualTo(200_600);
        sw.pay(hold.invoice());
        TradeEvent.InvoiceRequested wanted = event(buy, TradeEvent.InvoiceRequested.class);
        assertThat(wanted.amountSats()).isEqualTo(199_400);
        await(buy.addInvoice(bw.createInvoice(wanted.amountSats(), "payout", Duration.ofHours(2))));
        event(sell, TradeEvent.BuyerTookOrder.class);
        event(buy, TradeEvent.HoldInvoicePaymentAccepted.class);
        finish(buy, sell);

        assertThat(sw.balance()).isEqualTo(START - 200_600);
        assertThat(bw.balance()).isEqualTo(199_400);
        assertThat(w.nodeBalance()).isEqualTo(1_200);
    }

    /** The node's 38383 events for the trade's order, as the npm relay serves them now. */
    private List<Event> orderEvents(Trade t) throws InterruptedException {
        List<Event> got = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch eose = new java.util.concurrent.CountDownLatch(1);
        SubscriptionListener listener = new SubscriptionListener() {
            @Override
            public void onEvent(Event e, java.net.URI from) {
                got.add(e);
            }

            @Override
            public void onEose(java.net.URI from) {
                eose.countDown();
            }
        };
        try (RelayPool pool = RelayPool.builder().relay(relay.uri()).build();
                Subscription sub = pool.subscribe(List.of(Filter.builder().kinds(38383).authors(w.nodePub())
                        .tag('d', t.orderId().toString()).build()), listener)) {
            assertThat(eose.await(10, TimeUnit.SECONDS)).as("EOSE from the npm relay").isTrue();
        }
        return got;
    }
}

package network.mostro.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import network.mostro.client.Trade;
import network.mostro.nostr.Event;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.Subscription;
import network.mostro.nostr.relay.SubscriptionListener;
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

    NpmRelayProcess relay;
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
        relay = NpmRelayProcess.start();
        w = new E2e(dir, relay.uri()).start();
        Trade sell = TradeFlowsE2eTest.sellTradeWithFixedPrice(w);
        // the relay kept only the newest version of the order's addressable 38383 event: the final one
        assertThat(orderEvents(sell)).singleElement()
                .satisfies(e -> assertThat(e.firstTagValue("s")).contains("success"));
    }

    @Test
    void buyOrderTradesToTheEndThroughTheNpmRelay() {
        relay = NpmRelayProcess.start();
        w = new E2e(dir, relay.uri()).start();
        TradeFlowsE2eTest.buyTradeWithFixedPrice(w);
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

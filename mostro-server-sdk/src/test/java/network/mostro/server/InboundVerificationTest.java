package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.server.NodeHarness.Key;
import network.mostro.server.NodeHarness.Trader;
import network.mostro.testkit.RelayFaults.Garbage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node checks each inbound event's id and signature exactly once (SPEC §3.6 step 3): its own relay pool does it
 * before delivery, and events from a caller-supplied pool (which may have {@code verifyEvents(false)}) are checked
 * by the pipeline. Replies still decrypt with the conversation keys the node caches across requests and replies.
 */
class InboundVerificationTest {
    static final long START = 1_000_000;
    NodeHarness h;
    RelayPool unverifiedPool;

    @AfterEach
    void tearDown() {
        try {
            if (h != null) {
                h.close();
            }
        } finally {
            if (unverifiedPool != null) {
                unverifiedPool.close();
            }
        }
    }

    @Test
    void ownPoolNeverDeliversABadSignatureToThePipeline() throws Exception {
        h = NodeHarness.inMemory(NodeHarness.defaultSettings()).startNode();
        // the node's subscription is the only one open when the garbage goes out
        assertThat(h.relay.awaitSubscriptions(1, NodeHarness.WAIT)).isTrue();
        // one bad-signature EVENT per open subscription, the node's among them; the pool rejects it
        assertThat(h.relay.faults().sendGarbage(Garbage.BAD_SIGNATURE)).isEqualTo(1);
        Trader seller = h.trader("seller", START, false);
        Key s = seller.newKey();
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        assertThat(id).isNotNull();
        NodeHarness.await("request counted", () -> h.node.counters().accepted() == 1);
        s.expectSilence(Duration.ofMillis(300));
        NodeCounters c = h.node.counters();
        // had the garbage reached the pipeline unverified, it would have been dropped (malformed or not addressed
        // to the node) and counted; it must not show up at all
        assertThat(c.dropped().values().stream().mapToLong(Long::longValue).sum()).as("drops %s", c).isZero();
        assertThat(c.accepted()).isEqualTo(1);
    }

    @Test
    void suppliedPoolWithoutVerificationIsVerifiedByTheNode() throws Exception {
        h = NodeHarness.inMemory(NodeHarness.defaultSettings());
        unverifiedPool = RelayPool.builder().relay(h.relay.uri()).verifyEvents(false).build();
        h.backend = h.ln.node("mostro");
        h.node = MostroNode.builder().nodeKey(h.nodeKey).relayPool(unverifiedPool).settings(h.settings)
                .lightning(h.backend).store(h.store).priceSource(h.prices).clock(h.clock).autoTick(false).build();
        h.node.start().toCompletableFuture().join();
        assertThat(h.relay.awaitSubscriptions(1, NodeHarness.WAIT)).isTrue();
        assertThat(h.relay.faults().sendGarbage(Garbage.BAD_SIGNATURE)).isEqualTo(1);
        NodeHarness.await("bad signature counted", () -> h.node.counters().dropped(DropReason.INVALID_EVENT) == 1);
        Trader seller = h.trader("seller", START, false);
        Key s = seller.newKey();
        // the node still works, and its reply (encrypted with the cached conversation key) decrypts
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        assertThat(id).isNotNull();
        // the accepted counter may move just after the reply is out
        NodeHarness.await("request counted", () -> h.node.counters().accepted() == 1);
        assertThat(h.node.counters().dropped(DropReason.INVALID_EVENT)).isEqualTo(1);
    }

    @Test
    void repliesToManyTradeKeysDecryptWithTheSharedKeyCache() throws Exception {
        h = NodeHarness.inMemory(NodeHarness.defaultSettings()).startNode();
        for (int i = 0; i < 3; i++) {
            Key s = h.trader("seller" + i, START, false).newKey();
            Key b = h.trader("buyer" + i, START, false).newKey();
            // each step is a request from a trade key and a reply (or notification) to it and to the counterparty
            UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
            Steps.takeSell(b, s, id);
        }
        NodeHarness.await("requests counted", () -> h.node.counters().accepted() == 6);
        assertThat(h.node.counters().dropped()).allSatisfy((r, n) -> assertThat(n).as("%s", r).isZero());
    }
}

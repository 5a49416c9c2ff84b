package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.server.NodeHarness.Key;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random garbage inside correctly encrypted kind-14 events: the node never crashes, answers nothing, counts
 * every event as a drop, and keeps serving.
 */
class GarbageFuzzTest {
    static final String[] FRAGMENTS = {"[", "]", "{", "}", ",", ":", "null", "true", "\"order\"", "\"action\"",
        "\"new-order\"", "\"take-sell\"", "\"payload\"", "\"version\"", "2", "-1", "1e309", "\"\\u0000\"",
        "\"id\"", "\"7dd204d2-d06c-4406-a3d9-4415f4a8b9c9\"", "\"request_id\"", "18446744073709551616", "\"amount\"",
        "10.5", "\"payment_request\"", "[null,\"lnbc1\",null]", "\"cant_do\"", "\"restore\"", "\"\"", " "};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomContentNeverCrashesTheNode(long seed) throws Exception {
        Random r = new Random(seed);
        try (NodeHarness h = NodeHarness.inMemory(NodeHarness.defaultSettings()).startNode()) {
            Key k = h.trader("fuzzer", -1, true).newKey();
            PrivateKey author = k.key;
            List<Tag> p = List.of(Tag.of("p", h.nodePub().toHex()));
            int n = 60;
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder();
                int len = 1 + r.nextInt(30);
                if (r.nextBoolean()) {
                    sb.append("[{\"order\":{\"version\":2,\"request_id\":").append(i).append(",\"trade_index\":null,");
                }
                for (int j = 0; j < len; j++) {
                    sb.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
                }
                long now = h.clock.instant().getEpochSecond();
                k.publish(new UnsignedEvent(author.publicKey(), now, 14, p,
                        Nip44.encrypt(sb.toString(), author, h.nodePub())).sign(author));
            }
            NodeHarness.await("all dropped", () -> {
                NodeCounters c = h.node.counters();
                long total = 0;
                for (long v : c.dropped().values()) {
                    total += v;
                }
                return total == n;
            });
            assertThat(h.node.counters().dropped(DropReason.INTERNAL_ERROR)).isZero();
            assertThat(k.all).isEmpty();
            Key ok = h.trader("maker", 1_000_000, false).newKey();
            Steps.create(ok, NodeHarness.sell(100_000, 50).build());
        }
    }
}

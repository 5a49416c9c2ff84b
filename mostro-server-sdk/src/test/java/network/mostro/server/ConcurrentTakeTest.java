package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.Message;
import network.mostro.protocol.Payload;
import network.mostro.server.NodeHarness.Key;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** 100 concurrent takes of one order: exactly one wins, the 99 others get the daemon's refusal (SPEC §7.2). */
class ConcurrentTakeTest {
    @TempDir
    Path dir;

    static Stream<String> stores() {
        return Stream.of("memory", "sqlite", "postgres");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void exactlyOneOfAHundredConcurrentTakesWins(String kind) throws Exception {
        NodeSettings s = NodeHarness.defaultSettings();
        try (NodeHarness h = NodeHarness.of(kind, dir, s)
                .startNode()) {
            Key maker = h.trader("maker", 1_000_000, false).newKey();
            UUID id = Steps.create(maker, NodeHarness.sell(100_000, 50).build());
            List<Key> takers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                takers.add(h.trader("taker" + i, -1, true).newKey());
            }
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> sends = new ArrayList<>();
                for (Key t : takers) {
                    sends.add(pool.submit(() -> t.send(Action.TAKE_SELL, id, null)));
                }
                for (Future<?> f : sends) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            int wins = 0;
            int refusals = 0;
            for (Key t : takers) {
                Message m = t.next();
                if (m.action() == Action.ADD_INVOICE) {
                    wins++;
                } else {
                    assertThat(m.action()).isEqualTo(Action.CANT_DO);
                    assertThat(((Payload.CantDo) m.payload()).reason()).contains(CantDoReason.INVALID_ORDER_STATUS);
                    refusals++;
                }
            }
            assertThat(wins).isEqualTo(1);
            assertThat(refusals).isEqualTo(99);
            maker.expect(Action.WAITING_BUYER_INVOICE);
            maker.expectSilence(java.time.Duration.ofMillis(300));
            assertThat(h.node.counters().cantDo(CantDoReason.INVALID_ORDER_STATUS)).isEqualTo(99);
        }
    }
}

package network.mostro.testkit;

import static network.mostro.testkit.Events.NOW;
import static network.mostro.testkit.Events.key;
import static network.mostro.testkit.Events.note;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Start/stop behaviour: close() leaves no thread behind. Isolated so other tests' relays do not interfere. */
@Isolated
class MockRelayLifecycleTest {

    private static Set<String> relayThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("mock-relay-"))
                .collect(Collectors.toSet());
    }

    @Test
    void closeStopsEveryThreadItStarted() {
        Set<String> before = relayThreads();
        MockRelay relay = MockRelay.start();
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.req("s", "{}");
            relay.faults().delay(java.time.Duration.ofMillis(200));
            c.send("[\"EVENT\"," + note(key(9), NOW, "pending while closing").toJson() + "]");
            assertThat(relayThreads()).hasSizeGreaterThan(before.size());
            long t0 = System.nanoTime();
            relay.close();
            System.out.printf("close with a client: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(c.awaitClose()).isIn(1001, -1);
        }
        assertThat(relayThreads()).isEqualTo(before);
        relay.close(); // idempotent
    }

    @Test
    void startAndCloseAreQuick() {
        Set<String> before = relayThreads();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            MockRelay relay = MockRelay.start();
            long t1 = System.nanoTime();
            relay.close();
            long t2 = System.nanoTime();
            System.out.printf("start %d ms, close %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        }
        assertThat(relayThreads()).isEqualTo(before);
    }
}

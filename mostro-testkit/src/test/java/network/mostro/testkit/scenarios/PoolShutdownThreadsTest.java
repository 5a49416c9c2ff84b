package network.mostro.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.testkit.MockRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code RelayPool.close()} leaves no thread behind, checked by comparing the JVM's live threads before the
 * pool existed and after it closed. Isolated: no other test may start threads meanwhile.
 */
@Isolated
class PoolShutdownThreadsTest {
    private final PrivateKey key = PrivateKey.generate();

    @Test
    void againstMockRelay() throws Exception {
        try (MockRelay relay = MockRelay.start()) {
            check(new ScenarioRelay() {
                @Override
                public java.net.URI uri() {
                    return relay.uri();
                }

                @Override
                public void dropConnections() {
                    relay.faults().dropConnections();
                }

                @Override
                public void sendRaw(String frame) {
                    relay.faults().sendRaw(frame);
                }

                @Override
                public void close() {
                    relay.close();
                }
            });
        }
    }

    @Test
    void againstNpmRelay() throws Exception {
        try (NpmRelay relay = NpmRelay.start(ScenarioRelay.Options.PLAIN)) {
            check(relay);
        }
    }

    private void check(ScenarioRelay relay) throws Exception {
        try (RelayPool warmUp = RelayPool.builder().relay(relay.uri()).build()) { // loads classes, JDK threads
            warmUp.publish(UnsignedEvent.builder(1).content("warm-up").sign(key)).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
        }
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        RelayPool pool = RelayPool.builder().relay(relay.uri()).build();
        java.util.concurrent.CountDownLatch got = new java.util.concurrent.CountDownLatch(1);
        pool.subscribe(List.of(Filter.builder().kinds(1).authors(key.publicKey()).build()), (e, r) -> got.countDown());
        assertThat(pool.publish(UnsignedEvent.builder(1).content("x").sign(key)).toCompletableFuture()
                .get(20, TimeUnit.SECONDS).acceptedByAny()).isTrue();
        assertThat(got.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(newThreads(before)).as("the pool runs threads while open").isNotEmpty();
        pool.close();
        // JDK 17-20: the HTTP client's selector thread ends once the client is unreachable, hence the GC.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> left = newThreads(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(100);
            left = newThreads(before);
        }
        assertThat(left).as("threads still alive after close()").isEmpty();
    }

    /** Live threads not in {@code before}, except the test engine's own fork-join workers. */
    private static List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .filter(t -> !(t instanceof ForkJoinWorkerThread w) || w.getPool() == ForkJoinPool.commonPool())
                .map(Thread::getName).sorted().collect(Collectors.toList());
    }
}

package network.mostro.benchmarks;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import network.mostro.client.MostroClient;
import network.mostro.client.OrderBook;
import network.mostro.client.OrderBookEntry;
import network.mostro.client.OrderBookFilter;
import network.mostro.client.OrderBookListener;
import network.mostro.client.SessionStore;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.testkit.MockRelay;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client's order book end to end (issue 6, item 9): a {@link MockRelay} in the same JVM holds 10,000 kind-38383
 * events of one node ({@link OrderEvents}); each single shot opens {@code MostroClient.orderBook(node, all)} on a
 * connected client and ends when the book holds all 10,000 orders. In between: the REQ, the relay's query and
 * 10,000 EVENT frames over a loopback WebSocket, the pool's parsing, batch verification, filter check and
 * de-duplication, and the book's parsing and indexing. Relay and client share the JVM and both cores. A fresh client
 * per iteration. Not thread-safe; run with {@code -t 1}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class OrderBookRelayBenchmark {
    private MockRelay relay;
    private PrivateKey nodeKey;
    private MostroClient client;

    @Setup(Level.Trial)
    public void setUp() {
        relay = MockRelay.start();
        nodeKey = PrivateKey.generate(new java.util.Random(38383));
        long now = Clock.systemUTC().instant().getEpochSecond();
        for (Event e : OrderEvents.signed(nodeKey, OrderBookIngestBenchmark.EVENTS, now, 6)) {
            if (!relay.publish(e)) {
                throw new IllegalStateException("relay refused " + e.id());
            }
        }
    }

    @Setup(Level.Iteration)
    public void connect() throws InterruptedException {
        client = MostroClient.builder().relays(relay.uri()).mnemonic(Mnemonic.generate())
                .sessionStore(SessionStore.inMemory()).build();
        if (!relay.awaitSubscriptions(1, java.time.Duration.ofSeconds(10))) {
            throw new IllegalStateException("client did not subscribe");
        }
    }

    @TearDown(Level.Iteration)
    public void disconnect() {
        client.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        relay.close();
    }

    @Benchmark
    public int fromRelay() throws InterruptedException {
        int n = OrderBookIngestBenchmark.EVENTS;
        CountDownLatch added = new CountDownLatch(n);
        try (OrderBook book = client.orderBook(nodeKey.publicKey(), OrderBookFilter.all())) {
            // Listener calls run on the client's callback thread; entries added before this call are in the snapshot.
            book.addListener(new OrderBookListener() {
                @Override
                public void onAdded(OrderBookEntry entry) {
                    added.countDown();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!added.await(10, TimeUnit.MILLISECONDS)) {
                if (book.snapshot().size() == n) {
                    return n;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("book holds " + book.snapshot().size() + " of " + n);
                }
            }
            return n;
        }
    }
}

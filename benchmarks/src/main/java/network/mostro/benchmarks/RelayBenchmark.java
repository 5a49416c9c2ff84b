package network.mostro.benchmarks;

import java.net.URI;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.PublishResult;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.SubscriptionListener;
import network.mostro.nostr.relay.Subscription;
import network.mostro.testkit.MockRelay;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The relay pool against an in-process {@link MockRelay} over real loopback WebSockets: publish→OK round
 * trips per second (one event in flight, each event fresh so the relay verifies and stores it), and
 * subscription delivery (REQ for 1,000 stored events until EOSE; every event parsed, verified, filtered and
 * de-duplicated by the pool). Client and relay share the JVM and the two cores.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RelayBenchmark {
    private static final int STORED = 1_000;
    private static final int FRESH = 60_000;

    private MockRelay relay;
    private RelayPool pool;
    private PrivateKey key;
    private Event[] fresh;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        relay = MockRelay.start();
        pool = RelayPool.builder().relay(relay.uri()).build();
        key = PrivateKey.generate(new Random(7));
        byte[] aux = new byte[32];
        for (int i = 0; i < STORED; i++) {
            relay.publish(UnsignedEvent.builder(38383).createdAt(1_700_000_000L + i)
                    .tag("d", "order-" + i).tag("s", "pending").content("")
                    .build(key.publicKey()).sign(key, aux));
        }
        fresh = new Event[FRESH];
        for (int i = 0; i < FRESH; i++) {
            fresh[i] = UnsignedEvent.builder(1).createdAt(1_700_000_000L).content("bench " + i)
                    .build(key.publicKey()).sign(key, aux);
        }
        // Connect and warm the path once.
        publishRoundTrip();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        relay.close();
    }

    @Benchmark
    public PublishResult publishRoundTrip() throws Exception {
        Event e = fresh[next++ % FRESH];
        PublishResult r = pool.publish(e).toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (!r.acceptedByAny()) {
            throw new IllegalStateException("relay did not accept: " + r);
        }
        return r;
    }

    @Benchmark
    @OperationsPerInvocation(STORED)
    public int subscriptionDelivery() throws Exception {
        AtomicInteger received = new AtomicInteger();
        CompletableFuture<Void> eose = new CompletableFuture<>();
        Subscription sub = pool.subscribe(List.of(Filter.builder().kinds(38383).authors(key.publicKey()).build()),
                new SubscriptionListener() {
                    @Override
                    public void onEvent(Event event, URI from) {
                        received.incrementAndGet();
                    }

                    @Override
                    public void onEoseComplete(Set<URI> timedOut) {
                        eose.complete(null);
                    }
                });
        try {
            eose.get(30, TimeUnit.SECONDS);
        } finally {
            sub.close();
        }
        if (received.get() != STORED) {
            throw new IllegalStateException("expected " + STORED + " events, got " + received.get());
        }
        return received.get();
    }
}

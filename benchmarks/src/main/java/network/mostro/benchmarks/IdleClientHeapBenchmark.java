package network.mostro.benchmarks;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import network.mostro.client.MostroClient;
import network.mostro.client.OrderBook;
import network.mostro.client.OrderBookFilter;
import network.mostro.client.SessionStore;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.RelayStatus;
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
 * Retained heap of an idle {@link MostroClient} (issue 6, item 9): one relay (a {@code MockRelay} in a separate JVM,
 * {@link RelayProcess}, so the relay's buffers are not counted), an in-memory session store with no trades, the
 * client's node-info subscription and one open order book of a node that has published nothing (empty book). Same
 * technique as {@link IdleConnectionHeapBenchmark}: serial GC, minimum of five post-GC samples before and after,
 * after 2 s idle; the figures are reported by {@code -prof network.mostro.benchmarks.IdleHeapProfiler}
 * ({@code heap.bytes} is the client's whole retained heap, including its relay pool and connection). The pool is
 * built here with the client's defaults and handed to the client, only so the benchmark can check it is connected.
 * Not thread-safe; run with {@code -t 1}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms256m", "-Xmx256m"})
@State(Scope.Benchmark)
public class IdleClientHeapBenchmark {
    private RelayProcess relay;
    private URI uri;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        relay = RelayProcess.start();
        uri = URI.create("ws://127.0.0.1:" + relay.port());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        relay.close();
    }

    @Benchmark
    public void idleClient() throws Exception {
        Mnemonic words = Mnemonic.generate();
        PrivateKey node = PrivateKey.generate();
        long[] before = snapshot(false);
        RelayPool pool = RelayPool.builder().relay(uri).build();
        try (MostroClient client = MostroClient.builder().relayPool(pool).mnemonic(words)
                .sessionStore(SessionStore.inMemory()).build();
             OrderBook book = client.orderBook(node.publicKey(), OrderBookFilter.all())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pool.statuses().get(uri) != RelayStatus.CONNECTED) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not connected: " + pool.statuses());
                }
                Thread.sleep(10);
            }
            long[] after = snapshot(true);
            if (!book.snapshot().isEmpty() || !client.trades().isEmpty()) {
                throw new IllegalStateException("the idle client is not empty");
            }
            IdleConnectionHeapBenchmark.last = new IdleConnectionHeapBenchmark.Figures(1, after[0] - before[0],
                    after[1] - before[1], (int) (after[2] - before[2]));
        } finally {
            pool.close();
        }
    }

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /**
     * Heap used (minimum of five samples, each right after a full GC), direct-buffer bytes and live threads;
     * {@code idle}: after 2 s without traffic (transport threads that went idle end after 1 s). Before a shot,
     * waits up to 5 s (GCs) for the previous shot's JDK WebSocket selector thread to end.
     */
    private static long[] snapshot(boolean idle) throws InterruptedException {
        if (idle) {
            Thread.sleep(2_000);
        } else {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (selectorThreads() > 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);
            }
        }
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            heap = Math.min(heap, MEMORY.getHeapMemoryUsage().getUsed());
            Thread.sleep(10);
        }
        long direct = 0;
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                direct = b.getMemoryUsed();
            }
        }
        return new long[] {heap, direct, ManagementFactory.getThreadMXBean().getThreadCount()};
    }

    private static int selectorThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().endsWith("SelectorManager")) {
                n++;
            }
        }
        return n;
    }
}

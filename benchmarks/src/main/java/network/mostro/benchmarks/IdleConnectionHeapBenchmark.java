package network.mostro.benchmarks;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.Event;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.RelayStatus;
import network.mostro.nostr.relay.Subscription;
import network.mostro.nostr.relay.SubscriptionListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Retained heap of idle relay connections: {@code pool} opens a {@link RelayPool} to {@code connections} relay
 * URIs with one live subscription (one REQ per connection, answered by EOSE, nothing stored matches), and
 * {@code jdkWebSocket} opens as many bare {@code java.net.http.WebSocket}s on one {@code HttpClient}, each having
 * sent the same REQ and read its EOSE: the floor any JDK-based client pays. The relay is a {@code MockRelay} in a
 * separate JVM ({@link RelayProcess}), so only the client's heap is counted; the URIs differ by path
 * ({@code /c0}, {@code /c1}, …), which the pool treats as distinct relays and the relay ignores.
 *
 * <p>Each single shot: full GCs until the previous shot's leftovers are gone, then connect and wait for every
 * EOSE, let the connections sit idle for 2 s, then full GCs again; the difference of the minima of five post-GC
 * samples ({@link MemoryMXBean} used heap under the serial collector, where "used after a full GC" is the live
 * set) is the retained heap. Run with {@code -prof network.mostro.benchmarks.IdleHeapProfiler}, which reports
 * it as secondary results ({@code heap.bytes/conn}, {@code heap.bytes}, {@code direct.bytes},
 * {@code threads}). The primary score, the time of the whole shot, is dominated by the forced GCs and the idle
 * wait and is not a latency figure. Not thread-safe; run with {@code -t 1}.
 *
 * <p>Caveat: heap only. Thread stacks, the JDK selector's native structures and socket buffers are not on the
 * heap; {@code threads} and {@code directTotal} show their count and size, not their cost.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms256m", "-Xmx256m"})
@State(Scope.Benchmark)
public class IdleConnectionHeapBenchmark {
    private static final String SUB_ID = "idle";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Param({"1", "10", "100"})
    public int connections;

    private RelayProcess relay;
    private List<URI> uris;
    private Filter filter;

    /** The figures of the last shot, for {@link IdleHeapProfiler}; null until a shot completes. */
    static volatile Figures last;

    /**
     * What one shot measured.
     *
     * @param connections idle connections held
     * @param heapBytes retained heap of the connections and their client
     * @param directBytes direct-buffer bytes added
     * @param threads threads added
     */
    record Figures(int connections, long heapBytes, long directBytes, int threads) {}

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        relay = RelayProcess.start();
        uris = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            uris.add(URI.create("ws://127.0.0.1:" + relay.port() + "/c" + i));
        }
        // Matches nothing the relay stores (it stores nothing): the subscription stays open and idle.
        filter = Filter.builder().kinds(38383).tag('s', "pending").since(1_700_000_000L).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        relay.close();
    }

    @Benchmark
    public void pool() throws Exception {
        Snapshot before = Snapshot.settled();
        CompletableFuture<Set<URI>> eose = new CompletableFuture<>();
        RelayPool pool = RelayPool.builder().relays(uris).build();
        try {
            Subscription sub = pool.subscribe(List.of(filter), new SubscriptionListener() {
                @Override
                public void onEvent(Event event, URI from) {
                    throw new IllegalStateException("unexpected event " + event.id());
                }

                @Override
                public void onEoseComplete(Set<URI> timedOut) {
                    eose.complete(timedOut);
                }
            });
            Set<URI> timedOut = eose.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (!timedOut.isEmpty()) {
                throw new IllegalStateException("no EOSE from " + timedOut.size() + " relays");
            }
            for (Map.Entry<URI, RelayStatus> s : pool.statuses().entrySet()) {
                if (s.getValue() != RelayStatus.CONNECTED) {
                    throw new IllegalStateException(s.getKey() + " is " + s.getValue());
                }
            }
            record(before, Snapshot.idle());
            sub.close();
        } finally {
            pool.close();
        }
    }

    @Benchmark
    public void jdkWebSocket() throws Exception {
        Snapshot before = Snapshot.settled();
        // Like the SDK's default transport: a cached pool of daemon threads as the client's executor.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "bench-ws");
                    t.setDaemon(true);
                    return t;
                });
        List<WebSocket> sockets = new ArrayList<>(connections);
        try {
            HttpClient client = HttpClient.newBuilder().executor(executor).connectTimeout(WAIT).build();
            CountDownLatch eose = new CountDownLatch(connections);
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>(connections);
            for (URI u : uris) {
                opening.add(client.newWebSocketBuilder().buildAsync(u, new EoseReader(eose)));
            }
            String req = "[\"REQ\",\"" + SUB_ID + "\"," + filter.toJson() + "]";
            for (CompletableFuture<WebSocket> f : opening) {
                WebSocket ws = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                sockets.add(ws);
                ws.sendText(req, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            if (!eose.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(eose.getCount() + " connections got no EOSE");
            }
            record(before, Snapshot.idle());
            if (sockets.size() != connections || client.version() == null) { // keeps client reachable
                throw new IllegalStateException("lost a socket");
            }
        } finally {
            for (WebSocket ws : sockets) {
                ws.abort();
            }
            shutdown(executor);
        }
    }

    private void record(Snapshot before, Snapshot after) {
        last = new Figures(connections, after.heap - before.heap, after.direct - before.direct,
                after.threads - before.threads);
    }

    private static void shutdown(ExecutorService ex) throws InterruptedException {
        ex.shutdown();
        ex.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Reads text messages one at a time, like the SDK's transport, and counts EOSEs. */
    private static final class EoseReader implements WebSocket.Listener {
        private final CountDownLatch eose;
        private final StringBuilder partial = new StringBuilder();

        EoseReader(CountDownLatch eose) {
            this.eose = eose;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                if (partial.indexOf("[\"EOSE\",\"" + SUB_ID + "\"]") == 0) {
                    eose.countDown();
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    /** Live heap, direct buffers and thread count after forced full GCs. */
    private record Snapshot(long heap, long direct, int threads) {
        private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

        /**
         * A snapshot once the previous shot's leftovers are gone: on Java 17–20 an unreachable HttpClient's
         * selector thread ends only after a GC has cleared it, so wait (up to 5 s) for those threads to end.
         */
        static Snapshot settled() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (selectorThreads() > 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);
            }
            return take();
        }

        /**
         * A snapshot of idle connections: waits 2 s first, so that transport threads that went idle after the
         * handshakes (they end after 1 s) and handshake garbage are gone, as on a long-lived idle client.
         */
        static Snapshot idle() throws InterruptedException {
            Thread.sleep(2_000);
            return take();
        }

        /** The minimum of five samples, each taken right after {@code System.gc()} (a full GC). */
        static Snapshot take() throws InterruptedException {
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
            return new Snapshot(heap, direct, ManagementFactory.getThreadMXBean().getThreadCount());
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
}

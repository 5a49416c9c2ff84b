package network.mostro.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import network.mostro.client.OrderBook;
import network.mostro.client.OrderBookEntry;
import network.mostro.client.OrderBookFilter;
import network.mostro.client.OrderBookListener;
import network.mostro.nostr.BatchVerifier;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client's order-book ingestion in process (issue 6, item 9): one operation = 10,000 kind-38383 events of one
 * node, each received as JSON, parsed, its id and signature checked, parsed into an order ({@code OrderEvent.parse})
 * and indexed by the client's internal book ({@code network.mostro.client.internal.OrderBookImpl}, reached by
 * reflection because its constructor and {@code onEvent} are package-private) with one listener counting additions.
 * A fresh, empty book per operation; the operation fails unless all 10,000 orders were added.
 *
 * <ul>
 *   <li>{@code ingestBatchVerified}: signatures checked 256 at a time with {@link BatchVerifier} (ids one by one),
 *       as the relay pool does with frames that pile up while a batch is processed;</li>
 *   <li>{@code ingestVerifiedOneByOne}: {@link Event#verify()} per event (the pool's path when events trickle in);</li>
 *   <li>{@code ingestUnverified}: parse and index only, to show what verification costs.</li>
 * </ul>
 *
 * <p>Not thread-safe; run with {@code -t 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class OrderBookIngestBenchmark {
    static final int EVENTS = 10_000;
    private static final int BATCH = 256;

    private String[] json;
    private PublicKey node;
    private long now;
    private MethodHandle newBook;
    private MethodHandle onEvent;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        PrivateKey nodeKey = PrivateKey.generate(new java.util.Random(38383));
        node = nodeKey.publicKey();
        now = Clock.systemUTC().instant().getEpochSecond();
        Event[] events = OrderEvents.signed(nodeKey, EVENTS, now, 6);
        json = new String[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            json[i] = events[i].toJson();
        }
        Class<?> impl = Class.forName("network.mostro.client.internal.OrderBookImpl");
        Constructor<?> c = impl.getDeclaredConstructor(PublicKey.class, OrderBookFilter.class, Executor.class,
                Consumer.class, Runnable.class, Clock.class);
        c.setAccessible(true);
        Method m = impl.getDeclaredMethod("onEvent", Event.class, long.class);
        m.setAccessible(true);
        newBook = MethodHandles.lookup().unreflectConstructor(c);
        onEvent = MethodHandles.lookup().unreflect(m);
        // Sanity: a tampered event must not verify, and the unverified path must index everything.
        Event e = Event.fromJson(json[0]);
        Event bad = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content() + " ", e.sig());
        if (bad.verify() || BatchVerifier.verifyEvents(List.of(e, bad))) {
            throw new IllegalStateException("a tampered event verified");
        }
    }

    /** A new empty book of {@link #node} (filter: all pending orders) with one counting listener. */
    private Book book() throws Throwable {
        Consumer<String> ignored = reason -> {
            throw new IllegalStateException("ignored: " + reason);
        };
        Runnable direct = () -> { };
        OrderBook b = (OrderBook) newBook.invoke(node, OrderBookFilter.all(), (Executor) Runnable::run, ignored,
                direct, Clock.systemUTC());
        AtomicInteger added = new AtomicInteger();
        b.addListener(new OrderBookListener() {
            @Override
            public void onAdded(OrderBookEntry entry) {
                added.incrementAndGet();
            }
        });
        return new Book(b, added);
    }

    private record Book(OrderBook book, AtomicInteger added) {
        int done() {
            if (added.get() != EVENTS) {
                throw new IllegalStateException("only " + added.get() + " of " + EVENTS + " orders added");
            }
            return added.get();
        }
    }

    @Benchmark
    public int ingestBatchVerified() throws Throwable {
        Book b = book();
        List<Event> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < EVENTS; i++) {
            batch.add(Event.fromJson(json[i]));
            if (batch.size() == BATCH || i == EVENTS - 1) {
                if (!BatchVerifier.findInvalidEvents(batch).isEmpty()) {
                    throw new IllegalStateException("invalid event in batch");
                }
                for (Event e : batch) {
                    onEvent.invoke(b.book(), e, now);
                }
                batch.clear();
            }
        }
        return b.done();
    }

    @Benchmark
    public int ingestVerifiedOneByOne() throws Throwable {
        Book b = book();
        for (int i = 0; i < EVENTS; i++) {
            Event e = Event.fromJson(json[i]);
            if (!e.verify()) {
                throw new IllegalStateException("invalid event " + i);
            }
            onEvent.invoke(b.book(), e, now);
        }
        return b.done();
    }

    @Benchmark
    public int ingestUnverified() throws Throwable {
        Book b = book();
        for (int i = 0; i < EVENTS; i++) {
            onEvent.invoke(b.book(), Event.fromJson(json[i]), now);
        }
        return b.done();
    }
}

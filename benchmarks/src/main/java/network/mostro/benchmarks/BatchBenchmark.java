package network.mostro.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.BatchVerifier;
import network.mostro.nostr.Event;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch BIP-340 verification of 64 and 256 order events against verifying them one by one (Mostro and
 * rust-nostr). Scores are signatures (or events) per second: every method declares its batch size with
 * {@link OperationsPerInvocation}. {@code authors} = 1 is a Mostro node's order book (one author);
 * {@code authors} = 64 is the worst case for key grouping at size 64 (all distinct) and 64 authors of
 * 4 events each at size 256.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchBenchmark {

    /** A batch of {@code size} events, parsed from JSON, with the same events on the rust-nostr side. */
    @State(Scope.Thread)
    public abstract static class Batch {
        @Param({"1", "64"})
        public int authors;

        List<Event> events;
        List<BatchVerifier.Item> items;
        rust.nostr.sdk.Event[] rustEvents;

        abstract int size();

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            List<Event> source = Fixtures.orderEvents(40 + authors, size(), authors);
            events = new ArrayList<>();
            items = new ArrayList<>();
            rustEvents = new rust.nostr.sdk.Event[size()];
            for (int i = 0; i < size(); i++) {
                String json = source.get(i).toJson();
                Event e = Event.fromJson(json);
                events.add(e);
                items.add(new BatchVerifier.Item(e.pubkey(), Hexes.decode(e.id()), Hexes.decode(e.sig())));
                rustEvents[i] = rust.nostr.sdk.Event.Companion.fromJson(json);
            }
            if (!BatchVerifier.verifyEvents(events)) {
                throw new IllegalStateException("fixture batch does not verify");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            for (rust.nostr.sdk.Event e : rustEvents) {
                e.close();
            }
        }
    }

    @State(Scope.Thread)
    public static class Batch64 extends Batch {
        @Override
        int size() {
            return 64;
        }
    }

    @State(Scope.Thread)
    public static class Batch256 extends Batch {
        @Override
        int size() {
            return 256;
        }
    }

    static boolean single(List<BatchVerifier.Item> items) {
        boolean ok = true;
        for (BatchVerifier.Item it : items) {
            ok &= it.key().verify(it.message(), it.signature());
        }
        return ok;
    }

    static boolean singleEvents(List<Event> events) {
        boolean ok = true;
        for (Event e : events) {
            ok &= e.verify();
        }
        return ok;
    }

    static boolean rustEvents(rust.nostr.sdk.Event[] events) {
        boolean ok = true;
        for (rust.nostr.sdk.Event e : events) {
            ok &= e.verify();
        }
        return ok;
    }

    static boolean rustSignatures(rust.nostr.sdk.Event[] events) {
        boolean ok = true;
        for (rust.nostr.sdk.Event e : events) {
            ok &= e.verifySignature();
        }
        return ok;
    }

    // ---- 64

    @Benchmark
    @OperationsPerInvocation(64)
    public boolean sigs64Batch(Batch64 b) {
        return BatchVerifier.verify(b.items);
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public boolean sigs64Single(Batch64 b) {
        return single(b.items);
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public boolean sigs64Rust(Batch64 b) {
        return rustSignatures(b.rustEvents);
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public boolean events64Batch(Batch64 b) {
        return BatchVerifier.verifyEvents(b.events);
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public boolean events64Single(Batch64 b) {
        return singleEvents(b.events);
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public boolean events64Rust(Batch64 b) {
        return rustEvents(b.rustEvents);
    }

    // ---- 256

    @Benchmark
    @OperationsPerInvocation(256)
    public boolean sigs256Batch(Batch256 b) {
        return BatchVerifier.verify(b.items);
    }

    @Benchmark
    @OperationsPerInvocation(256)
    public boolean sigs256Single(Batch256 b) {
        return single(b.items);
    }

    @Benchmark
    @OperationsPerInvocation(256)
    public boolean sigs256Rust(Batch256 b) {
        return rustSignatures(b.rustEvents);
    }

    @Benchmark
    @OperationsPerInvocation(256)
    public boolean events256Batch(Batch256 b) {
        return BatchVerifier.verifyEvents(b.events);
    }

    @Benchmark
    @OperationsPerInvocation(256)
    public boolean events256Single(Batch256 b) {
        return singleEvents(b.events);
    }

    @Benchmark
    @OperationsPerInvocation(256)
    public boolean events256Rust(Batch256 b) {
        return rustEvents(b.rustEvents);
    }
}

package network.mostro.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Schnorr;
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
 * BIP-340 sign and verify, Mostro SDK vs rust-nostr (same keys, messages and events). Verification walks
 * a ring of 64 order events by 8 authors, each parsed from JSON separately, as a node receives them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SchnorrBenchmark {
    static final int RING = 64;

    PrivateKey key;
    rust.nostr.sdk.Keys rustKeys;
    byte[] message;

    String[] json;
    Event[] events;
    PublicKey[] pubs;
    byte[][] ids;
    byte[][] sigs;
    rust.nostr.sdk.Event[] rustEvents;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        key = Fixtures.keys(1, 1).get(0);
        rustKeys = rust.nostr.sdk.Keys.Companion.parse(key.toHex());
        message = Schnorr.sha256(Fixtures.text(2, 100).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        List<Event> source = Fixtures.orderEvents(3, RING, 8);
        json = new String[RING];
        events = new Event[RING];
        pubs = new PublicKey[RING];
        ids = new byte[RING][];
        sigs = new byte[RING][];
        rustEvents = new rust.nostr.sdk.Event[RING];
        for (int i = 0; i < RING; i++) {
            json[i] = source.get(i).toJson();
            events[i] = Event.fromJson(json[i]);
            pubs[i] = events[i].pubkey();
            ids[i] = Hexes.decode(events[i].id());
            sigs[i] = Hexes.decode(events[i].sig());
            rustEvents[i] = rust.nostr.sdk.Event.Companion.fromJson(json[i]);
            if (!events[i].verify() || !rustEvents[i].verify()) {
                throw new IllegalStateException("fixture event " + i + " does not verify");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (rust.nostr.sdk.Event e : rustEvents) {
            e.close();
        }
        rustKeys.close();
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (RING - 1);
        return i;
    }

    @Benchmark
    public byte[] signMostro() {
        return key.sign(message);
    }

    @Benchmark
    public String signRust() throws Exception {
        return rustKeys.signSchnorr(message);
    }

    /** Signature only: 32-byte id, 64-byte signature, parsed key. */
    @Benchmark
    public boolean verifyRawMostro() {
        int i = nextIndex();
        return Schnorr.verify(pubs[i], ids[i], sigs[i]);
    }

    /** rust-nostr's {@code Event.verify_signature()}: signature only, over the stored id. */
    @Benchmark
    public boolean verifyRawRust() {
        return rustEvents[nextIndex()].verifySignature();
    }

    /** NIP-01 id recomputation plus signature. */
    @Benchmark
    public boolean verifyEventMostro() {
        return events[nextIndex()].verify();
    }

    @Benchmark
    public boolean verifyEventRust() {
        return rustEvents[nextIndex()].verify();
    }

    /** What a node does per message: parse the JSON, then verify id and signature. */
    @Benchmark
    public boolean parseAndVerifyMostro() {
        return Event.fromJson(json[nextIndex()]).verify();
    }

    @Benchmark
    public boolean parseAndVerifyRust() throws Exception {
        try (rust.nostr.sdk.Event e = rust.nostr.sdk.Event.Companion.fromJson(json[nextIndex()])) {
            return e.verify();
        }
    }
}

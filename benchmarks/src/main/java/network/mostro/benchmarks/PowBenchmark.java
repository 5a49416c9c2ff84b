package network.mostro.benchmarks;

import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.Nip13;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.UnsignedEvent;
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
 * NIP-13 mining of a kind-1 note to 8, 16 and 20 leading zero bits on ONE thread, Mostro SDK vs
 * rust-nostr ({@code EventBuilder.pow(d).build(pubkey)}, single-threaded). Each invocation mines a fresh
 * content ("pow benchmark #n"), the same sequence on both sides. A search needs 2^d hashes on average and
 * its length is geometrically distributed (standard deviation ≈ mean), so scores at d = 20 carry a wide
 * error: compare the averages over many invocations, not single runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 6)
@Fork(1)
@State(Scope.Thread)
public class PowBenchmark {
    @Param({"8", "16", "20"})
    public int difficulty;

    PrivateKey key;
    Nip13.Miner miner;
    long counter;
    long rustCounter;

    rust.nostr.sdk.PublicKey rustPub;
    Method pow;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        key = Fixtures.keys(13, 1).get(0);
        // One worker, run on the calling thread: mine() returns an already completed future.
        miner = Nip13.Miner.builder().threads(1).executor(Runnable::run).build();
        rustPub = rust.nostr.sdk.PublicKey.Companion.parse(key.publicKey().toHex());
        // Kotlin mangles the name of functions taking an unsigned byte; find it once.
        for (Method m : rust.nostr.sdk.EventBuilder.class.getMethods()) {
            if (m.getName().startsWith("pow") && m.getParameterCount() == 1
                    && m.getParameterTypes()[0] == byte.class) {
                pow = m;
            }
        }
        if (pow == null) {
            throw new IllegalStateException("EventBuilder.pow not found");
        }
        if (Nip13.difficulty(mineMostro()) < difficulty) {
            throw new IllegalStateException("mined below target");
        }
        if (Nip13.difficulty(mineRust()) < difficulty) {
            throw new IllegalStateException("rust mined below target");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rustPub.close();
    }

    @Benchmark
    public String mineMostro() {
        UnsignedEvent template = UnsignedEvent.builder(1)
                .createdAt(1_700_000_000L)
                .content("pow benchmark #" + counter++)
                .build(key.publicKey());
        return miner.mine(template, difficulty).join().id();
    }

    @Benchmark
    public String mineRust() throws Exception {
        try (rust.nostr.sdk.EventBuilder b = rust.nostr.sdk.EventBuilder.Companion
                .textNote("pow benchmark #" + rustCounter++);
                rust.nostr.sdk.EventBuilder withPow = (rust.nostr.sdk.EventBuilder) pow.invoke(b, (byte) difficulty);
                rust.nostr.sdk.UnsignedEvent mined = withPow.build(rustPub);
                rust.nostr.sdk.EventId id = mined.id()) {
            return id.toHex();
        }
    }
}

package network.mostro.benchmarks;

import java.util.concurrent.TimeUnit;
import network.mostro.nostr.Event;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.Nip59;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.UnsignedEvent;
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
 * NIP-59 gift-wrap unwrap from the wire JSON, Mostro SDK vs rust-nostr, over the same 8,192 distinct
 * gift wraps (one sender, one receiver, a 300-byte Mostro-like rumor). Every wrap has its own one-time
 * key, as on the network, and the ring is larger than the SDK's parsed-key cache, so no wrap key is
 * ever reused from a previous round.
 *
 * <p>{@code unwrapMostro} verifies the wrap's id and signature, decrypts, verifies the seal, decrypts the
 * rumor. rust-nostr's {@code UnwrappedGift.fromGiftWrap} does not verify the outer wrap (it trusts that
 * a relay or the caller did), so {@code unwrapRust} is rust-nostr as shipped and
 * {@code unwrapVerifiedRust} adds {@code Event.verify()} on the wrap: the same checks as the SDK.
 * {@code unwrapCachedKeyMostro} passes a {@link Nip44.ConversationKeyCache}, as a node talking to the same
 * counterparties does: the seal's ECDH is then skipped (the wrap's one-time ECDH never is).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class Nip59Benchmark {
    static final int RING = 8192;

    PrivateKey receiver;
    Nip44.ConversationKeyCache cache;
    String[] wraps;
    int next;

    rust.nostr.sdk.Keys rustReceiver;
    rust.nostr.sdk.NostrSigner rustSigner;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        var keys = Fixtures.keys(59, 2);
        PrivateKey sender = keys.get(0);
        receiver = keys.get(1);
        wraps = new String[RING];
        for (int i = 0; i < RING; i++) {
            UnsignedEvent rumor = UnsignedEvent.builder(1)
                    .createdAt(1_700_000_000L + i)
                    .content(Fixtures.text(i, 300))
                    .build(sender.publicKey());
            wraps[i] = Nip59.wrap(rumor, sender, receiver.publicKey()).toJson();
        }
        cache = new Nip44.ConversationKeyCache(1024);
        rustReceiver = rust.nostr.sdk.Keys.Companion.parse(receiver.toHex());
        rustSigner = rust.nostr.sdk.NostrSigner.Companion.keys(rustReceiver);
        try (rust.nostr.sdk.Event e = rust.nostr.sdk.Event.Companion.fromJson(wraps[0]);
                rust.nostr.sdk.UnwrappedGift g = unwrap(rustSigner, e)) {
            Nip59.Unwrapped u = Nip59.unwrap(Event.fromJson(wraps[0]), receiver);
            if (!g.rumor().content().equals(u.rumor().content())
                    || !g.sender().toHex().equals(sender.publicKey().toHex())) {
                throw new IllegalStateException("unwrap results disagree");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rustSigner.close();
        rustReceiver.close();
    }

    static rust.nostr.sdk.UnwrappedGift unwrap(rust.nostr.sdk.NostrSigner signer, rust.nostr.sdk.Event wrap)
            throws Exception {
        return Kotlin.await(c -> rust.nostr.sdk.UnwrappedGift.Companion.fromGiftWrap(signer, wrap, c));
    }

    private String nextWrap() {
        String w = wraps[next];
        next = (next + 1) & (RING - 1);
        return w;
    }

    @Benchmark
    public Nip59.Unwrapped unwrapMostro() {
        return Nip59.unwrap(Event.fromJson(nextWrap()), receiver);
    }

    @Benchmark
    public Nip59.Unwrapped unwrapCachedKeyMostro() {
        return Nip59.unwrap(Event.fromJson(nextWrap()), receiver, cache);
    }

    @Benchmark
    public String unwrapRust() throws Exception {
        try (rust.nostr.sdk.Event e = rust.nostr.sdk.Event.Companion.fromJson(nextWrap());
                rust.nostr.sdk.UnwrappedGift g = unwrap(rustSigner, e);
                rust.nostr.sdk.UnsignedEvent rumor = g.rumor()) {
            return rumor.content();
        }
    }

    @Benchmark
    public String unwrapVerifiedRust() throws Exception {
        try (rust.nostr.sdk.Event e = rust.nostr.sdk.Event.Companion.fromJson(nextWrap())) {
            if (!e.verify()) {
                throw new IllegalStateException("wrap does not verify");
            }
            try (rust.nostr.sdk.UnwrappedGift g = unwrap(rustSigner, e);
                    rust.nostr.sdk.UnsignedEvent rumor = g.rumor()) {
                return rumor.content();
            }
        }
    }
}

package network.mostro.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mostro.nostr.Event;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Schnorr;
import network.mostro.protocol.Message;
import network.mostro.protocol.codec.MessageCodec;
import network.mostro.protocol.transport.Inbound;
import network.mostro.protocol.transport.SenderKeys;
import network.mostro.protocol.transport.Transport;
import network.mostro.protocol.transport.UnwrapOptions;
import network.mostro.protocol.transport.WrapOptions;
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
import rust.nostr.sdk.Nostr_sdk_jvmKt;

/**
 * The whole protocol-v2 inbound pipeline of a Mostro node (SPEC §3.6 steps 3 and 5), per message, next to
 * rust-nostr doing the same cryptographic work in the same run.
 *
 * <p>Input: a ring of 64 kind-14 events from 64 different clients (each its own trade key and identity key, i.e.
 * reputation mode), built with the SDK's {@code V2Transport} and carrying the {@link ProtocolMessages} mix, as
 * event JSON. One operation = one received event:
 * <ul>
 *   <li>{@code pipelineCachedMostro}: {@code Event.fromJson} then {@code V2Transport.unwrap}: event id + BIP-340
 *       verify, conversation key from a {@link Nip44.ConversationKeyCache} (a node caches per trade key; all 64 are
 *       hits), NIP-44 decrypt, tuple parse, message decode, canonical re-encode, trade-signature and identity-proof
 *       BIP-340 verifies;</li>
 *   <li>{@code pipelineUncachedMostro}: the same with no cache (ECDH + HKDF on every message);</li>
 *   <li>{@code cryptoUncachedMostro}: only what the rust-nostr side does (parse, event verify, NIP-44 decrypt from
 *       the key pair, two BIP-340 verifies over precomputed digests): the like-for-like pair of
 *       {@code pipelineRust};</li>
 *   <li>{@code pipelineRust}: rust-nostr 0.44 via its JVM bindings: {@code Event.fromJson}, {@code verify()} (id +
 *       signature), {@code nip44Decrypt(secret, author, content)} (its bindings derive the conversation key inside
 *       every call; there is no cached-key entry point), and two {@code verifySignature()} calls on prepared carrier
 *       events whose id is the signed digest (the bindings expose no bare BIP-340 verify). It does no tuple parsing
 *       or message decoding, and its digests are precomputed: it does strictly less work than the Mostro side.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
@State(Scope.Thread)
public class V2PipelineBenchmark {
    static final int RING = 64;
    private static final Pattern SIGS =
            Pattern.compile(",\"([0-9a-f]{128})\",\\[\"([0-9a-f]{64})\",\"([0-9a-f]{128})\"\\]\\]$");

    PrivateKey node;
    Transport v2;
    UnwrapOptions cached;
    UnwrapOptions uncached;
    String[] json;
    PublicKey[] identity;
    byte[][] tradeDigest;
    byte[][] tradeSig;
    byte[][] identityDigest;
    byte[][] identitySig;

    rust.nostr.sdk.SecretKey rustNode;
    rust.nostr.sdk.Event[] rustTradeCarrier;
    rust.nostr.sdk.Event[] rustIdentityCarrier;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        v2 = Transport.v2();
        List<PrivateKey> keys = Fixtures.keys(1414, 1 + 2 * RING);
        node = keys.get(0);
        cached = UnwrapOptions.defaults().withConversationKeyCache(new Nip44.ConversationKeyCache(4 * RING));
        uncached = UnwrapOptions.defaults();
        List<String> mix = ProtocolMessages.all();
        MessageCodec codec = MessageCodec.standard();
        Random random = new Random(1415);
        json = new String[RING];
        identity = new PublicKey[RING];
        tradeDigest = new byte[RING][];
        tradeSig = new byte[RING][];
        identityDigest = new byte[RING][];
        identitySig = new byte[RING][];
        rustNode = rust.nostr.sdk.SecretKey.Companion.parse(node.toHex());
        rustTradeCarrier = new rust.nostr.sdk.Event[RING];
        rustIdentityCarrier = new rust.nostr.sdk.Event[RING];
        for (int i = 0; i < RING; i++) {
            PrivateKey trade = keys.get(1 + 2 * i);
            PrivateKey id = keys.get(2 + 2 * i);
            Message m = codec.decode(mix.get((i * 7) % mix.size()));
            WrapOptions options = WrapOptions.builder().random(random).build();
            Event event = v2.wrapRequestAsync(m, SenderKeys.reputation(trade, id), node.publicKey(), options)
                    .toCompletableFuture().join();
            json[i] = event.toJson();
            identity[i] = id.publicKey();

            // What the node reads back, and the signatures inside, for the like-for-like variants.
            Inbound in = v2.unwrap(Event.fromJson(json[i]), node, uncached);
            String plaintext = Nip44.decrypt(event.content(), node, event.pubkey());
            Matcher s = SIGS.matcher(plaintext);
            if (!s.find() || !s.group(2).equals(id.publicKey().toHex()) || !in.identityKey().equals(id.publicKey())) {
                throw new IllegalStateException("unexpected tuple " + plaintext);
            }
            tradeDigest[i] = Schnorr.sha256(in.messageJson().getBytes(StandardCharsets.UTF_8));
            tradeSig[i] = Hexes.decode(s.group(1));
            identityDigest[i] = Schnorr.sha256(("mostro-transport-v2-identity:" + trade.publicKey().toHex() + ":"
                    + in.messageJson()).getBytes(StandardCharsets.UTF_8));
            identitySig[i] = Hexes.decode(s.group(3));
            rustTradeCarrier[i] = carrier(trade.publicKey(), tradeDigest[i], s.group(1));
            rustIdentityCarrier[i] = carrier(id.publicKey(), identityDigest[i], s.group(3));
            if (!rustTradeCarrier[i].verifySignature() || !rustIdentityCarrier[i].verifySignature()
                    || !Schnorr.verify(trade.publicKey(), tradeDigest[i], tradeSig[i])
                    || !Schnorr.verify(id.publicKey(), identityDigest[i], identitySig[i])) {
                throw new IllegalStateException("signatures of event " + i + " do not verify");
            }
            if (!pipelineRustAt(i) || !cryptoUncachedAt(i)) {
                throw new IllegalStateException("event " + i + " is refused");
            }
        }
        // A carrier is a real check: a wrong digest fails.
        try (rust.nostr.sdk.Event wrong = carrier(keys.get(1).publicKey(), tradeDigest[1], hex(tradeSig[0]))) {
            if (wrong.verifySignature()) {
                throw new IllegalStateException("rust-nostr carrier accepts a wrong signature");
            }
        }
    }

    /** An event whose stored id is {@code digest}; {@code verifySignature()} is then BIP-340 over the digest. */
    private static rust.nostr.sdk.Event carrier(PublicKey key, byte[] digest, String sigHex) throws Exception {
        return rust.nostr.sdk.Event.Companion.fromJson("{\"id\":\"" + hex(digest) + "\",\"pubkey\":\""
                + key.toHex() + "\",\"created_at\":0,\"kind\":1,\"tags\":[],\"content\":\"\",\"sig\":\"" + sigHex
                + "\"}");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (int i = 0; i < RING; i++) {
            rustTradeCarrier[i].close();
            rustIdentityCarrier[i].close();
        }
        rustNode.close();
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (RING - 1);
        return i;
    }

    @Benchmark
    public Inbound pipelineCachedMostro() {
        return v2.unwrap(Event.fromJson(json[nextIndex()]), node, cached);
    }

    @Benchmark
    public Inbound pipelineUncachedMostro() {
        return v2.unwrap(Event.fromJson(json[nextIndex()]), node, uncached);
    }

    @Benchmark
    public boolean cryptoUncachedMostro() {
        return cryptoUncachedAt(nextIndex());
    }

    @Benchmark
    public boolean pipelineRust() throws Exception {
        return pipelineRustAt(nextIndex());
    }

    private boolean cryptoUncachedAt(int i) {
        Event e = Event.fromJson(json[i]);
        if (!e.verify()) {
            return false;
        }
        String plaintext = Nip44.decrypt(e.content(), node, e.pubkey());
        return Schnorr.verify(e.pubkey(), tradeDigest[i], tradeSig[i])
                && Schnorr.verify(identity[i], identityDigest[i], identitySig[i]) && !plaintext.isEmpty();
    }

    private boolean pipelineRustAt(int i) throws Exception {
        try (rust.nostr.sdk.Event e = rust.nostr.sdk.Event.Companion.fromJson(json[i]);
                rust.nostr.sdk.PublicKey author = e.author()) {
            if (!e.verify()) {
                return false;
            }
            String plaintext = Nostr_sdk_jvmKt.nip44Decrypt(rustNode, author, e.content());
            return rustTradeCarrier[i].verifySignature() && rustIdentityCarrier[i].verifySignature()
                    && !plaintext.isEmpty();
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }
}

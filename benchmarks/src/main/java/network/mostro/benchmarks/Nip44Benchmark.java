package network.mostro.benchmarks;

import java.util.concurrent.TimeUnit;
import network.mostro.nostr.Nip44;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import rust.nostr.sdk.Nip44Version;
import rust.nostr.sdk.Nostr_sdk_jvmKt;

/**
 * NIP-44 v2, Mostro SDK vs rust-nostr, same keys and the same 300-byte plaintext.
 *
 * <p>rust-nostr's bindings expose encrypt/decrypt only from a key pair (ECDH + HKDF inside every call),
 * and only the ECDH part of the conversation key ({@code generateSharedKey}). So the like-for-like pairs
 * are {@code *FromKeysMostro} vs {@code *Rust}, and {@code conversationKeyMostro} (ECDH + HKDF-extract)
 * vs {@code sharedKeyRust} (ECDH only). {@code *WithKeyMostro} shows the cost with a cached
 * conversation key, which is how a Mostro client talks to one peer.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class Nip44Benchmark {
    PrivateKey alice;
    PublicKey bob;
    PrivateKey bobSecret;
    byte[] conversationKey;
    String plaintext;
    String payload;

    rust.nostr.sdk.SecretKey rustAlice;
    rust.nostr.sdk.PublicKey rustBob;
    rust.nostr.sdk.SecretKey rustBobSecret;
    rust.nostr.sdk.PublicKey rustAlicePub;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        var keys = Fixtures.keys(44, 2);
        alice = keys.get(0);
        bobSecret = keys.get(1);
        bob = bobSecret.publicKey();
        conversationKey = Nip44.conversationKey(alice, bob);
        plaintext = Fixtures.text(300, 300);
        payload = Nip44.encrypt(plaintext, conversationKey);

        rustAlice = rust.nostr.sdk.SecretKey.Companion.parse(alice.toHex());
        rustBob = rust.nostr.sdk.PublicKey.Companion.parse(bob.toHex());
        rustBobSecret = rust.nostr.sdk.SecretKey.Companion.parse(bobSecret.toHex());
        rustAlicePub = rust.nostr.sdk.PublicKey.Companion.parse(alice.publicKey().toHex());

        // Same inputs, interoperable outputs: each side decrypts the other's payload.
        String fromRust = Nostr_sdk_jvmKt.nip44Encrypt(rustAlice, rustBob, plaintext, Nip44Version.V2);
        if (!Nip44.decrypt(fromRust, bobSecret, alice.publicKey()).equals(plaintext)
                || !Nostr_sdk_jvmKt.nip44Decrypt(rustBobSecret, rustAlicePub, payload).equals(plaintext)) {
            throw new IllegalStateException("NIP-44 implementations disagree");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rustAlice.close();
        rustBob.close();
        rustBobSecret.close();
        rustAlicePub.close();
    }

    @Benchmark
    public byte[] conversationKeyMostro() {
        return Nip44.conversationKey(alice, bob);
    }

    @Benchmark
    public byte[] sharedKeyRust() throws Exception {
        return Nostr_sdk_jvmKt.generateSharedKey(rustAlice, rustBob);
    }

    @Benchmark
    public String encryptWithKeyMostro() {
        return Nip44.encrypt(plaintext, conversationKey);
    }

    @Benchmark
    public String encryptFromKeysMostro() {
        return Nip44.encrypt(plaintext, alice, bob);
    }

    @Benchmark
    public String encryptRust() throws Exception {
        return Nostr_sdk_jvmKt.nip44Encrypt(rustAlice, rustBob, plaintext, Nip44Version.V2);
    }

    @Benchmark
    public String decryptWithKeyMostro() {
        return Nip44.decrypt(payload, conversationKey);
    }

    @Benchmark
    public String decryptFromKeysMostro() {
        return Nip44.decrypt(payload, bobSecret, alice.publicKey());
    }

    @Benchmark
    public String decryptRust() throws Exception {
        return Nostr_sdk_jvmKt.nip44Decrypt(rustBobSecret, rustAlicePub, payload);
    }
}

package network.mostro.benchmarks;

import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Schnorr;
import network.mostro.nostr.internal.EcGen;
import network.mostro.nostr.internal.Secp256k1;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.raw.Nat256;
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
 * Fixed-base k·G for secret scalars: the SDK's constant-time {@link EcGen} against Bouncy Castle's
 * {@link FixedPointCombMultiplier} (what {@code Secp256k1.mulG} used before), in the same run and over
 * the same ring of 64 random scalars; plus BIP-340 signing and key generation end to end, where
 * {@code signLegacyComb} is the previous signing code path (comb multiplication, then the same
 * BigInteger arithmetic) kept here only for comparison.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MulGBenchmark {
    static final int RING = 64;

    final FixedPointCombMultiplier comb = new FixedPointCombMultiplier();
    final Secp256k1.TaggedHash aux = new Secp256k1.TaggedHash("BIP0340/aux");
    final Secp256k1.TaggedHash nonce = new Secp256k1.TaggedHash("BIP0340/nonce");
    final Secp256k1.TaggedHash challenge = new Secp256k1.TaggedHash("BIP0340/challenge");

    BigInteger[] scalars;
    int[][] limbs;
    byte[][] secrets;
    int[] x = new int[8];
    int[] y = new int[8];
    PrivateKey key;
    BigInteger d;
    byte[] pubX;
    boolean pubEvenY;
    byte[] message;
    byte[] auxRand;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(0x6d756c47L);
        scalars = new BigInteger[RING];
        limbs = new int[RING][];
        secrets = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            BigInteger k;
            do {
                k = new BigInteger(256, r);
            } while (k.signum() == 0 || k.compareTo(Secp256k1.N) >= 0);
            scalars[i] = k;
            limbs[i] = Nat256.fromBigInteger(k);
            secrets[i] = Secp256k1.toBytes32(k);
            ECPoint want = Secp256k1.G.multiply(k).normalize();
            EcGen.mulG(limbs[i], x, y);
            if (!Nat256.toBigInteger(x).equals(want.getAffineXCoord().toBigInteger())
                    || !comb.multiply(Secp256k1.G, k).normalize().equals(want)) {
                throw new IllegalStateException("k·G mismatch for scalar " + i);
            }
        }
        key = Fixtures.keys(1, 1).get(0);
        d = new BigInteger(1, key.toBytes());
        ECPoint pub = Secp256k1.mulG(d);
        pubX = Secp256k1.xBytes(pub);
        pubEvenY = Secp256k1.hasEvenY(pub);
        message = Schnorr.sha256(Fixtures.text(2, 100).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        auxRand = new byte[32];
        r.nextBytes(auxRand);
        if (!java.util.Arrays.equals(signLegacyComb(), key.sign(message, auxRand))) {
            throw new IllegalStateException("legacy and current signing disagree");
        }
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (RING - 1);
        return i;
    }

    /** EcGen on raw limbs: affine x, y as int[8], no ECPoint (what BIP-340 signing now uses). */
    @Benchmark
    public int ecGenRaw() {
        EcGen.mulG(limbs[nextIndex()], x, y);
        return x[0] ^ y[0];
    }

    /** {@code Secp256k1.mulG}: BigInteger in, normalized ECPoint out (key generation, HD keys). */
    @Benchmark
    public ECPoint ecGenPoint() {
        return Secp256k1.mulG(scalars[nextIndex()]);
    }

    /** Bouncy Castle's fixed-point comb, normalized (the previous {@code Secp256k1.mulG}). */
    @Benchmark
    public ECPoint bcComb() {
        return comb.multiply(Secp256k1.G, scalars[nextIndex()]).normalize();
    }

    /** BIP-340 signing end to end through the public API, fixed aux (32-byte message). */
    @Benchmark
    public byte[] schnorrSign() {
        return Schnorr.sign(key, message, auxRand);
    }

    /** The previous BIP-340 signing path (comb k·G); same output as {@link #schnorrSign}. */
    @Benchmark
    public byte[] signLegacyComb() {
        BigInteger n = Secp256k1.N;
        BigInteger dd = pubEvenY ? d : n.subtract(d);
        byte[] db = Secp256k1.toBytes32(dd);
        byte[] h = aux.hash(auxRand);
        byte[] t = new byte[32];
        for (int i = 0; i < 32; i++) {
            t[i] = (byte) (db[i] ^ h[i]);
        }
        BigInteger k0 = new BigInteger(1, nonce.hash(t, pubX, message)).mod(n);
        ECPoint r = comb.multiply(Secp256k1.G, k0).normalize();
        BigInteger k = Secp256k1.hasEvenY(r) ? k0 : n.subtract(k0);
        byte[] rx = Secp256k1.xBytes(r);
        BigInteger e = new BigInteger(1, challenge.hash(rx, pubX, message)).mod(n);
        byte[] sig = new byte[64];
        System.arraycopy(rx, 0, sig, 0, 32);
        System.arraycopy(Secp256k1.toBytes32(k.add(e.multiply(dd)).mod(n)), 0, sig, 32, 32);
        return sig;
    }

    /** Key construction from 32 secret bytes: range check, k·G, x-only public key. */
    @Benchmark
    public PrivateKey keyFromBytes() {
        return PrivateKey.fromBytes(secrets[nextIndex()]);
    }
}

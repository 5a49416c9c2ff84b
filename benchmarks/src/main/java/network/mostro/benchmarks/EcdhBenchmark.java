package network.mostro.benchmarks;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.internal.EcDh;
import network.mostro.nostr.internal.Secp256k1;
import org.bouncycastle.math.ec.ECPoint;
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
 * The ECDH x-coordinate d·P (the core of a NIP-44 conversation key): the constant-time {@link EcDh} against Bouncy
 * Castle's variable-time {@code pub.multiply(d).normalize()} (GLV + wNAF), all returning the 32-byte x. Each
 * invocation takes the next of 1,024 random (d, P) pairs prepared in setup, as a node sees a new peer key per
 * message.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EcdhBenchmark {
    static final int KEYS = 1024;

    BigInteger[] scalars;
    ECPoint[] points;
    BigInteger[] xs;
    BigInteger[] ys;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(0xEC0DL);
        scalars = new BigInteger[KEYS];
        points = new ECPoint[KEYS];
        xs = new BigInteger[KEYS];
        ys = new BigInteger[KEYS];
        for (int i = 0; i < KEYS; i++) {
            scalars[i] = randomScalar(r);
            points[i] = Secp256k1.G.multiply(randomScalar(r)).normalize();
            xs[i] = points[i].getAffineXCoord().toBigInteger();
            ys[i] = points[i].getAffineYCoord().toBigInteger();
            if (!Arrays.equals(EcDh.ecdhX(scalars[i], points[i]), bouncyCastleX(scalars[i], points[i]))) {
                throw new IllegalStateException("EcDh disagrees with Bouncy Castle on pair " + i);
            }
        }
    }

    private static BigInteger randomScalar(Random r) {
        BigInteger d;
        do {
            d = new BigInteger(256, r);
        } while (d.signum() == 0 || d.compareTo(Secp256k1.N) >= 0);
        return d;
    }

    private static byte[] bouncyCastleX(BigInteger d, ECPoint p) {
        return p.multiply(d).normalize().getAffineXCoord().getEncoded();
    }

    @Benchmark
    public byte[] ecDhConstantTime() {
        int i = next++ & (KEYS - 1);
        return EcDh.ecdhX(scalars[i], points[i]);
    }

    /**
     * Bouncy Castle on the 1,024 cycled point objects: from the second round on, each point carries its cached
     * wNAF precomputation (Bouncy Castle stores it in the {@code ECPoint}), Bouncy Castle's best case.
     */
    @Benchmark
    public byte[] bouncyCastleMultiply() {
        int i = next++ & (KEYS - 1);
        return bouncyCastleX(scalars[i], points[i]);
    }

    /** Bouncy Castle on a freshly created point object per call, as for a newly parsed peer key. */
    @Benchmark
    public byte[] bouncyCastleMultiplyFreshPoint() {
        int i = next++ & (KEYS - 1);
        return bouncyCastleX(scalars[i], Secp256k1.CURVE.createPoint(xs[i], ys[i]));
    }
}

package network.mostro.nostr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import network.mostro.nostr.CryptoException;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The constant-time fixed-base multiplication, checked against Bouncy Castle's generic k·G. */
class EcGenTest {
    static final BigInteger N = Secp256k1.N;
    static final BigInteger P = Secp256k1.P;
    static final BigInteger HALF = N.shiftRight(1); // (n − 1)/2

    static LongStream seeds() {
        return LongStream.range(0, 10);
    }

    /** Reference: Bouncy Castle's own multiplier on its generic point code. */
    static ECPoint reference(BigInteger k) {
        return Secp256k1.G.multiply(k).normalize();
    }

    static void assertMatches(BigInteger k) {
        ECPoint want = reference(k);
        int[] x = new int[8];
        int[] y = new int[8];
        EcGen.mulG(k, x, y);
        assertThat(Nat256.toBigInteger(x)).as("x of %s·G", k.toString(16)).isEqualTo(want.getAffineXCoord().toBigInteger());
        assertThat(Nat256.toBigInteger(y)).as("y of %s·G", k.toString(16)).isEqualTo(want.getAffineYCoord().toBigInteger());

        int[] limbs = Nat256.fromBigInteger(k);
        int[] copy = limbs.clone();
        int[] x2 = new int[8];
        int[] y2 = new int[8];
        EcGen.mulG(limbs, x2, y2);
        assertThat(limbs).as("scalar limbs left unchanged").isEqualTo(copy);
        assertThat(x2).isEqualTo(x);
        assertThat(y2).isEqualTo(y);

        ECPoint viaSecp = Secp256k1.mulG(k);
        assertThat(viaSecp.isNormalized()).isTrue();
        assertThat(viaSecp.isValid()).isTrue();
        assertThat(viaSecp).isEqualTo(want);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomScalarsMatchBouncyCastle(long seed) {
        Random r = new Random(0x6d756c47L ^ seed);
        for (int i = 0; i < 60; i++) {
            BigInteger k;
            do {
                k = new BigInteger(256, r);
            } while (k.signum() == 0 || k.compareTo(N) >= 0);
            assertMatches(k);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomShortAndSparseScalarsMatch(long seed) {
        Random r = new Random(0x73706172L ^ seed);
        for (int i = 0; i < 20; i++) {
            assertMatches(new BigInteger(1 + r.nextInt(255), r).add(BigInteger.ONE)); // short values
            assertMatches(N.subtract(new BigInteger(1 + r.nextInt(200), r)).subtract(BigInteger.ONE)); // near n
            BigInteger sparse = BigInteger.ZERO; // a few set bits anywhere
            for (int b = 0; b < 1 + r.nextInt(4); b++) {
                sparse = sparse.setBit(r.nextInt(255));
            }
            assertMatches(sparse);
        }
    }

    static Stream<BigInteger> edgeScalars() {
        List<BigInteger> ks = new ArrayList<>();
        BigInteger one = BigInteger.ONE;
        for (long v = 1; v <= 40; v++) {
            ks.add(BigInteger.valueOf(v));
        }
        ks.add(N.subtract(one));
        ks.add(N.subtract(BigInteger.TWO));
        ks.add(N.subtract(BigInteger.valueOf(3)));
        ks.add(HALF); // largest unfolded
        ks.add(HALF.add(one)); // smallest folded: n − k = (n − 1)/2
        ks.add(HALF.subtract(one));
        ks.add(HALF.add(BigInteger.TWO));
        for (int b = 0; b < 256; b++) {
            BigInteger p2 = one.shiftLeft(b);
            ks.add(p2);
            if (b > 1) {
                ks.add(p2.subtract(one)); // all-ones windows below bit b
            }
            if (b % 4 == 0) {
                ks.add(p2.add(one)); // 16^i boundaries
            }
            ks.add(N.subtract(p2));
        }
        // Repeated nibbles: every window holds the same digit; 0xfff…f is ≥ n.
        for (int d = 1; d < 15; d++) {
            ks.add(new BigInteger(Integer.toHexString(d).repeat(64), 16));
        }
        ks.add(new BigInteger("f".repeat(63), 16));
        ks.add(new BigInteger("7" + "f".repeat(63), 16));
        ks.add(new BigInteger("8" + "0".repeat(63), 16));
        ks.add(new BigInteger("f0".repeat(32), 16));
        ks.add(new BigInteger("0f".repeat(32), 16));
        // Around 2^255 (the constant top digit), 2^256 − n and 2^250 (the top window's weight).
        BigInteger two256 = one.shiftLeft(256);
        for (BigInteger base : List.of(two256.subtract(N), one.shiftLeft(255), one.shiftLeft(250), one.shiftLeft(255).subtract(one.shiftLeft(250)))) {
            for (int delta = -3; delta <= 3; delta++) {
                ks.add(base.add(BigInteger.valueOf(delta)));
                ks.add(N.subtract(base).add(BigInteger.valueOf(delta)));
            }
        }
        // Runs of equal signed digits: all-ones and all-zeros stretches at every window boundary.
        for (int w = 1; w < 52; w++) {
            BigInteger low = one.shiftLeft(5 * w).subtract(one);
            ks.add(low);
            ks.add(low.add(one.shiftLeft(5 * w)));
            ks.add(one.shiftLeft(5 * w + 1).add(one));
            ks.add(N.subtract(low));
        }
        return ks.stream().filter(k -> k.signum() > 0 && k.compareTo(N) < 0).distinct();
    }

    @ParameterizedTest
    @MethodSource("edgeScalars")
    void edgeScalarsMatchBouncyCastle(BigInteger k) {
        assertMatches(k);
    }

    /** The folded scalar the table walk actually sees: min(k, n − k). */
    static BigInteger folded(BigInteger k) {
        return k.compareTo(HALF) > 0 ? N.subtract(k) : k;
    }

    /**
     * The signed digits EcGen uses, recomputed here from the class comment's formulas, after checking
     * that they rebuild the odd scalar x = m or m + 1 as 2^255 + Σ dᵢ·32ⁱ.
     */
    static int[] digits(BigInteger k) {
        BigInteger m = folded(k);
        BigInteger x = m.testBit(0) ? m : m.add(BigInteger.ONE);
        int[] d = new int[51];
        BigInteger back = BigInteger.ONE.shiftLeft(255);
        for (int w = 0; w < 51; w++) {
            int v = w == 0 ? x.intValue() & 63 : (x.shiftRight(5 * w + 1).intValue() & 31) << 1 | 1;
            d[w] = v - 32;
            assertThat(d[w] & 1).isEqualTo(1);
            back = back.add(BigInteger.valueOf(d[w]).shiftLeft(5 * w));
        }
        assertThat(back).as("signed digits of %s", x.toString(16)).isEqualTo(x);
        return d;
    }

    /**
     * Scalars whose signed digits visit every table entry with both signs (window 50 only takes negative
     * digits, as x &lt; 2^255 forces): x = 2^255 + Σ dᵢ·32ⁱ with |dᵢ| = 2·((i + shift) mod 16) + 1. Each x
     * is used as m and as m − 1 (the +1 correction path), directly and as n − m (the negation path).
     */
    static List<BigInteger> everyEntryScalars() {
        List<BigInteger> ks = new ArrayList<>();
        for (int shift = 0; shift < 32; shift++) {
            BigInteger x = BigInteger.ONE.shiftLeft(255);
            for (int w = 0; w < 51; w++) {
                int mag = 2 * ((w + shift) % 16) + 1;
                boolean negative = w == 50 || shift >= 16;
                x = x.add(BigInteger.valueOf(negative ? -mag : mag).shiftLeft(5 * w));
            }
            for (BigInteger m : List.of(x, x.subtract(BigInteger.ONE))) {
                if (m.signum() > 0 && m.compareTo(HALF) <= 0) {
                    ks.add(m);
                    ks.add(N.subtract(m));
                }
            }
        }
        return ks;
    }

    @Test
    void digitPatternsHitEveryTableEntry() {
        List<BigInteger> ks = everyEntryScalars();
        Set<Integer> hit = new HashSet<>();
        for (BigInteger k : ks) {
            int[] d = digits(k);
            for (int w = 0; w < 51; w++) {
                int idx = (Math.abs(d[w]) - 1) / 2;
                hit.add((w * 16 + idx) * 2 + (d[w] < 0 ? 1 : 0));
            }
            assertMatches(k);
        }
        assertThat(hit).hasSize(50 * 16 * 2 + 16);
        assertThat(ks).hasSize(128);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void signedDigitsRebuildRandomScalars(long seed) {
        Random r = new Random(0x64696769L ^ seed);
        for (int i = 0; i < 200; i++) {
            digits(new BigInteger(256, r).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE));
        }
    }

    @Test
    void rejectsOutOfRangeScalars() {
        int[] x = new int[8];
        int[] y = new int[8];
        for (BigInteger bad : List.of(BigInteger.ZERO, N, N.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(256), BigInteger.ONE.negate(), N.negate())) {
            assertThatThrownBy(() -> EcGen.mulG(bad, x, y)).as("%s", bad).isInstanceOf(CryptoException.class);
            if (bad.signum() >= 0 && bad.bitLength() <= 256) {
                assertThatThrownBy(() -> EcGen.mulG(Nat256.fromBigInteger(bad), x, y)).isInstanceOf(CryptoException.class);
            }
        }
        assertThatThrownBy(() -> Secp256k1.mulG(N)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Secp256k1.mulG(BigInteger.ONE.negate())).isInstanceOf(CryptoException.class);
    }

    @Test
    void zeroThroughSecp256k1IsThePointAtInfinity() {
        // BIP-32 public derivation computes I_L·G + K_par; I_L = 0 is a valid (if improbable) child.
        assertThat(Secp256k1.mulG(BigInteger.ZERO).isInfinity()).isTrue();
    }

    // ------------------------------------------------------------------ the branch-free field layer

    static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    /** The value of ten 26-bit limbs, after checking the weak-normalization bounds every operation keeps. */
    static BigInteger limbValue(int[] a) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 9; i >= 0; i--) {
            v = v.shiftLeft(26).add(BigInteger.valueOf(a[i] & 0xffffffffL));
        }
        return v;
    }

    static BigInteger checkedWeak(int[] a) {
        for (int i = 0; i < 9; i++) {
            assertThat(a[i]).as("limb %d", i).isBetween(0, (1 << 26) - 1);
        }
        assertThat(a[9]).as("top limb").isBetween(0, 1 << 22);
        BigInteger v = limbValue(a);
        assertThat(v).as("weak value bound").isLessThan(TWO_256.add(BigInteger.ONE.shiftLeft(58)));
        return v;
    }

    static int[] limbs(BigInteger v) {
        int[] z = new int[10];
        for (int i = 0; i < 10; i++) {
            z[i] = v.shiftRight(26 * i).intValue() & ((1 << 26) - 1);
        }
        z[9] = v.shiftRight(234).intValue();
        assertThat(limbValue(z)).isEqualTo(v);
        return z;
    }

    /** The canonical value through {@link EcGen#toWords}, checked to be below p. */
    static BigInteger canonical(int[] a) {
        int[] w = new int[8];
        EcGen.toWords(a, w);
        BigInteger v = Nat256.toBigInteger(w);
        assertThat(v).as("fully reduced").isLessThan(P);
        return v;
    }

    /** Weakly normalized inputs, including values ≥ p and ≥ 2^256 (top limb 2^22). */
    static List<BigInteger> fieldEdges() {
        BigInteger one = BigInteger.ONE;
        BigInteger r = TWO_256.subtract(P); // 2^32 + 977
        List<BigInteger> v = new ArrayList<>(List.of(BigInteger.ZERO, one, BigInteger.TWO, P.subtract(one), P.subtract(BigInteger.TWO),
                P, P.add(one), TWO_256.subtract(one), TWO_256, TWO_256.add(one), TWO_256.add(r), TWO_256.add(one.shiftLeft(57)),
                P.shiftRight(1), P.shiftRight(1).add(one), r, r.subtract(one), r.add(one), one.shiftLeft(255),
                one.shiftLeft(128), one.shiftLeft(128).subtract(one), P.subtract(r), P.subtract(one.shiftLeft(32)),
                one.shiftLeft(234).subtract(one), one.shiftLeft(26).subtract(one)));
        v.add(one.shiftLeft(128).add(BigInteger.valueOf(977)));
        v.add(P.sqrt());
        v.add(P.sqrt().add(one));
        return v;
    }

    static void checkField(BigInteger a, BigInteger b) {
        int[] x = limbs(a);
        int[] y = limbs(b);
        int[] z = new int[10];
        EcGen.mul(x, y, z);
        assertThat(checkedWeak(z).mod(P)).as("%s * %s", a, b).isEqualTo(a.multiply(b).mod(P));
        assertThat(canonical(z)).isEqualTo(a.multiply(b).mod(P));
        EcGen.sqr(x, z);
        assertThat(checkedWeak(z).mod(P)).as("%s ^ 2", a).isEqualTo(a.multiply(a).mod(P));
        assertThat(canonical(z)).isEqualTo(a.multiply(a).mod(P));
        EcGen.add(x, y, z);
        assertThat(checkedWeak(z).mod(P)).as("%s + %s", a, b).isEqualTo(a.add(b).mod(P));
        assertThat(canonical(z)).isEqualTo(a.add(b).mod(P));
        EcGen.sub(x, y, z);
        assertThat(checkedWeak(z).mod(P)).as("%s - %s", a, b).isEqualTo(a.subtract(b).mod(P));
        assertThat(canonical(z)).isEqualTo(a.subtract(b).mod(P));
    }

    @Test
    void fieldArithmeticOnEdgeValues() {
        List<BigInteger> edges = fieldEdges();
        for (BigInteger a : edges) {
            for (BigInteger b : edges) {
                checkField(a, b);
            }
        }
    }

    @Test
    void largestWeakLimbsDoNotOverflow() {
        // Every limb at its bound at once (value about 2^257, beyond what operations produce): products
        // and the 2p offset of subtraction must still fit their longs and give the right residue.
        int[] max = new int[10];
        java.util.Arrays.fill(max, (1 << 26) - 1);
        max[9] = 1 << 22;
        BigInteger m = limbValue(max);
        int[] z = new int[10];
        EcGen.mul(max, max, z);
        assertThat(checkedWeak(z).mod(P)).isEqualTo(m.multiply(m).mod(P));
        EcGen.sqr(max, z);
        assertThat(checkedWeak(z).mod(P)).isEqualTo(m.multiply(m).mod(P));
        EcGen.add(max, max, z);
        assertThat(checkedWeak(z).mod(P)).isEqualTo(m.add(m).mod(P));
        EcGen.sub(new int[10], max, z);
        assertThat(checkedWeak(z).mod(P)).isEqualTo(m.negate().mod(P));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void fieldArithmeticOnRandomValues(long seed) {
        Random r = new Random(0x6669656cL ^ seed);
        for (int i = 0; i < 500; i++) {
            BigInteger a = new BigInteger(256, r).mod(P);
            BigInteger b = new BigInteger(256, r).mod(P);
            // bias half the draws towards the top of the field, where the final corrections fire
            if (r.nextBoolean()) {
                a = P.subtract(BigInteger.ONE).subtract(new BigInteger(1 + r.nextInt(64), r));
            }
            checkField(a, b);
        }
    }

    /** Long random chains of operations, feeding weak outputs back in as the point formulas do. */
    @ParameterizedTest
    @MethodSource("seeds")
    void fieldOperationChains(long seed) {
        Random r = new Random(0x63686169L ^ seed);
        int[][] regs = new int[4][];
        BigInteger[] vals = new BigInteger[4];
        for (int i = 0; i < 4; i++) {
            vals[i] = new BigInteger(256, r).mod(P);
            regs[i] = limbs(vals[i]);
        }
        for (int step = 0; step < 2000; step++) {
            int a = r.nextInt(4);
            int b = r.nextInt(4);
            int d = r.nextInt(4); // destination may alias either operand
            BigInteger want = switch (r.nextInt(4)) {
                case 0 -> {
                    EcGen.mul(regs[a], regs[b], regs[d]);
                    yield vals[a].multiply(vals[b]);
                }
                case 1 -> {
                    EcGen.sqr(regs[a], regs[d]);
                    yield vals[a].multiply(vals[a]);
                }
                case 2 -> {
                    EcGen.add(regs[a], regs[b], regs[d]);
                    yield vals[a].add(vals[b]);
                }
                default -> {
                    EcGen.sub(regs[a], regs[b], regs[d]);
                    yield vals[a].subtract(vals[b]);
                }
            };
            vals[d] = want.mod(P);
            assertThat(checkedWeak(regs[d]).mod(P)).as("step %d", step).isEqualTo(vals[d]);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(canonical(regs[i])).isEqualTo(vals[i]);
        }
    }

    @Test
    void wordConversionsRoundTrip() {
        Random r = new Random(11);
        for (int i = 0; i < 500; i++) {
            BigInteger v = new BigInteger(256, r);
            int[] z = new int[10];
            EcGen.fromWords(Nat256.fromBigInteger(v), z);
            assertThat(limbValue(z)).isEqualTo(v);
            assertThat(canonical(z)).isEqualTo(v.mod(P));
        }
    }

    @Test
    void inverse() {
        Random r = new Random(13);
        for (int i = 0; i < 100; i++) {
            BigInteger v = new BigInteger(256, r).mod(P.subtract(BigInteger.ONE)).add(BigInteger.ONE);
            int[] z = new int[10];
            EcGen.inv(limbs(v), z);
            assertThat(canonical(z)).isEqualTo(v.modInverse(P));
        }
    }

    @Test
    void toBytesIsBigEndian() {
        BigInteger v = new BigInteger("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", 16);
        byte[] out = new byte[34];
        EcMult.feToBytes(Nat256.fromBigInteger(v), out, 1);
        assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(out, 1, 33))).isEqualTo(v);
        assertThat(out[0]).isZero();
        assertThat(out[33]).isZero();
    }
}

package network.mostro.nostr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import java.util.stream.LongStream;
import org.bouncycastle.math.raw.Nat256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 5×52-bit field arithmetic of {@link Fe52}, checked against BigInteger arithmetic mod p: every seed
 * runs {@value #CASES} random cases per operation (10 seeds, so 2,500 per operation), with inputs drawn
 * from every magnitude an operation allows, limbs at their extreme values, and values near 0, p and 2²⁵⁶.
 */
class Fe52Test {
    static final BigInteger P = Secp256k1.P;
    static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    static final int CASES = 250;

    static LongStream seeds() {
        return LongStream.range(0, 10);
    }

    /** The integer a limb array stands for (no reduction). */
    static BigInteger value(long[] a) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 4; i >= 0; i--) {
            v = v.shiftLeft(52).add(BigInteger.valueOf(a[i]));
        }
        return v;
    }

    static void assertMagnitude(long[] a, int m) {
        for (int i = 0; i < 4; i++) {
            assertThat(a[i]).as("limb %d, magnitude %d", i, m).isBetween(0L, 2L * m * Fe52.M);
        }
        assertThat(a[4]).as("limb 4, magnitude %d", m).isBetween(0L, 2L * m * Fe52.M48);
    }

    static void assertNormalized(long[] a, BigInteger want) {
        for (int i = 0; i < 4; i++) {
            assertThat(a[i]).isBetween(0L, Fe52.M);
        }
        assertThat(a[4]).isBetween(0L, Fe52.M48);
        assertThat(value(a)).isEqualTo(want.mod(P));
    }

    static long[] limbs(BigInteger v) {
        long[] r = new long[5];
        for (int i = 0; i < 5; i++) {
            r[i] = v.shiftRight(52 * i).longValue() & Fe52.M;
        }
        r[4] = v.shiftRight(208).longValue(); // v < 2^256: at most 48 bits
        return r;
    }

    /** A 256-bit value biased towards the edges: near 0, near p, near 2²⁵⁶, all ones, or uniform. */
    static BigInteger edgyValue(Random r) {
        switch (r.nextInt(6)) {
            case 0:
                return BigInteger.valueOf(r.nextInt(5));
            case 1:
                return P.add(BigInteger.valueOf(r.nextInt(9) - 4));
            case 2:
                return TWO_256.subtract(BigInteger.valueOf(1 + r.nextInt(4)));
            case 3:
                return P.subtract(BigInteger.ONE.shiftLeft(r.nextInt(256)));
            default:
                return new BigInteger(256, r);
        }
    }

    /**
     * A random representation of magnitude m: either a plain 256-bit value (magnitude 1 ≤ m) or limbs drawn
     * up to the magnitude's bounds, sometimes exactly at them.
     */
    static long[] random(Random r, int m) {
        if (r.nextInt(3) == 0) {
            return limbs(edgyValue(r));
        }
        long[] a = new long[5];
        for (int i = 0; i < 5; i++) {
            long bound = 2L * m * (i == 4 ? Fe52.M48 : Fe52.M);
            int kind = r.nextInt(4);
            a[i] = kind == 0 ? bound : kind == 1 ? 0 : Math.floorMod(r.nextLong(), bound + 1);
        }
        return a;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mulMatchesBigInteger(long seed) {
        Random r = new Random(seed);
        long[] out = new long[5];
        for (int i = 0; i < CASES; i++) {
            long[] a = random(r, 1 + r.nextInt(8));
            long[] b = random(r, 1 + r.nextInt(8));
            if (i == 0) {
                a = maxLimbs(8);
                b = maxLimbs(8);
            }
            BigInteger want = value(a).multiply(value(b)).mod(P);
            Fe52.mul(a, b, out);
            assertMagnitude(out, 1);
            assertThat(value(out).mod(P)).isEqualTo(want);
            // in place, both aliasings
            long[] c = a.clone();
            Fe52.mul(c, b, c);
            assertThat(c).isEqualTo(out);
            c = b.clone();
            Fe52.mul(a, c, c);
            assertThat(c).isEqualTo(out);
        }
    }

    static long[] maxLimbs(int m) {
        long[] a = new long[5];
        for (int i = 0; i < 4; i++) {
            a[i] = 2L * m * Fe52.M;
        }
        a[4] = 2L * m * Fe52.M48;
        return a;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sqrMatchesBigInteger(long seed) {
        Random r = new Random(seed);
        long[] out = new long[5];
        for (int i = 0; i < CASES; i++) {
            long[] a = i == 0 ? maxLimbs(8) : random(r, 1 + r.nextInt(8));
            BigInteger want = value(a).pow(2).mod(P);
            Fe52.sqr(a, out);
            assertMagnitude(out, 1);
            assertThat(value(out).mod(P)).isEqualTo(want);
            long[] m = new long[5];
            Fe52.mul(a, a, m);
            assertThat(value(m).mod(P)).isEqualTo(want);
            Fe52.sqr(a, a);
            assertThat(a).isEqualTo(out);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void linearOperationsKeepValueAndMagnitude(long seed) {
        Random r = new Random(seed);
        long[] out = new long[5];
        for (int i = 0; i < CASES; i++) {
            int ma = 1 + r.nextInt(16);
            int mb = 1 + r.nextInt(16);
            long[] a = random(r, ma);
            long[] b = random(r, mb);
            Fe52.add(a, b, out);
            assertMagnitude(out, ma + mb);
            assertThat(value(out)).isEqualTo(value(a).add(value(b)));
            int k = r.nextInt(17);
            Fe52.mulInt(a, k, out);
            assertMagnitude(out, Math.max(1, ma * k));
            assertThat(value(out)).isEqualTo(value(a).multiply(BigInteger.valueOf(k)));
            Fe52.negate(a, ma, out);
            assertMagnitude(out, ma + 1);
            assertThat(value(out).add(value(a)).mod(P)).isZero();
            Fe52.negate(a, ma, a); // in place
            assertThat(a).isEqualTo(out);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void normalizationReducesEveryMagnitude(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            int m = 1 + r.nextInt(512);
            long[] a = i == 0 ? maxLimbs(512) : random(r, m);
            BigInteger v = value(a);
            long[] w = a.clone();
            Fe52.normalizeWeak(w);
            assertMagnitude(w, 1);
            assertThat(value(w).mod(P)).isEqualTo(v.mod(P));
            assertThat(Fe52.normalizesToZero(a)).isEqualTo(v.mod(P).signum() == 0);
            long[] n = a.clone();
            Fe52.normalize(n);
            assertNormalized(n, v);
            assertThat(Fe52.toBigInteger(a)).isEqualTo(v.mod(P));
            assertThat(Fe52.isZero(n)).isEqualTo(v.mod(P).signum() == 0);
            assertThat(Fe52.isOdd(n)).isEqualTo(v.mod(P).testBit(0));
        }
    }

    @Test
    void multiplesOfPNormalizeToZero() {
        long[] t = new long[5];
        for (int m = 0; m <= 200; m++) {
            Fe52.negate(new long[5], m, t); // 2(m + 1)·p
            assertThat(value(t)).isEqualTo(P.multiply(BigInteger.valueOf(2L * (m + 1))));
            assertThat(Fe52.normalizesToZero(t)).isTrue();
            Fe52.normalize(t);
            assertThat(Fe52.isZero(t)).isTrue();
        }
        long[] p = limbs(P);
        assertThat(Fe52.normalizesToZero(p)).isTrue();
        Fe52.normalize(p);
        assertThat(Fe52.isZero(p)).isTrue();
        long[] p1 = limbs(P.add(BigInteger.ONE));
        assertThat(Fe52.normalizesToZero(p1)).isFalse();
        Fe52.normalize(p1);
        assertThat(value(p1)).isEqualTo(BigInteger.ONE);
        long[] top = limbs(TWO_256.subtract(BigInteger.ONE));
        Fe52.normalize(top);
        assertThat(value(top)).isEqualTo(TWO_256.subtract(BigInteger.ONE).mod(P));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void equalityModP(long seed) {
        Random r = new Random(seed);
        long[] t = new long[5];
        for (int i = 0; i < CASES; i++) {
            int ma = 1 + r.nextInt(31);
            long[] a = random(r, ma);
            long[] b;
            if (r.nextBoolean()) {
                // same value, different representation: a + 2(k+1)·p
                long[] kp = new long[5];
                Fe52.negate(new long[5], r.nextInt(14), kp);
                b = new long[5];
                Fe52.add(a, kp, b);
                if (ma + 15 > 31) {
                    Fe52.normalizeWeak(b);
                }
            } else {
                b = random(r, 1 + r.nextInt(31));
            }
            boolean want = value(a).mod(P).equals(value(b).mod(P));
            assertThat(Fe52.equal(a, b, t)).isEqualTo(want);
            assertThat(Fe52.equal(b, a, t)).isEqualTo(want);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void conversionsRoundTrip(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            BigInteger v = i == 0 ? TWO_256.subtract(BigInteger.ONE) : edgyValue(r);
            byte[] be = new byte[32];
            byte[] raw = v.toByteArray();
            int n = Math.min(raw.length, 32);
            System.arraycopy(raw, raw.length - n, be, 32 - n, n);
            long[] a = new long[5];
            assertThat(Fe52.fromBytes(be, 0, a)).isEqualTo(v.compareTo(P) < 0);
            assertMagnitude(a, 1);
            assertThat(value(a)).isEqualTo(v);
            long[] b = new long[5];
            Fe52.fromInts(Nat256.fromBigInteger(v), b);
            assertThat(b).isEqualTo(a);
            assertThat(Fe52.fromBigInteger(v)).isEqualTo(a);
            if (v.compareTo(P) < 0) {
                assertThat(Nat256.toBigInteger(Fe52.toInts(a))).isEqualTo(v);
                byte[] back = new byte[32];
                Fe52.toBytes(a, back, 0);
                assertThat(back).isEqualTo(be);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void squareRootMatchesModPow(long seed) {
        Random r = new Random(seed);
        BigInteger e = P.add(BigInteger.ONE).shiftRight(2);
        long[] z = new long[5];
        for (int i = 0; i < CASES; i++) {
            long[] a = r.nextInt(4) == 0 ? random(r, 1 + r.nextInt(8)) : limbs(edgyValue(r));
            if (r.nextBoolean()) {
                Fe52.sqr(a, a); // a known square half the time
            }
            BigInteger x = value(a).mod(P);
            BigInteger cand = x.modPow(e, P);
            boolean square = cand.multiply(cand).mod(P).equals(x);
            assertThat(Fe52.sqrt(a, z)).isEqualTo(square);
            if (square) {
                assertNormalized(z, cand);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void inversesMatchModInverse(long seed) {
        Random r = new Random(seed);
        long[] z = new long[5];
        long[] zv = new long[5];
        for (int i = 0; i < CASES; i++) {
            long[] a = random(r, 1 + r.nextInt(8));
            BigInteger x = value(a).mod(P);
            Fe52.inv(a, z);
            assertMagnitude(z, 1);
            Fe52.invVar(a, zv);
            if (x.signum() == 0) {
                assertThat(value(z).mod(P)).isZero();
                assertThat(Fe52.isZero(zv)).isTrue();
                continue;
            }
            BigInteger want = x.modInverse(P);
            assertThat(value(z).mod(P)).isEqualTo(want);
            assertNormalized(zv, want);
            long[] a2 = a.clone();
            Fe52.inv(a2, a2); // in place
            assertThat(value(a2).mod(P)).isEqualTo(want);
        }
    }

    /**
     * 10,000 random operations chained on a few registers, with magnitudes tracked as the rules allow and
     * normalizations only when a rule demands one; mirrored in BigInteger and checked after every step.
     */
    @ParameterizedTest
    @MethodSource("chainSeeds")
    void longChainsStayExact(long seed) {
        Random r = new Random(seed);
        int regs = 4;
        long[][] f = new long[regs][];
        BigInteger[] v = new BigInteger[regs];
        int[] mag = new int[regs];
        for (int i = 0; i < regs; i++) {
            f[i] = limbs(edgyValue(r));
            v[i] = value(f[i]).mod(P);
            mag[i] = 1;
        }
        long[] t = new long[5];
        for (int step = 0; step < 10_000; step++) {
            int d = r.nextInt(regs);
            int a = r.nextInt(regs);
            int b = r.nextInt(regs);
            switch (r.nextInt(7)) {
                case 0 -> {
                    if (mag[a] > 8 || mag[b] > 8) {
                        Fe52.normalizeWeak(f[a]);
                        mag[a] = 1;
                        if (mag[b] > 8) {
                            Fe52.normalizeWeak(f[b]);
                            mag[b] = 1;
                        }
                    }
                    Fe52.mul(f[a], f[b], f[d]);
                    v[d] = v[a].multiply(v[b]).mod(P);
                    mag[d] = 1;
                }
                case 1 -> {
                    if (mag[a] > 8) {
                        Fe52.normalizeWeak(f[a]);
                        mag[a] = 1;
                    }
                    Fe52.sqr(f[a], f[d]);
                    v[d] = v[a].pow(2).mod(P);
                    mag[d] = 1;
                }
                case 2 -> {
                    if (mag[a] + mag[b] > 64) {
                        continue;
                    }
                    int m = mag[a] + mag[b];
                    Fe52.add(f[a], f[b], f[d]);
                    v[d] = v[a].add(v[b]).mod(P);
                    mag[d] = m;
                }
                case 3 -> {
                    int m = mag[a] + 1;
                    Fe52.negate(f[a], mag[a], f[d]);
                    v[d] = v[a].negate().mod(P);
                    mag[d] = m;
                }
                case 4 -> {
                    int k = 1 + r.nextInt(8);
                    if (mag[a] * k > 64) {
                        continue;
                    }
                    int m = mag[a] * k;
                    Fe52.mulInt(f[a], k, f[d]);
                    v[d] = v[a].multiply(BigInteger.valueOf(k)).mod(P);
                    mag[d] = m;
                }
                case 5 -> {
                    Fe52.normalizeWeak(f[a]);
                    mag[a] = 1;
                }
                default -> {
                    Fe52.copy(f[a], t);
                    Fe52.normalize(t);
                    assertNormalized(t, v[a]);
                }
            }
            for (int i = 0; i < regs; i++) {
                assertMagnitude(f[i], mag[i]);
                assertThat(value(f[i]).mod(P)).as("step %d register %d", step, i).isEqualTo(v[i]);
            }
        }
    }

    static LongStream chainSeeds() {
        return LongStream.range(100, 104);
    }
}

package network.mostro.nostr.internal;

import java.math.BigInteger;
import org.bouncycastle.math.raw.Mod;
import org.bouncycastle.math.raw.Nat256;

/**
 * Variable-time secp256k1 field arithmetic on five 52-bit limbs ({@code long[5]}, little-endian), for the
 * verification code in {@link EcMult}. Public data only: several routines branch on values.
 *
 * <p>Representation: a field element a = Σ a[i]·2^(52·i) (mod p, p = 2²⁵⁶ − 0x1000003D1). Limbs 0–3
 * nominally hold 52 bits and limb 4 holds 48, but a limb may carry excess bits; the <em>magnitude</em> m of
 * an element bounds them: a[i] ≤ 2·m·(2⁵² − 1) for i &lt; 4 and a[4] ≤ 2·m·(2⁴⁸ − 1). Rules:
 * <ul>
 *   <li>{@link #mul} and {@link #sqr} accept inputs of magnitude ≤ 8 and return magnitude 1 (limbs 0–3
 *       below 2⁵², limb 4 below 2⁴⁹), not necessarily below p;</li>
 *   <li>{@link #add} returns the sum of the magnitudes, {@link #mulInt} the magnitude times the factor,
 *       {@link #negate}{@code (a, m)} magnitude m + 1 (m must bound a's magnitude);</li>
 *   <li>{@link #normalizeWeak} (input magnitude ≤ 512) returns magnitude 1; {@link #normalize} returns the
 *       unique representative below p with every limb in range ("normalized");</li>
 *   <li>{@link #isOdd}, {@link #isZero}, {@link #eqNormalized}, {@link #toBytes}, {@link #toInts} need
 *       normalized input; {@link #normalizesToZero} accepts magnitude ≤ 512, {@link #equal} ≤ 31 each.</li>
 * </ul>
 * Every routine allows the output to alias an input. Stateless and thread-safe.
 */
final class Fe52 {
    static final long M = 0xFFFFFFFFFFFFFL;
    static final long M48 = 0xFFFFFFFFFFFFL;
    /** 2²⁵⁶ mod p. */
    static final long P_LOW = 0x1000003D1L;
    /** 2²⁶⁰ mod p = 16·(2²⁵⁶ mod p). */
    static final long R = 0x1000003D10L;
    static final long P0 = 0xFFFFEFFFFFC2FL;

    private static final int[] P_INTS = Nat256.fromBigInteger(Secp256k1.P);

    private Fe52() {}

    static long[] create() {
        return new long[5];
    }

    static long[] of(long v) {
        long[] r = new long[5];
        setInt(r, v);
        return r;
    }

    /** r = v for 0 ≤ v &lt; 2⁵². */
    static void setInt(long[] r, long v) {
        r[0] = v;
        r[1] = 0;
        r[2] = 0;
        r[3] = 0;
        r[4] = 0;
    }

    static void copy(long[] a, long[] r) {
        System.arraycopy(a, 0, r, 0, 5);
    }

    /** Converts from eight little-endian 32-bit limbs (any 256-bit value; the result has magnitude 1). */
    static void fromInts(int[] x, long[] r) {
        long w0 = x[0] & 0xFFFFFFFFL | (long) x[1] << 32;
        long w1 = x[2] & 0xFFFFFFFFL | (long) x[3] << 32;
        long w2 = x[4] & 0xFFFFFFFFL | (long) x[5] << 32;
        long w3 = x[6] & 0xFFFFFFFFL | (long) x[7] << 32;
        fromWords(w0, w1, w2, w3, r);
    }

    static long[] fromInts(int[] x) {
        long[] r = new long[5];
        fromInts(x, r);
        return r;
    }

    private static void fromWords(long w0, long w1, long w2, long w3, long[] r) {
        r[0] = w0 & M;
        r[1] = (w0 >>> 52 | w1 << 12) & M;
        r[2] = (w1 >>> 40 | w2 << 24) & M;
        r[3] = (w2 >>> 28 | w3 << 36) & M;
        r[4] = w3 >>> 16;
    }

    /** Converts a normalized element to eight little-endian 32-bit limbs. */
    static void toInts(long[] a, int[] x) {
        long w0 = a[0] | a[1] << 52;
        long w1 = a[1] >>> 12 | a[2] << 40;
        long w2 = a[2] >>> 24 | a[3] << 28;
        long w3 = a[3] >>> 36 | a[4] << 16;
        x[0] = (int) w0;
        x[1] = (int) (w0 >>> 32);
        x[2] = (int) w1;
        x[3] = (int) (w1 >>> 32);
        x[4] = (int) w2;
        x[5] = (int) (w2 >>> 32);
        x[6] = (int) w3;
        x[7] = (int) (w3 >>> 32);
    }

    static int[] toInts(long[] a) {
        int[] x = new int[8];
        toInts(a, x);
        return x;
    }

    /** Reads 32 big-endian bytes (any 256-bit value; magnitude 1). Returns whether the value is below p. */
    static boolean fromBytes(byte[] b, int off, long[] r) {
        long w3 = be64(b, off);
        long w2 = be64(b, off + 8);
        long w1 = be64(b, off + 16);
        long w0 = be64(b, off + 24);
        fromWords(w0, w1, w2, w3, r);
        return !(r[4] == M48 && (r[3] & r[2] & r[1]) == M && r[0] >= P0);
    }

    private static long be64(byte[] b, int o) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[o + i] & 0xffL);
        }
        return v;
    }

    /** Writes a normalized element as 32 big-endian bytes. */
    static void toBytes(long[] a, byte[] b, int off) {
        EcMult.feToBytes(toInts(a), b, off);
    }

    /** From a BigInteger in [0, 2²⁵⁶). */
    static long[] fromBigInteger(BigInteger v) {
        return fromInts(Nat256.fromBigInteger(v));
    }

    /** The value mod p as a BigInteger (any magnitude ≤ 512). */
    static BigInteger toBigInteger(long[] a) {
        long[] t = a.clone();
        normalize(t);
        return Nat256.toBigInteger(toInts(t));
    }

    // ------------------------------------------------------------------------------------------ linear

    /** r = a + b (magnitudes add). */
    static void add(long[] a, long[] b, long[] r) {
        r[0] = a[0] + b[0];
        r[1] = a[1] + b[1];
        r[2] = a[2] + b[2];
        r[3] = a[3] + b[3];
        r[4] = a[4] + b[4];
    }

    /** r = k·a for small k ≥ 0 (magnitude times k). */
    static void mulInt(long[] a, int k, long[] r) {
        r[0] = a[0] * k;
        r[1] = a[1] * k;
        r[2] = a[2] * k;
        r[3] = a[3] * k;
        r[4] = a[4] * k;
    }

    /** r = −a, where m ≥ a's magnitude; the result has magnitude m + 1. */
    static void negate(long[] a, int m, long[] r) {
        long f = 2L * (m + 1);
        r[0] = f * P0 - a[0];
        r[1] = f * M - a[1];
        r[2] = f * M - a[2];
        r[3] = f * M - a[3];
        r[4] = f * M48 - a[4];
    }

    /**
     * Reduces a (magnitude ≤ 512, i.e. limbs below 2⁶²) to magnitude 1: limbs 0–3 below 2⁵², limb 4 below
     * 2⁴⁸ + 2¹⁰.
     */
    static void normalizeWeak(long[] a) {
        long t4 = a[4];
        long x = t4 >>> 48;
        t4 &= M48;
        long t0 = a[0] + x * P_LOW;
        long t1 = a[1] + (t0 >>> 52);
        t0 &= M;
        long t2 = a[2] + (t1 >>> 52);
        t1 &= M;
        long t3 = a[3] + (t2 >>> 52);
        t2 &= M;
        t4 += t3 >>> 52;
        t3 &= M;
        a[0] = t0;
        a[1] = t1;
        a[2] = t2;
        a[3] = t3;
        a[4] = t4;
    }

    /** Reduces a (magnitude ≤ 512) to its unique representative below p. */
    static void normalize(long[] a) {
        normalizeWeak(a);
        if (a[4] >>> 48 != 0) {
            normalizeWeak(a); // the carry into bit 256 is folded once more; now below 2^256
        }
        if (a[4] == M48 && (a[3] & a[2] & a[1]) == M && a[0] >= P0) {
            // value in [p, 2^256): subtract p, i.e. add 2^256 − p and drop bit 256
            long t0 = a[0] + P_LOW;
            long t1 = a[1] + (t0 >>> 52);
            long t2 = a[2] + (t1 >>> 52);
            long t3 = a[3] + (t2 >>> 52);
            long t4 = a[4] + (t3 >>> 52);
            a[0] = t0 & M;
            a[1] = t1 & M;
            a[2] = t2 & M;
            a[3] = t3 & M;
            a[4] = t4 & M48;
        }
    }

    /** Whether a normalized element is zero. */
    static boolean isZero(long[] a) {
        return (a[0] | a[1] | a[2] | a[3] | a[4]) == 0;
    }

    /** Whether a normalized element is odd. */
    static boolean isOdd(long[] a) {
        return (a[0] & 1) != 0;
    }

    /** Whether a (magnitude ≤ 512) is ≡ 0 mod p. Does not modify a (and allocates nothing). */
    static boolean normalizesToZero(long[] a) {
        long t4 = a[4];
        long x = t4 >>> 48;
        t4 &= M48;
        long t0 = a[0] + x * P_LOW;
        long t1 = a[1] + (t0 >>> 52);
        t0 &= M;
        long t2 = a[2] + (t1 >>> 52);
        t1 &= M;
        long t3 = a[3] + (t2 >>> 52);
        t2 &= M;
        t4 += t3 >>> 52;
        t3 &= M;
        // now below 2^256 + 2^218 < 2p, so a ≡ 0 exactly when the value is 0 or p
        return (t0 | t1 | t2 | t3 | t4) == 0 || (t0 == P0 && (t1 & t2 & t3) == M && t4 == M48);
    }

    /** Whether two normalized elements are equal. */
    static boolean eqNormalized(long[] a, long[] b) {
        return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3] && a[4] == b[4];
    }

    /** Whether a ≡ b mod p (magnitudes ≤ 31); uses {@code t} as scratch. */
    static boolean equal(long[] a, long[] b, long[] t) {
        negate(a, 31, t);
        add(t, b, t);
        return normalizesToZero(t);
    }

    // ------------------------------------------------------------------------------------------ products

    static void mul(long[] a, long[] b, long[] r) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
        long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
        long p, q;
        long dL = 0, dH = 0, cL = 0, cH = 0;
        // column 3 (d) and column 8 (c)
        p = a0 * b3;
        q = Math.multiplyHigh(a0, b3);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a1 * b2;
        q = Math.multiplyHigh(a1, b2);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a2 * b1;
        q = Math.multiplyHigh(a2, b1);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a3 * b0;
        q = Math.multiplyHigh(a3, b0);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a4 * b4;
        q = Math.multiplyHigh(a4, b4);
        cL += p & M; cH += q << 12 | p >>> 52;
        long c8lo = cL & M;
        long c8hi = cH + (cL >>> 52); // < 2^52: column 8 < 2^104
        // column 8 sits 260 bits above column 3: fold in its low 52 bits times R
        p = c8lo * R;
        q = Math.multiplyHigh(c8lo, R);
        dL += p & M; dH += q << 12 | p >>> 52;
        long t3 = dL & M;
        dL = dH + (dL >>> 52); dH = 0;
        // column 4, plus the rest of column 8 (position 9 = position 4 + 260 bits)
        p = a0 * b4;
        q = Math.multiplyHigh(a0, b4);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a1 * b3;
        q = Math.multiplyHigh(a1, b3);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a2 * b2;
        q = Math.multiplyHigh(a2, b2);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a3 * b1;
        q = Math.multiplyHigh(a3, b1);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a4 * b0;
        q = Math.multiplyHigh(a4, b0);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = c8hi * R;
        q = Math.multiplyHigh(c8hi, R);
        dL += p & M; dH += q << 12 | p >>> 52;
        long t4 = dL & M;
        dL = dH + (dL >>> 52); dH = 0;
        long tx = t4 >>> 48; // bits 256..259, worth 0x1000003D1 each at position 0
        t4 &= M48;
        // column 5 -> position 0
        p = a1 * b4;
        q = Math.multiplyHigh(a1, b4);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a2 * b3;
        q = Math.multiplyHigh(a2, b3);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a3 * b2;
        q = Math.multiplyHigh(a3, b2);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a4 * b1;
        q = Math.multiplyHigh(a4, b1);
        dL += p & M; dH += q << 12 | p >>> 52;
        long u = dL & M;
        dL = dH + (dL >>> 52); dH = 0;
        cL = 0; cH = 0;
        p = a0 * b0;
        q = Math.multiplyHigh(a0, b0);
        cL += p & M; cH += q << 12 | p >>> 52;
        p = (u << 4 | tx) * P_LOW;
        q = Math.multiplyHigh((u << 4 | tx), P_LOW);
        cL += p & M; cH += q << 12 | p >>> 52;
        long r0 = cL & M;
        cL = cH + (cL >>> 52); cH = 0;
        // column 6 -> position 1
        p = a2 * b4;
        q = Math.multiplyHigh(a2, b4);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a3 * b3;
        q = Math.multiplyHigh(a3, b3);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a4 * b2;
        q = Math.multiplyHigh(a4, b2);
        dL += p & M; dH += q << 12 | p >>> 52;
        u = dL & M;
        dL = dH + (dL >>> 52); dH = 0;
        p = a0 * b1;
        q = Math.multiplyHigh(a0, b1);
        cL += p & M; cH += q << 12 | p >>> 52;
        p = a1 * b0;
        q = Math.multiplyHigh(a1, b0);
        cL += p & M; cH += q << 12 | p >>> 52;
        p = u * R;
        q = Math.multiplyHigh(u, R);
        cL += p & M; cH += q << 12 | p >>> 52;
        long r1 = cL & M;
        cL = cH + (cL >>> 52); cH = 0;
        // column 7 -> position 2
        p = a3 * b4;
        q = Math.multiplyHigh(a3, b4);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a4 * b3;
        q = Math.multiplyHigh(a4, b3);
        dL += p & M; dH += q << 12 | p >>> 52;
        u = dL & M;
        dL = dH + (dL >>> 52); dH = 0;
        p = a0 * b2;
        q = Math.multiplyHigh(a0, b2);
        cL += p & M; cH += q << 12 | p >>> 52;
        p = a1 * b1;
        q = Math.multiplyHigh(a1, b1);
        cL += p & M; cH += q << 12 | p >>> 52;
        p = a2 * b0;
        q = Math.multiplyHigh(a2, b0);
        cL += p & M; cH += q << 12 | p >>> 52;
        p = u * R;
        q = Math.multiplyHigh(u, R);
        cL += p & M; cH += q << 12 | p >>> 52;
        long r2 = cL & M;
        cL = cH + (cL >>> 52); cH = 0;
        // what is left of d sits at position 8 = position 3 + 260 bits (dL < 2^58)
        p = dL * R;
        q = Math.multiplyHigh(dL, R);
        cL += p & M; cH += q << 12 | p >>> 52;
        cL += t3;
        long r3 = cL & M;
        cL = cH + (cL >>> 52); cH = 0;
        r[0] = r0;
        r[1] = r1;
        r[2] = r2;
        r[3] = r3;
        r[4] = t4 + cL;
    }

    static void sqr(long[] a, long[] r) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
        long a02 = a0 << 1, a12 = a1 << 1, a22 = a2 << 1, a32 = a3 << 1;
        long p, q;
        long dL = 0, dH = 0, cL = 0, cH = 0;
        // column 3 (d) and column 8 (c)
        p = a02 * a3;
        q = Math.multiplyHigh(a02, a3);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a12 * a2;
        q = Math.multiplyHigh(a12, a2);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a4 * a4;
        q = Math.multiplyHigh(a4, a4);
        cL += p & M; cH += q << 12 | p >>> 52;
        long c8lo = cL & M;
        long c8hi = cH + (cL >>> 52); // < 2^52: column 8 < 2^104
        // column 8 sits 260 bits above column 3: fold in its low 52 bits times R
        p = c8lo * R;
        q = Math.multiplyHigh(c8lo, R);
        dL += p & M; dH += q << 12 | p >>> 52;
        long t3 = dL & M;
        dL = dH + (dL >>> 52); dH = 0;
        // column 4, plus the rest of column 8 (position 9 = position 4 + 260 bits)
        p = a02 * a4;
        q = Math.multiplyHigh(a02, a4);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a12 * a3;
        q = Math.multiplyHigh(a12, a3);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a2 * a2;
        q = Math.multiplyHigh(a2, a2);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = c8hi * R;
        q = Math.multiplyHigh(c8hi, R);
        dL += p & M; dH += q << 12 | p >>> 52;
        long t4 = dL & M;
        dL = dH + (dL >>> 52); dH = 0;
        long tx = t4 >>> 48; // bits 256..259, worth 0x1000003D1 each at position 0
        t4 &= M48;
        // column 5 -> position 0
        p = a12 * a4;
        q = Math.multiplyHigh(a12, a4);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a22 * a3;
        q = Math.multiplyHigh(a22, a3);
        dL += p & M; dH += q << 12 | p >>> 52;
        long u = dL & M;
        dL = dH + (dL >>> 52); dH = 0;
        cL = 0; cH = 0;
        p = a0 * a0;
        q = Math.multiplyHigh(a0, a0);
        cL += p & M; cH += q << 12 | p >>> 52;
        p = (u << 4 | tx) * P_LOW;
        q = Math.multiplyHigh((u << 4 | tx), P_LOW);
        cL += p & M; cH += q << 12 | p >>> 52;
        long r0 = cL & M;
        cL = cH + (cL >>> 52); cH = 0;
        // column 6 -> position 1
        p = a22 * a4;
        q = Math.multiplyHigh(a22, a4);
        dL += p & M; dH += q << 12 | p >>> 52;
        p = a3 * a3;
        q = Math.multiplyHigh(a3, a3);
        dL += p & M; dH += q << 12 | p >>> 52;
        u = dL & M;
        dL = dH + (dL >>> 52); dH = 0;
        p = a02 * a1;
        q = Math.multiplyHigh(a02, a1);
        cL += p & M; cH += q << 12 | p >>> 52;
        p = u * R;
        q = Math.multiplyHigh(u, R);
        cL += p & M; cH += q << 12 | p >>> 52;
        long r1 = cL & M;
        cL = cH + (cL >>> 52); cH = 0;
        // column 7 -> position 2
        p = a32 * a4;
        q = Math.multiplyHigh(a32, a4);
        dL += p & M; dH += q << 12 | p >>> 52;
        u = dL & M;
        dL = dH + (dL >>> 52); dH = 0;
        p = a02 * a2;
        q = Math.multiplyHigh(a02, a2);
        cL += p & M; cH += q << 12 | p >>> 52;
        p = a1 * a1;
        q = Math.multiplyHigh(a1, a1);
        cL += p & M; cH += q << 12 | p >>> 52;
        p = u * R;
        q = Math.multiplyHigh(u, R);
        cL += p & M; cH += q << 12 | p >>> 52;
        long r2 = cL & M;
        cL = cH + (cL >>> 52); cH = 0;
        // what is left of d sits at position 8 = position 3 + 260 bits (dL < 2^58)
        p = dL * R;
        q = Math.multiplyHigh(dL, R);
        cL += p & M; cH += q << 12 | p >>> 52;
        cL += t3;
        long r3 = cL & M;
        cL = cH + (cL >>> 52); cH = 0;
        r[0] = r0;
        r[1] = r1;
        r[2] = r2;
        r[3] = r3;
        r[4] = t4 + cL;
    }

    /** r = a^(2^n) (magnitude ≤ 8 in, 1 out). */
    static void sqrN(long[] a, int n, long[] r) {
        if (n == 0) {
            copy(a, r);
            return;
        }
        sqr(a, r);
        for (int i = 1; i < n; i++) {
            sqr(r, r);
        }
    }

    /**
     * The common prefix of the square-root and inversion chains: x2 = a^(2²−1), x3 = a^(2³−1),
     * x22 = a^(2²²−1), x223 = a^(2²²³−1). Arrays must be distinct from a.
     */
    private static void chain223(long[] a, long[] x2, long[] x3, long[] x22, long[] x223) {
        long[] t = new long[5];
        long[] x44 = new long[5];
        sqr(a, x2);
        mul(x2, a, x2);
        sqr(x2, x3);
        mul(x3, a, x3);
        sqrN(x3, 3, t);
        mul(t, x3, t); // 6
        sqrN(t, 3, t);
        mul(t, x3, t); // 9
        sqrN(t, 2, t);
        mul(t, x2, t); // 11
        sqrN(t, 11, x22);
        mul(x22, t, x22); // 22
        sqrN(x22, 22, x44);
        mul(x44, x22, x44); // 44
        sqrN(x44, 44, t);
        mul(t, x44, t); // 88
        sqrN(t, 88, x223);
        mul(x223, t, x223); // 176
        sqrN(x223, 44, x223);
        mul(x223, x44, x223); // 220
        sqrN(x223, 3, x223);
        mul(x223, x3, x223); // 223
    }

    /**
     * r = √a if a (magnitude ≤ 8) is a square, returning true; otherwise false (r unspecified). Uses the
     * exponent (p + 1)/4. r is normalized on success. r must not alias a.
     */
    static boolean sqrt(long[] a, long[] r) {
        long[] x2 = new long[5];
        long[] x3 = new long[5];
        long[] x22 = new long[5];
        long[] u = new long[5];
        chain223(a, x2, x3, x22, u);
        // (p + 1)/4 in binary: 223 ones, a zero, 22 ones, 0000 11, 00 (as the sqrN/mul steps below)
        sqrN(u, 23, u);
        mul(u, x22, u);
        sqrN(u, 6, u);
        mul(u, x2, u);
        sqrN(u, 2, r);
        long[] t = new long[5];
        sqr(r, t);
        normalize(r);
        return equal(t, a, u);
    }

    /** r = a⁻¹ (a^(p−2); 0 maps to 0); input magnitude ≤ 8, output magnitude 1. */
    static void inv(long[] a, long[] r) {
        long[] x2 = new long[5];
        long[] x3 = new long[5];
        long[] x22 = new long[5];
        long[] u = new long[5];
        long[] a1 = a.clone();
        chain223(a1, x2, x3, x22, u);
        // p − 2 in binary: 223 ones, a zero, 22 ones, then 00001 011 01 (the steps below)
        sqrN(u, 23, u);
        mul(u, x22, u); // ...·2^23 + (2^22 − 1)
        sqrN(u, 5, u);
        mul(u, a1, u); // + 1
        sqrN(u, 3, u);
        mul(u, x2, u); // + 3
        sqrN(u, 2, u);
        mul(u, a1, r); // + 1
    }

    /**
     * r = a⁻¹ by Bouncy Castle's variable-time binary extended GCD (faster than {@link #inv}; public
     * data only). Input magnitude ≤ 512; output normalized. 0 maps to 0.
     */
    static void invVar(long[] a, long[] r) {
        long[] t = a.clone();
        normalize(t);
        int[] x = toInts(t);
        int[] z = new int[8];
        if (isZero(t)) {
            setInt(r, 0);
            return;
        }
        Mod.modOddInverseVar(P_INTS, x, z);
        fromInts(z, r);
    }
}

package network.mostro.nostr.internal;

import java.math.BigInteger;
import network.mostro.nostr.CryptoException;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Constant-time fixed-base multiplication k·G on secp256k1 for <em>secret</em> scalars (signing nonces,
 * private keys). Scalars and results are {@code int[8]} little-endian 32-bit words, as in {@link EcMult};
 * internally field elements are ten 26-bit limbs in an {@code int[10]} (see "Field" below). Stateless and
 * thread-safe: the table is built once in the static initializer and never written again; each call uses
 * its own scratch arrays.
 *
 * <h2>Method</h2>
 * The scalar k (1 ≤ k &lt; n) is first folded into m = min(k, n − k), so m ≤ (n − 1)/2, with a mask
 * remembering whether k was replaced (then k·G = −(m·G) and the final y is negated). m is made odd,
 * x = m or m + 1, with a second mask remembering the +1. An odd x &lt; 2²⁵⁶ has the regular signed-digit
 * form x = 2²⁵⁵ + Σ_{i=0}^{50} dᵢ·32ⁱ with every dᵢ odd in [−31, 31], read straight from the bits:
 * d₀ = (x mod 64) − 32 and dᵢ = 2·⌊x / 2^{5i+1}⌋ mod 64 + 1 − 32. Window i has the 16 affine points
 * {@code T[i][j] = (2j + 1)·32ⁱ·G} (51 × 16 × 2 × 10 ints = 65 KiB). The accumulator starts at the constant
 * 2²⁵⁵·G and, from window 50 down to 0, receives one mixed Jacobian + affine addition of ±{@code T[i][(|dᵢ| − 1)/2]}
 * (the sign applied to y by mask). When x = m + 1, one more mixed addition of −G is computed and kept by
 * mask (otherwise computed and discarded). One inversion brings the result to affine coordinates. No
 * doublings are needed: 52 additions in all.
 *
 * <h2>Why the incomplete addition formula is safe here</h2>
 * Every point involved is a multiple a·G with a known integer a, and the mixed addition A + E is only
 * wrong when A = ±E or either is infinity, that is when a ≡ 0, e ≡ 0 or a ∓ e ≡ 0 (mod n). Before window
 * i is added the accumulator's multiplier is a = 2²⁵⁵ + Σ_{w&gt;i} d_w·32^w, which is 32^{i+1} times an odd
 * integer (the lowest digit d_{i+1}, or 1 for the constant, is odd and the rest are multiples of 32); the
 * entry's multiplier e = dᵢ·32ⁱ and a ∓ e are 32ⁱ times an odd integer. None of them is 0 as an integer,
 * and all are below n in absolute value: at i = 50, a is exactly 2²⁵⁵ and |e| ≤ 31·2²⁵⁰; below that,
 * a = x − Σ_{w≤i} d_w·32^w with 0 &lt; x &lt; 2²⁵⁵ and the sum below 32^{i+1} ≤ 2²⁵⁰ in absolute value, and
 * |e| ≤ 31·2²⁴⁵. Either way |a| + |e| ≤ 2²⁵⁵ + 31·2²⁵⁰ &lt; n. Hence none is 0 mod n.
 * The −G step, when kept, adds −G to x·G with 3 ≤ x = m + 1 &lt; n − 1, so x ≢ ±1 (when discarded, its
 * result may be garbage, harmlessly). So no exceptional
 * case can arise for any valid k, and the code needs no special-case branches.
 *
 * <h2>What is constant time</h2>
 * <ul>
 *   <li>The table lookup reads all 16 entries of every window, selecting one with an all-ones/all-zeros
 *       {@code int} mask derived arithmetically from the digit ({@code ((j ^ idx) − 1) >> 31}); the
 *       digit's sign is applied to y by the mask {@code d >> 31}. Array indices, shift amounts and the
 *       few branches in the loop (window 0's digit formula) depend only on the public loop counter.</li>
 *   <li>Field arithmetic is this class's own, straight-line code with no data-dependent branches:
 *       products are 100 (squares 55) 26×26-bit multiplications summed in {@code long}s, then carried and
 *       folded with 2²⁵⁶ ≡ 2³² + 977; additions and subtractions work limb by limb (subtraction adds 2p
 *       first, so no limb goes negative). Results are only <em>weakly</em> normalized (limbs below 2²⁶, the
 *       top limb at most 2²², value below 2p); the one canonical reduction at the end selects x or x − p
 *       by mask. Bouncy Castle's {@code SecP256K1Field.add/subtract/twice/negate/reduce} are deliberately
 *       <em>not</em> used: they branch on carries and on {@code z ≥ p}.</li>
 *   <li>The single inversion uses {@link SecP256K1Field#inv}, which is {@code Mod.checkedModOddInverse},
 *       Bouncy Castle's constant-time safegcd (its only branch rejects a zero input, which cannot occur
 *       here).</li>
 *   <li>The fold k → min(k, n − k), the range check and the final y negation are mask selections driven
 *       by the borrow words of {@link Nat256#sub}.</li>
 * </ul>
 *
 * <h2>What is not guaranteed</h2>
 * The JVM gives no constant-time guarantee: the JIT may in principle compile mask arithmetic into
 * branches, and {@code long} multiplication latency is assumed independent of the operands (true of
 * current x86-64 and AArch64 cores). Cache behaviour is uniform only at the granularity of the window
 * block (1280 bytes, all of it read). This is the same caveat as Bouncy Castle's
 * {@code FixedPointCombMultiplier}. Converting a {@link BigInteger} to limbs (and the callers' own
 * {@code BigInteger} scalar arithmetic) is not constant time either; the {@code int[]} entry point avoids
 * that conversion.
 */
public final class EcGen {
    private static final long M26 = 0x3FFFFFFL;
    private static final long M22 = 0x3FFFFFL;
    /** 2²⁶⁰ mod p − 2³⁶ = 16·977: with 2³⁶ = 2¹⁰ at the next limb, 2²⁶⁰ ≡ 2¹⁰·2²⁶ + R260. */
    private static final long R260 = 15632;
    /** 2p in (non-normalized) 26-bit limbs; every limb exceeds the largest weakly normalized limb. */
    private static final long[] TWO_P = {
        2L * 0x3FFFC2F, 2L * 0x3FFFFBF, 2L * 0x3FFFFFF, 2L * 0x3FFFFFF, 2L * 0x3FFFFFF,
        2L * 0x3FFFFFF, 2L * 0x3FFFFFF, 2L * 0x3FFFFFF, 2L * 0x3FFFFFF, 2L * 0x3FFFFF,
    };

    /** Windows 0 … 50 of five bits each; the digit above them is always 1 (the constant 2²⁵⁵·G). */
    private static final int WINDOWS = 51;
    private static final int ENTRIES = 16;
    /** Ints per table entry: x then y, 10 limbs each. */
    private static final int ENTRY_INTS = 20;

    static final int[] N_LIMBS = Nat256.fromBigInteger(Secp256k1.N);
    static final int[] HALF_N_LIMBS = Nat256.fromBigInteger(Secp256k1.N.shiftRight(1));

    /** {@code TABLE[(i·16 + j)·20 ..]} = x, y of (2j + 1)·32ⁱ·G. */
    private static final int[] TABLE = new int[WINDOWS * ENTRIES * ENTRY_INTS];
    /** 2²⁵⁵·G, the accumulator's starting point. */
    private static final int[] TOP_X = new int[10];
    private static final int[] TOP_Y = new int[10];
    /** −G, for the correction of the +1 that made the scalar odd. */
    private static final int[] NEG_G_X = new int[10];
    private static final int[] NEG_G_Y = new int[10];

    static {
        buildTable();
    }

    private EcGen() {}

    /**
     * Affine k·G for 1 ≤ k &lt; n, written to {@code x} and {@code y} ({@code int[8]} each, little-endian
     * words, fully reduced).
     *
     * @throws CryptoException if k is negative, zero or not below n
     */
    public static void mulG(BigInteger k, int[] x, int[] y) {
        if (k.signum() <= 0 || k.bitLength() > 256) {
            throw new CryptoException("scalar out of range");
        }
        mulG(Nat256.fromBigInteger(k), x, y);
    }

    /**
     * Affine k·G for a scalar in 8 little-endian 32-bit words, 1 ≤ k &lt; n (not modified); x and y as
     * in {@link #mulG(BigInteger, int[], int[])}.
     *
     * @throws CryptoException if k is zero or not below n
     */
    public static void mulG(int[] k, int[] x, int[] y) {
        int[] tmp = new int[8];
        // Range check without data-dependent branches; only the (public) verdict is branched on.
        int below = Nat256.sub(k, N_LIMBS, tmp); // −1 iff k < n
        int any = 0;
        for (int i = 0; i < 8; i++) {
            any |= k[i];
        }
        int nonZero = (any | -any) >> 31; // −1 iff k ≠ 0
        if ((below & nonZero) != -1) {
            throw new CryptoException("scalar out of range");
        }
        // m = min(k, n − k): neg = −1 iff k > (n − 1)/2.
        int neg = Nat256.sub(HALF_N_LIMBS, k, tmp);
        int[] m = new int[8];
        Nat256.sub(N_LIMBS, k, m);
        for (int i = 0; i < 8; i++) {
            m[i] = k[i] ^ ((k[i] ^ m[i]) & neg);
        }

        // x = m + 1 when m is even (fix = −1), else m: odd, and still below 2^255.
        int fix = -(~m[0] & 1);
        long c = (m[0] & 0xFFFFFFFFL) + (fix & 1);
        m[0] = (int) c;
        for (int i = 1; i < 8; i++) {
            c = (m[i] & 0xFFFFFFFFL) + (c >>> 32);
            m[i] = (int) c;
        }

        Scratch s = new Scratch();
        int[] ax = s.ax;
        int[] ay = s.ay;
        int[] az = s.az;
        System.arraycopy(TOP_X, 0, ax, 0, 10);
        System.arraycopy(TOP_Y, 0, ay, 0, 10);
        az[0] = 1;
        int[] zero = s.zero;
        for (int w = WINDOWS - 1; w >= 0; w--) {
            int v = w == 0 ? m[0] & 63 : bits5(m, 5 * w + 1) << 1 | 1; // w is public
            int d = v - 32; // odd, −31 … 31
            int sign = d >> 31;
            int idx = ((d ^ sign) - sign) >>> 1; // (|d| − 1)/2
            lookup(w, idx, s.ex, s.ey);
            sub(zero, s.ey, s.t1);
            for (int i = 0; i < 10; i++) {
                s.ey[i] ^= (s.ey[i] ^ s.t1[i]) & sign;
            }
            madd(ax, ay, az, s.ex, s.ey, s);
        }
        // Undo the +1: computed always, kept by mask.
        System.arraycopy(ax, 0, s.cx, 0, 10);
        System.arraycopy(ay, 0, s.cy, 0, 10);
        System.arraycopy(az, 0, s.cz, 0, 10);
        madd(s.cx, s.cy, s.cz, NEG_G_X, NEG_G_Y, s);
        for (int i = 0; i < 10; i++) {
            ax[i] ^= (ax[i] ^ s.cx[i]) & fix;
            ay[i] ^= (ay[i] ^ s.cy[i]) & fix;
            az[i] ^= (az[i] ^ s.cz[i]) & fix;
        }
        java.util.Arrays.fill(m, 0);

        // To affine with one constant-time inversion; then y or −y by mask.
        int[] zi = s.t1;
        int[] zi2 = s.t2;
        inv(az, zi);
        sqr(zi, zi2);
        mul(ax, zi2, ax);
        mul(zi2, zi, zi2);
        mul(ay, zi2, ay);
        sub(zero, ay, s.t4); // −y
        for (int i = 0; i < 10; i++) {
            ay[i] ^= (ay[i] ^ s.t4[i]) & neg;
        }
        toWords(ax, x);
        toWords(ay, y);
        s.wipe();
    }

    /** Five bits of the 256-bit {@code x} from bit {@code pos} (≤ 251); {@code pos} is public. */
    private static int bits5(int[] x, int pos) {
        int word = pos >>> 5;
        int sh = pos & 31;
        int v = x[word] >>> sh;
        if (sh > 27) {
            v |= x[word + 1] << (32 - sh);
        }
        return v & 31;
    }

    /** (ex, ey) = entry idx of window w, reading all 16 entries of the window. */
    private static void lookup(int w, int idx, int[] ex, int[] ey) {
        for (int i = 0; i < 10; i++) {
            ex[i] = 0;
            ey[i] = 0;
        }
        int base = w * ENTRIES * ENTRY_INTS;
        for (int j = 0; j < ENTRIES; j++) {
            int mask = ((j ^ idx) - 1) >> 31; // −1 iff j == idx (j ^ idx is in 0 … 15)
            int off = base + j * ENTRY_INTS;
            for (int i = 0; i < 10; i++) {
                ex[i] |= TABLE[off + i] & mask;
                ey[i] |= TABLE[off + 10 + i] & mask;
            }
        }
    }

    /**
     * (X, Y, Z) += (x2, y2) in Jacobian coordinates (madd-2004-hmv: 8M + 3S) with no branches. Correct
     * only when the two points are not equal, not opposite and not infinity (see the class comment).
     */
    private static void madd(int[] X, int[] Y, int[] Z, int[] x2, int[] y2, Scratch s) {
        int[] z1z1 = s.t1;
        int[] t2 = s.t2;
        int[] u2 = s.t3;
        int[] s2 = s.t4;
        int[] h = s.t5;
        int[] r = s.t6;
        int[] hh = s.t7;
        int[] hhh = s.t8;
        int[] v = s.t9;
        sqr(Z, z1z1);
        mul(Z, z1z1, t2);
        mul(x2, z1z1, u2);
        mul(y2, t2, s2);
        sub(u2, X, h);
        sub(s2, Y, r);
        sqr(h, hh);
        mul(h, hh, hhh);
        mul(X, hh, v);
        // X3 = r² − HHH − 2V
        sqr(r, X);
        sub(X, hhh, X);
        sub(X, v, X);
        sub(X, v, X);
        // Y3 = r·(V − X3) − Y1·HHH
        sub(v, X, v);
        mul(r, v, v);
        mul(Y, hhh, hhh);
        sub(v, hhh, Y);
        // Z3 = Z1·H
        mul(Z, h, Z);
    }

    // ------------------------------------------------------------------ table construction (public data)

    /**
     * Fills {@link #TABLE}, 2²⁵⁵·G and −G with this class's arithmetic (public data, so it may branch, but
     * does not need to): the window bases B = 32ⁱ·G by repeated doubling, then 2B, then the entries
     * (2j + 1)·B by fifteen mixed additions of 2B, all brought to affine form with batched inversions.
     * The additions never meet an exceptional case: (2j + 1)·B ± 2B is infinity or a doubling only if n
     * divides an odd number below 34 times 32ⁱ, and n is a prime above that.
     */
    private static void buildTable() {
        Scratch s = new Scratch();
        ECPoint g = Secp256k1.G.normalize();
        int[] gx = new int[10];
        int[] gy = new int[10];
        fromWords(Nat256.fromBigInteger(g.getAffineXCoord().toBigInteger()), gx);
        fromWords(Nat256.fromBigInteger(g.getAffineYCoord().toBigInteger()), gy);
        System.arraycopy(gx, 0, NEG_G_X, 0, 10);
        sub(new int[10], gy, NEG_G_Y);

        // Bases 32^i·G for i = 0 … 51 (the last is 2^255·G).
        int nb = WINDOWS + 1;
        int[][] bx = new int[nb][];
        int[][] by = new int[nb][];
        int[][] bz = new int[nb][];
        int[] x = gx.clone();
        int[] y = gy.clone();
        int[] z = new int[10];
        z[0] = 1;
        for (int i = 0; i < nb; i++) {
            bx[i] = x.clone();
            by[i] = y.clone();
            bz[i] = z.clone();
            for (int d = 0; d < 5; d++) {
                dbl(x, y, z, s);
            }
        }
        toAffine(bx, by, bz, nb);
        System.arraycopy(bx[WINDOWS], 0, TOP_X, 0, 10);
        System.arraycopy(by[WINDOWS], 0, TOP_Y, 0, 10);

        // 2·32^i·G, affine.
        int[][] tx = new int[WINDOWS][];
        int[][] ty = new int[WINDOWS][];
        int[][] tz = new int[WINDOWS][];
        for (int i = 0; i < WINDOWS; i++) {
            tx[i] = bx[i].clone();
            ty[i] = by[i].clone();
            tz[i] = new int[10];
            tz[i][0] = 1;
            dbl(tx[i], ty[i], tz[i], s);
        }
        toAffine(tx, ty, tz, WINDOWS);

        int count = WINDOWS * ENTRIES;
        int[][] ex = new int[count][];
        int[][] ey = new int[count][];
        int[][] ez = new int[count][];
        for (int i = 0; i < WINDOWS; i++) {
            System.arraycopy(bx[i], 0, x, 0, 10);
            System.arraycopy(by[i], 0, y, 0, 10);
            java.util.Arrays.fill(z, 0);
            z[0] = 1;
            for (int j = 0; j < ENTRIES; j++) {
                ex[i * ENTRIES + j] = x.clone();
                ey[i * ENTRIES + j] = y.clone();
                ez[i * ENTRIES + j] = z.clone();
                if (j + 1 < ENTRIES) {
                    madd(x, y, z, tx[i], ty[i], s);
                }
            }
        }
        toAffine(ex, ey, ez, count);
        for (int e = 0; e < count; e++) {
            System.arraycopy(ex[e], 0, TABLE, e * ENTRY_INTS, 10);
            System.arraycopy(ey[e], 0, TABLE, e * ENTRY_INTS + 10, 10);
        }
    }

    /** (X, Y, Z) = 2·(X, Y, Z) in Jacobian coordinates (dbl-2009-l, a = 0); table build only. */
    private static void dbl(int[] X, int[] Y, int[] Z, Scratch s) {
        int[] a = s.t1;
        int[] b = s.t2;
        int[] c = s.t3;
        int[] d = s.t4;
        int[] e = s.t5;
        int[] f = s.t6;
        sqr(X, a);
        sqr(Y, b);
        sqr(b, c);
        add(X, b, d);
        sqr(d, d);
        sub(d, a, d);
        sub(d, c, d);
        add(d, d, d); // D = 2((X + B)² − A − C)
        add(a, a, e);
        add(e, a, e); // E = 3A
        sqr(e, f);
        mul(Y, Z, Z);
        add(Z, Z, Z); // Z3 = 2YZ
        add(d, d, b);
        sub(f, b, X); // X3 = F − 2D
        sub(d, X, b);
        mul(e, b, b);
        add(c, c, c);
        add(c, c, c);
        add(c, c, c); // 8C
        sub(b, c, Y); // Y3 = E(D − X3) − 8C
    }

    /** Jacobian → affine in place for {@code count} points with one inversion (Montgomery's trick). */
    private static void toAffine(int[][] xs, int[][] ys, int[][] zs, int count) {
        int[][] prefix = new int[count][];
        int[] acc = zs[0].clone();
        prefix[0] = acc.clone();
        for (int i = 1; i < count; i++) {
            mul(acc, zs[i], acc);
            prefix[i] = acc.clone();
        }
        int[] inv = new int[10];
        inv(acc, inv);
        int[] zi = new int[10];
        int[] zi2 = new int[10];
        for (int i = count - 1; i >= 0; i--) {
            if (i > 0) {
                mul(inv, prefix[i - 1], zi);
                mul(inv, zs[i], inv);
            } else {
                System.arraycopy(inv, 0, zi, 0, 10);
            }
            sqr(zi, zi2);
            mul(xs[i], zi2, xs[i]);
            mul(zi2, zi, zi2);
            mul(ys[i], zi2, ys[i]);
            java.util.Arrays.fill(zs[i], 0);
            zs[i][0] = 1;
        }
    }

    // ------------------------------------------------------------------ field: ten 26-bit limbs
    //
    // A field element is int[10], value Σ a[i]·2^(26·i). "Weakly normalized": a[0..8] < 2^26, a[9] ≤ 2^22
    // and value < 2^256 + 2^58 < 2p; every operation takes and returns that form. Products of such limbs
    // are below 2^52 and a column of ten below 2^56, so no long overflows. The code is unrolled by hand.

    /** z = a⁻¹ mod p (a ≠ 0) via Bouncy Castle's constant-time safegcd. */
    static void inv(int[] a, int[] z) {
        int[] w = new int[8];
        int[] r = new int[8];
        toWords(a, w);
        SecP256K1Field.inv(w, r);
        fromWords(r, z);
    }

    /** Ten 26-bit limbs from 8 little-endian 32-bit words (any 256-bit value). */
    static void fromWords(int[] x, int[] z) {
        z[0] = x[0] & 0x3FFFFFF;
        z[1] = (x[0] >>> 26 | x[1] << 6) & 0x3FFFFFF;
        z[2] = (x[1] >>> 20 | x[2] << 12) & 0x3FFFFFF;
        z[3] = (x[2] >>> 14 | x[3] << 18) & 0x3FFFFFF;
        z[4] = (x[3] >>> 8 | x[4] << 24) & 0x3FFFFFF;
        z[5] = (x[4] >>> 2) & 0x3FFFFFF;
        z[6] = (x[4] >>> 28 | x[5] << 4) & 0x3FFFFFF;
        z[7] = (x[5] >>> 22 | x[6] << 10) & 0x3FFFFFF;
        z[8] = (x[6] >>> 16 | x[7] << 16) & 0x3FFFFFF;
        z[9] = x[7] >>> 10;
    }

    /**
     * The canonical value (below p) of a weakly normalized element as 8 little-endian words: adds
     * 2²⁵⁶ − p and keeps that sum, less 2²⁵⁶, by mask when it reaches 2²⁵⁶ (that is, when a ≥ p).
     */
    static void toWords(int[] a, int[] x) {
        long u0 = a[0] + 977L;
        long u1 = a[1] + 64L + (u0 >>> 26);
        u0 &= M26;
        long u2 = a[2] + (u1 >>> 26);
        u1 &= M26;
        long u3 = a[3] + (u2 >>> 26);
        u2 &= M26;
        long u4 = a[4] + (u3 >>> 26);
        u3 &= M26;
        long u5 = a[5] + (u4 >>> 26);
        u4 &= M26;
        long u6 = a[6] + (u5 >>> 26);
        u5 &= M26;
        long u7 = a[7] + (u6 >>> 26);
        u6 &= M26;
        long u8 = a[8] + (u7 >>> 26);
        u7 &= M26;
        long u9 = a[9] + (u8 >>> 26);
        u8 &= M26;
        int mask = -(int) (u9 >>> 22); // −1 iff a + 2^256 − p ≥ 2^256
        u9 &= M22;
        int l0 = a[0] ^ ((a[0] ^ (int) u0) & mask);
        int l1 = a[1] ^ ((a[1] ^ (int) u1) & mask);
        int l2 = a[2] ^ ((a[2] ^ (int) u2) & mask);
        int l3 = a[3] ^ ((a[3] ^ (int) u3) & mask);
        int l4 = a[4] ^ ((a[4] ^ (int) u4) & mask);
        int l5 = a[5] ^ ((a[5] ^ (int) u5) & mask);
        int l6 = a[6] ^ ((a[6] ^ (int) u6) & mask);
        int l7 = a[7] ^ ((a[7] ^ (int) u7) & mask);
        int l8 = a[8] ^ ((a[8] ^ (int) u8) & mask);
        int l9 = a[9] ^ ((a[9] ^ (int) u9) & mask);
        x[0] = l0 | l1 << 26;
        x[1] = l1 >>> 6 | l2 << 20;
        x[2] = l2 >>> 12 | l3 << 14;
        x[3] = l3 >>> 18 | l4 << 8;
        x[4] = l4 >>> 24 | l5 << 2 | l6 << 28;
        x[5] = l6 >>> 4 | l7 << 22;
        x[6] = l7 >>> 10 | l8 << 16;
        x[7] = l8 >>> 16 | l9 << 10;
    }

    /** z = a·b mod p (weakly normalized); any operand may alias z. */
    static void mul(int[] a, int[] b, int[] z) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9];
        long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4], b5 = b[5], b6 = b[6], b7 = b[7], b8 = b[8], b9 = b[9];
        long c0 = a0 * b0;
        long c1 = a0 * b1 + a1 * b0;
        long c2 = a0 * b2 + a1 * b1 + a2 * b0;
        long c3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
        long c4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
        long c5 = a0 * b5 + a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 + a5 * b0;
        long c6 = a0 * b6 + a1 * b5 + a2 * b4 + a3 * b3 + a4 * b2 + a5 * b1 + a6 * b0;
        long c7 = a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0;
        long c8 = a0 * b8 + a1 * b7 + a2 * b6 + a3 * b5 + a4 * b4 + a5 * b3 + a6 * b2 + a7 * b1 + a8 * b0;
        long c9 = a0 * b9 + a1 * b8 + a2 * b7 + a3 * b6 + a4 * b5 + a5 * b4 + a6 * b3 + a7 * b2 + a8 * b1 + a9 * b0;
        long c10 = a1 * b9 + a2 * b8 + a3 * b7 + a4 * b6 + a5 * b5 + a6 * b4 + a7 * b3 + a8 * b2 + a9 * b1;
        long c11 = a2 * b9 + a3 * b8 + a4 * b7 + a5 * b6 + a6 * b5 + a7 * b4 + a8 * b3 + a9 * b2;
        long c12 = a3 * b9 + a4 * b8 + a5 * b7 + a6 * b6 + a7 * b5 + a8 * b4 + a9 * b3;
        long c13 = a4 * b9 + a5 * b8 + a6 * b7 + a7 * b6 + a8 * b5 + a9 * b4;
        long c14 = a5 * b9 + a6 * b8 + a7 * b7 + a8 * b6 + a9 * b5;
        long c15 = a6 * b9 + a7 * b8 + a8 * b7 + a9 * b6;
        long c16 = a7 * b9 + a8 * b8 + a9 * b7;
        long c17 = a8 * b9 + a9 * b8;
        long c18 = a9 * b9;
        // Carry the 19 columns into 26-bit limbs; c19 collects the top.
        c1 += c0 >>> 26;
        c0 &= M26;
        c2 += c1 >>> 26;
        c1 &= M26;
        c3 += c2 >>> 26;
        c2 &= M26;
        c4 += c3 >>> 26;
        c3 &= M26;
        c5 += c4 >>> 26;
        c4 &= M26;
        c6 += c5 >>> 26;
        c5 &= M26;
        c7 += c6 >>> 26;
        c6 &= M26;
        c8 += c7 >>> 26;
        c7 &= M26;
        c9 += c8 >>> 26;
        c8 &= M26;
        c10 += c9 >>> 26;
        c9 &= M26;
        c11 += c10 >>> 26;
        c10 &= M26;
        c12 += c11 >>> 26;
        c11 &= M26;
        c13 += c12 >>> 26;
        c12 &= M26;
        c14 += c13 >>> 26;
        c13 &= M26;
        c15 += c14 >>> 26;
        c14 &= M26;
        c16 += c15 >>> 26;
        c15 &= M26;
        c17 += c16 >>> 26;
        c16 &= M26;
        c18 += c17 >>> 26;
        c17 &= M26;
        long c19 = c18 >>> 26;
        c18 &= M26;
        // Fold limbs 10 … 19 down with 2^260 ≡ 2^36 + 15632 = (2^10 at the next limb) + 15632.
        long f = c19 << 10; // c19·2^36 lands on limb 10 and is folded once more
        long d0 = c0 + c10 * R260 + f * R260;
        long d1 = c1 + c11 * R260 + (c10 << 10) + (f << 10);
        long d2 = c2 + c12 * R260 + (c11 << 10);
        long d3 = c3 + c13 * R260 + (c12 << 10);
        long d4 = c4 + c14 * R260 + (c13 << 10);
        long d5 = c5 + c15 * R260 + (c14 << 10);
        long d6 = c6 + c16 * R260 + (c15 << 10);
        long d7 = c7 + c17 * R260 + (c16 << 10);
        long d8 = c8 + c18 * R260 + (c17 << 10);
        long d9 = c9 + c19 * R260 + (c18 << 10);
        d1 += d0 >>> 26;
        d0 &= M26;
        d2 += d1 >>> 26;
        d1 &= M26;
        d3 += d2 >>> 26;
        d2 &= M26;
        d4 += d3 >>> 26;
        d3 &= M26;
        d5 += d4 >>> 26;
        d4 &= M26;
        d6 += d5 >>> 26;
        d5 &= M26;
        d7 += d6 >>> 26;
        d6 &= M26;
        d8 += d7 >>> 26;
        d7 &= M26;
        d9 += d8 >>> 26;
        d8 &= M26;
        long t = d9 >>> 22; // multiples of 2^256 ≡ 2^32 + 977
        d9 &= M22;
        d0 += t * 977;
        d1 += t << 6;
        d1 += d0 >>> 26;
        d0 &= M26;
        d2 += d1 >>> 26;
        d1 &= M26;
        d3 += d2 >>> 26;
        d2 &= M26;
        d4 += d3 >>> 26;
        d3 &= M26;
        d5 += d4 >>> 26;
        d4 &= M26;
        d6 += d5 >>> 26;
        d5 &= M26;
        d7 += d6 >>> 26;
        d6 &= M26;
        d8 += d7 >>> 26;
        d7 &= M26;
        d9 += d8 >>> 26;
        d8 &= M26;
        z[0] = (int) d0;
        z[1] = (int) d1;
        z[2] = (int) d2;
        z[3] = (int) d3;
        z[4] = (int) d4;
        z[5] = (int) d5;
        z[6] = (int) d6;
        z[7] = (int) d7;
        z[8] = (int) d8;
        z[9] = (int) d9;
    }

    /** z = a² mod p (weakly normalized); a may alias z. */
    static void sqr(int[] a, int[] z) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9];
        long e0 = a0 << 1, e1 = a1 << 1, e2 = a2 << 1, e3 = a3 << 1, e4 = a4 << 1, e5 = a5 << 1, e6 = a6 << 1, e7 = a7 << 1, e8 = a8 << 1;
        long c0 = a0 * a0;
        long c1 = e0 * a1;
        long c2 = e0 * a2 + a1 * a1;
        long c3 = e0 * a3 + e1 * a2;
        long c4 = e0 * a4 + e1 * a3 + a2 * a2;
        long c5 = e0 * a5 + e1 * a4 + e2 * a3;
        long c6 = e0 * a6 + e1 * a5 + e2 * a4 + a3 * a3;
        long c7 = e0 * a7 + e1 * a6 + e2 * a5 + e3 * a4;
        long c8 = e0 * a8 + e1 * a7 + e2 * a6 + e3 * a5 + a4 * a4;
        long c9 = e0 * a9 + e1 * a8 + e2 * a7 + e3 * a6 + e4 * a5;
        long c10 = e1 * a9 + e2 * a8 + e3 * a7 + e4 * a6 + a5 * a5;
        long c11 = e2 * a9 + e3 * a8 + e4 * a7 + e5 * a6;
        long c12 = e3 * a9 + e4 * a8 + e5 * a7 + a6 * a6;
        long c13 = e4 * a9 + e5 * a8 + e6 * a7;
        long c14 = e5 * a9 + e6 * a8 + a7 * a7;
        long c15 = e6 * a9 + e7 * a8;
        long c16 = e7 * a9 + a8 * a8;
        long c17 = e8 * a9;
        long c18 = a9 * a9;
        // Carry the 19 columns into 26-bit limbs; c19 collects the top.
        c1 += c0 >>> 26;
        c0 &= M26;
        c2 += c1 >>> 26;
        c1 &= M26;
        c3 += c2 >>> 26;
        c2 &= M26;
        c4 += c3 >>> 26;
        c3 &= M26;
        c5 += c4 >>> 26;
        c4 &= M26;
        c6 += c5 >>> 26;
        c5 &= M26;
        c7 += c6 >>> 26;
        c6 &= M26;
        c8 += c7 >>> 26;
        c7 &= M26;
        c9 += c8 >>> 26;
        c8 &= M26;
        c10 += c9 >>> 26;
        c9 &= M26;
        c11 += c10 >>> 26;
        c10 &= M26;
        c12 += c11 >>> 26;
        c11 &= M26;
        c13 += c12 >>> 26;
        c12 &= M26;
        c14 += c13 >>> 26;
        c13 &= M26;
        c15 += c14 >>> 26;
        c14 &= M26;
        c16 += c15 >>> 26;
        c15 &= M26;
        c17 += c16 >>> 26;
        c16 &= M26;
        c18 += c17 >>> 26;
        c17 &= M26;
        long c19 = c18 >>> 26;
        c18 &= M26;
        // Fold limbs 10 … 19 down with 2^260 ≡ 2^36 + 15632 = (2^10 at the next limb) + 15632.
        long f = c19 << 10; // c19·2^36 lands on limb 10 and is folded once more
        long d0 = c0 + c10 * R260 + f * R260;
        long d1 = c1 + c11 * R260 + (c10 << 10) + (f << 10);
        long d2 = c2 + c12 * R260 + (c11 << 10);
        long d3 = c3 + c13 * R260 + (c12 << 10);
        long d4 = c4 + c14 * R260 + (c13 << 10);
        long d5 = c5 + c15 * R260 + (c14 << 10);
        long d6 = c6 + c16 * R260 + (c15 << 10);
        long d7 = c7 + c17 * R260 + (c16 << 10);
        long d8 = c8 + c18 * R260 + (c17 << 10);
        long d9 = c9 + c19 * R260 + (c18 << 10);
        d1 += d0 >>> 26;
        d0 &= M26;
        d2 += d1 >>> 26;
        d1 &= M26;
        d3 += d2 >>> 26;
        d2 &= M26;
        d4 += d3 >>> 26;
        d3 &= M26;
        d5 += d4 >>> 26;
        d4 &= M26;
        d6 += d5 >>> 26;
        d5 &= M26;
        d7 += d6 >>> 26;
        d6 &= M26;
        d8 += d7 >>> 26;
        d7 &= M26;
        d9 += d8 >>> 26;
        d8 &= M26;
        long t = d9 >>> 22; // multiples of 2^256 ≡ 2^32 + 977
        d9 &= M22;
        d0 += t * 977;
        d1 += t << 6;
        d1 += d0 >>> 26;
        d0 &= M26;
        d2 += d1 >>> 26;
        d1 &= M26;
        d3 += d2 >>> 26;
        d2 &= M26;
        d4 += d3 >>> 26;
        d3 &= M26;
        d5 += d4 >>> 26;
        d4 &= M26;
        d6 += d5 >>> 26;
        d5 &= M26;
        d7 += d6 >>> 26;
        d6 &= M26;
        d8 += d7 >>> 26;
        d7 &= M26;
        d9 += d8 >>> 26;
        d8 &= M26;
        z[0] = (int) d0;
        z[1] = (int) d1;
        z[2] = (int) d2;
        z[3] = (int) d3;
        z[4] = (int) d4;
        z[5] = (int) d5;
        z[6] = (int) d6;
        z[7] = (int) d7;
        z[8] = (int) d8;
        z[9] = (int) d9;
    }

    /** z = a + b mod p (weakly normalized). */
    static void add(int[] a, int[] b, int[] z) {
        long s0 = (long) a[0] + b[0];
        long s1 = (long) a[1] + b[1];
        long s2 = (long) a[2] + b[2];
        long s3 = (long) a[3] + b[3];
        long s4 = (long) a[4] + b[4];
        long s5 = (long) a[5] + b[5];
        long s6 = (long) a[6] + b[6];
        long s7 = (long) a[7] + b[7];
        long s8 = (long) a[8] + b[8];
        long s9 = (long) a[9] + b[9];
        s1 += s0 >>> 26;
        s0 &= M26;
        s2 += s1 >>> 26;
        s1 &= M26;
        s3 += s2 >>> 26;
        s2 &= M26;
        s4 += s3 >>> 26;
        s3 &= M26;
        s5 += s4 >>> 26;
        s4 &= M26;
        s6 += s5 >>> 26;
        s5 &= M26;
        s7 += s6 >>> 26;
        s6 &= M26;
        s8 += s7 >>> 26;
        s7 &= M26;
        s9 += s8 >>> 26;
        s8 &= M26;
        long t = s9 >>> 22; // multiples of 2^256 ≡ 2^32 + 977
        s9 &= M22;
        s0 += t * 977;
        s1 += t << 6;
        s1 += s0 >>> 26;
        s0 &= M26;
        s2 += s1 >>> 26;
        s1 &= M26;
        s3 += s2 >>> 26;
        s2 &= M26;
        s4 += s3 >>> 26;
        s3 &= M26;
        s5 += s4 >>> 26;
        s4 &= M26;
        s6 += s5 >>> 26;
        s5 &= M26;
        s7 += s6 >>> 26;
        s6 &= M26;
        s8 += s7 >>> 26;
        s7 &= M26;
        s9 += s8 >>> 26;
        s8 &= M26;
        z[0] = (int) s0;
        z[1] = (int) s1;
        z[2] = (int) s2;
        z[3] = (int) s3;
        z[4] = (int) s4;
        z[5] = (int) s5;
        z[6] = (int) s6;
        z[7] = (int) s7;
        z[8] = (int) s8;
        z[9] = (int) s9;
    }

    /** z = a − b mod p (weakly normalized), computed as a + 2p − b limb by limb so no limb goes negative. */
    static void sub(int[] a, int[] b, int[] z) {
        long s0 = (long) a[0] + TWO_P[0] - b[0];
        long s1 = (long) a[1] + TWO_P[1] - b[1];
        long s2 = (long) a[2] + TWO_P[2] - b[2];
        long s3 = (long) a[3] + TWO_P[3] - b[3];
        long s4 = (long) a[4] + TWO_P[4] - b[4];
        long s5 = (long) a[5] + TWO_P[5] - b[5];
        long s6 = (long) a[6] + TWO_P[6] - b[6];
        long s7 = (long) a[7] + TWO_P[7] - b[7];
        long s8 = (long) a[8] + TWO_P[8] - b[8];
        long s9 = (long) a[9] + TWO_P[9] - b[9];
        s1 += s0 >>> 26;
        s0 &= M26;
        s2 += s1 >>> 26;
        s1 &= M26;
        s3 += s2 >>> 26;
        s2 &= M26;
        s4 += s3 >>> 26;
        s3 &= M26;
        s5 += s4 >>> 26;
        s4 &= M26;
        s6 += s5 >>> 26;
        s5 &= M26;
        s7 += s6 >>> 26;
        s6 &= M26;
        s8 += s7 >>> 26;
        s7 &= M26;
        s9 += s8 >>> 26;
        s8 &= M26;
        long t = s9 >>> 22; // multiples of 2^256 ≡ 2^32 + 977
        s9 &= M22;
        s0 += t * 977;
        s1 += t << 6;
        s1 += s0 >>> 26;
        s0 &= M26;
        s2 += s1 >>> 26;
        s1 &= M26;
        s3 += s2 >>> 26;
        s2 &= M26;
        s4 += s3 >>> 26;
        s3 &= M26;
        s5 += s4 >>> 26;
        s4 &= M26;
        s6 += s5 >>> 26;
        s5 &= M26;
        s7 += s6 >>> 26;
        s6 &= M26;
        s8 += s7 >>> 26;
        s7 &= M26;
        s9 += s8 >>> 26;
        s8 &= M26;
        z[0] = (int) s0;
        z[1] = (int) s1;
        z[2] = (int) s2;
        z[3] = (int) s3;
        z[4] = (int) s4;
        z[5] = (int) s5;
        z[6] = (int) s6;
        z[7] = (int) s7;
        z[8] = (int) s8;
        z[9] = (int) s9;
    }

    /** One call's working storage (field elements of ten limbs). Not thread-safe. */
    private static final class Scratch {
        final int[] ax = new int[10];
        final int[] ay = new int[10];
        final int[] az = new int[10];
        final int[] ex = new int[10];
        final int[] ey = new int[10];
        final int[] t1 = new int[10];
        final int[] t2 = new int[10];
        final int[] t3 = new int[10];
        final int[] t4 = new int[10];
        final int[] t5 = new int[10];
        final int[] t6 = new int[10];
        final int[] t7 = new int[10];
        final int[] t8 = new int[10];
        final int[] t9 = new int[10];
        final int[] cx = new int[10];
        final int[] cy = new int[10];
        final int[] cz = new int[10];
        /** Always zero (the minuend of negations). */
        final int[] zero = new int[10];

        /** Clears every array, so no secret-derived limbs linger until garbage collection. */
        void wipe() {
            for (int[] a : new int[][] {ax, ay, az, ex, ey, t1, t2, t3, t4, t5, t6, t7, t8, t9, cx, cy, cz}) {
                java.util.Arrays.fill(a, 0);
            }
        }
    }
}

package network.mostro.nostr.internal;

import java.math.BigInteger;
import java.util.Arrays;
import network.mostro.nostr.CryptoException;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat256;

/**
 * Constant-time variable-base scalar multiplication on secp256k1 for ECDH: the x-coordinate of d·P for a
 * <em>secret</em> scalar d and an arbitrary (possibly attacker-chosen) public point P, with no branch, array
 * index or loop bound that depends on d, and no heap allocation in the arithmetic.
 *
 * <h2>Representation</h2>
 * Field elements are {@code int[8]} little-endian limbs, always fully reduced below p, as in {@link EcMult}. Only
 * Bouncy Castle's straight-line 256×256-bit products ({@link Nat256#mul}, {@link Nat256#square}) are reused:
 * {@code SecP256K1Field}'s add, subtract and reduce branch on carries, so this class has its own masked versions.
 * Points are Jacobian (X/Z², Y/Z³) with Z = 0 for the point at infinity.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li><b>Scalar offset.</b> With k = d mod n, compute s = (k − 1 − λ)/2 mod n (masked modular subtraction and
 *       halving).</li>
 *   <li><b>GLV split.</b> s = s₁ + s₂·λ (mod n) with the integer rounding formula c_i = ⌊s·g_i/2²⁷²⌉,
 *       s₁ = s − c₁a₁ − c₂a₂, s₂ = −c₁b₁ − c₂b₂ over the reduced lattice basis (a₁, b₁), (a₂, b₂) of
 *       {(x, y) : x + yλ ≡ 0 (mod n)} — the same parameters as Bouncy Castle's secp256k1 endomorphism, but
 *       computed with fixed-length 256-bit two's-complement arithmetic instead of {@code BigInteger}. Each
 *       |c_i − exact| ≤ ½ + 2⁻¹⁶, so |s₁| ≤ 0.51·(|a₁| + |a₂|) &lt; 2¹²⁸ and |s₂| ≤ 0.51·(|b₁| + |b₂|) &lt; 2¹²⁸.</li>
 *   <li><b>Signed odd-digit recoding.</b> v_i = s_i + 2¹²⁹ lies in [0, 2¹³⁰) (checked, without a secret branch).
 *       Any v in [0, 2^L) satisfies Σ_{j&lt;L} (2·bit_j(v) − 1)·2^j = 2v − (2^L − 1), so grouping L = 130 bits into
 *       26 windows of w = 5 bits gives digits 2·chunk − 31: every digit odd, non-zero and in [−31, 31], and
 *       Σ digits·32^j = 2s_i + 1. Hence (2s₁ + 1) + (2s₂ + 1)·λ ≡ 2s + 1 + λ ≡ k: the scalar is covered by exactly
 *       26 digits per half with no zero digits and no final correction.</li>
 *   <li><b>Table.</b> Odd multiples P, 3P, …, 31P, built per call with one doubling and 15 mixed additions on
 *       the isomorphic curve y² = x³ + 7·Z_D⁶ where D = 2P is affine (so no inversion is needed), then brought to
 *       one common Z by the recorded Z ratios. Entries are thus affine points of one isomorphic curve
 *       y² = x³ + b' (the a = 0 formulas below never use b), and the λ-table is (β·x, y).</li>
 *   <li><b>Main loop.</b> For each window from the top: 5 doublings (none for the top window), then add the
 *       table entry for the P-digit and the λP-digit. The entry is selected by scanning all 16 entries with
 *       int masks and the sign applied by a masked conditional negation of y.</li>
 *   <li><b>Output.</b> One constant-time inversion (Fermat, fixed addition chain) of Z·Z_table, then x.</li>
 * </ol>
 *
 * <h2>Why the incomplete additions never hit an exceptional case</h2>
 * The incomplete mixed addition fails only for acc = ±Q or acc = ∞. P has prime order n and λ acts on it as
 * (x, y) ↦ (βx, y), so before any addition acc = (X + Yλ)·P + (the added term) for integers formed by the
 * digits processed so far, and an exceptional case means a non-zero vector (X ∓ e, Y) or (X, Y ∓ e), |e| ≤ 31,
 * in the lattice above. The basis is Gauss-reduced with ‖(a₁, b₁)‖² ≥ 2²⁵⁵, so every non-zero lattice vector has
 * a coordinate of absolute value ≥ 2¹²⁷. After the windows ≥ j of both halves, the partial sums A_j, B_j are odd
 * (their lowest digit is odd) with |A_j|, |B_j| ≤ 2^(130−5j) − 1. For the additions of window j ≥ 1 both
 * coordinates of the vector are below 2^(130−5j) ≤ 2¹²⁵ &lt; 2¹²⁷, so it would have to be zero, which forces an
 * odd partial sum to vanish: impossible. Only the two additions of the last window (j = 0) can have larger
 * coordinates, so they use a complete, branch-free mixed addition (Brier–Joye unified slope
 * (x₁² + x₁x₂ + x₂²)/(y₁ + y₂), masked fallback to the chord slope when both numerator and denominator vanish,
 * masked substitution when acc = ∞). Doubling (Jacobian, a = 0) is exact for every point of odd order, including
 * ∞ (Z stays 0). The table additions (2i − 1)P + 2P are never exceptional since 2i − 1 ≢ ±2 (mod n).
 * Hence the result equals d·P for every d, and d·P = ∞ (d ≡ 0) is reported as {@link CryptoException} exactly as
 * before.
 *
 * <p>Timing caveat: the JVM gives no formal constant-time guarantee; the code avoids secret-dependent branches,
 * indices and loop bounds, which is the practical standard. The {@code BigInteger}/{@code ECPoint} entry point
 * converts its arguments with {@code BigInteger} calls whose cost depends only on the value's length.
 *
 * <p>Stateless and thread-safe: each thread uses its own scratch space, wiped of secret-derived values after
 * each call.
 */
public final class EcDh {
    private static final long M = 0xFFFFFFFFL;
    /** Window width in bits. */
    static final int W = 5;
    /** Table entries per base point: odd multiples 1·P … 31·P. */
    static final int TABLE = 1 << (W - 1);
    /** Number of windows per GLV half. */
    static final int WINDOWS = 26;
    /** Recoded bits per GLV half (W·WINDOWS); the offset added to each half is 2^(L−1). */
    static final int L = W * WINDOWS;

    static final int[] FP = Nat256.fromBigInteger(Secp256k1.P);
    static final int[] FN = Nat256.fromBigInteger(Secp256k1.N);
    private static final int[] BETA = EcMult.BETA_FE;
    private static final int[] SEVEN = Nat256.fromBigInteger(BigInteger.valueOf(7));
    /** (1 + λ) mod n. */
    private static final int[] ONE_PLUS_LAMBDA =
            Nat256.fromBigInteger(BigInteger.ONE.add(EcMult.LAMBDA).mod(Secp256k1.N));

    // GLV split parameters (identical to Bouncy Castle's secp256k1 GLVTypeBParameters; checked by the tests).
    static final BigInteger A1 = new BigInteger("3086d221a7d46bcde86c90e49284eb15", 16);
    static final BigInteger B1 = new BigInteger("-e4437ed6010e88286f547fa90abfe4c3", 16);
    static final BigInteger A2 = new BigInteger("114ca50f7a8e2f3f657c1108d9d44cfd8", 16);
    static final BigInteger B2 = A1;
    static final BigInteger G1 = new BigInteger("3086d221a7d46bcde86c90e49284eb153dab", 16);
    static final BigInteger G2 = new BigInteger("e4437ed6010e88286f547fa90abfe4c42212", 16);
    /** G1 and G2 are scaled by 2^SPLIT_SHIFT. */
    static final int SPLIT_SHIFT = 272;
    private static final int[] A1_FE = Nat256.fromBigInteger(A1);
    private static final int[] A2_FE = Nat256.fromBigInteger(A2);
    private static final int[] MINUS_B1_FE = Nat256.fromBigInteger(B1.negate());
    private static final int[] G1_FE = Nat256.fromBigInteger(G1);
    private static final int[] G2_FE = Nat256.fromBigInteger(G2);

    private static final ThreadLocal<Ctx> CTX = ThreadLocal.withInitial(Ctx::new);

    private EcDh() {}

    // ============================================================================================ public API

    /**
     * The 32-byte big-endian x-coordinate of d·P, computed in constant time with respect to {@code d}.
     *
     * @param d the secret scalar; any value is reduced mod n (as {@code ECPoint.multiply} does)
     * @param normalizedPub a point of the secp256k1 curve ({@link Secp256k1#CURVE}), preferably normalized
     * @return a fresh 32-byte array
     * @throws CryptoException if d·P is the point at infinity (d ≡ 0 mod n), or P is null, infinity, not on
     *     secp256k1, or from another curve
     */
    public static byte[] ecdhX(BigInteger d, ECPoint normalizedPub) {
        if (d == null || normalizedPub == null) {
            throw new CryptoException("ECDH needs a scalar and a public key");
        }
        if (normalizedPub.isInfinity()) {
            throw new CryptoException("ECDH produced the point at infinity");
        }
        if (normalizedPub.getCurve() != Secp256k1.CURVE && !Secp256k1.CURVE.equals(normalizedPub.getCurve())) {
            throw new CryptoException("public key is not a secp256k1 point");
        }
        ECPoint p = normalizedPub.isNormalized() ? normalizedPub : normalizedPub.normalize();
        Ctx c = CTX.get();
        try {
            scalarFromBigInteger(d, c.k);
            fromBigInteger(p.getAffineXCoord().toBigInteger(), c.px);
            fromBigInteger(p.getAffineYCoord().toBigInteger(), c.py);
            byte[] out = new byte[32];
            mulX(c.k, c.px, c.py, out, c);
            return out;
        } finally {
            c.wipe();
        }
    }

    /**
     * Allocation-free form: writes the big-endian x of k·(px, py) to {@code out[0..32)}.
     *
     * @param k the secret scalar as little-endian limbs, any value below 2²⁵⁶ (reduced mod n here)
     * @param px affine x, fully reduced below p
     * @param py affine y, fully reduced below p
     * @param out receives the 32-byte x in {@code out[0..32)}
     * @throws CryptoException if an array has the wrong length, (px, py) is not on the curve or k·P is the point
     *     at infinity
     */
    public static void ecdhX(int[] k, int[] px, int[] py, byte[] out) {
        if (k == null || px == null || py == null || out == null || k.length != 8 || px.length != 8
                || py.length != 8 || out.length < 32) {
            throw new CryptoException("ECDH needs 8-limb scalar and coordinates and a 32-byte output");
        }
        Ctx c = CTX.get();
        try {
            System.arraycopy(k, 0, c.k, 0, 8);
            mulX(c.k, px, py, out, c);
        } finally {
            c.wipe();
        }
    }

    // ============================================================================================ core

    /** out = x(k·P), big-endian. {@code k} is overwritten (reduced mod n). */
    static void mulX(int[] k, int[] px, int[] py, byte[] out, Ctx c) {
        if (Nat256.gte(px, FP) || Nat256.gte(py, FP) || !onCurve(px, py, c)) {
            throw new CryptoException("public key is not on secp256k1");
        }
        condSubN(k);
        split(k, c.v1, c.v2, c);
        buildTable(px, py, c);

        int[] ax = c.ax;
        int[] ay = c.ay;
        int[] az = c.az;
        int top = WINDOWS - 1;
        lookup(c.tabX, c.tabY, digit(c.v1, top), ax, ay, c);
        Nat256.zero(az);
        az[0] = 1;
        lookup(c.tabLX, c.tabY, digit(c.v2, top), c.qx, c.qy, c);
        madd(ax, ay, az, c.qx, c.qy, null, c);
        for (int j = top - 1; j >= 0; j--) {
            for (int i = 0; i < W; i++) {
                dbl(ax, ay, az, c);
            }
            lookup(c.tabX, c.tabY, digit(c.v1, j), c.qx, c.qy, c);
            addStep(j, c);
            lookup(c.tabLX, c.tabY, digit(c.v2, j), c.qx, c.qy, c);
            addStep(j, c);
        }

        // Back to the original curve: Z_E = Z · Z_table.
        mul(az, c.zt, c.t0, c.tt);
        if (Nat256.isZero(c.t0)) { // only for k ≡ 0 (mod n): the result is public then
            throw new CryptoException("ECDH produced the point at infinity");
        }
        inv(c.t0, c.t1, c);
        sqr(c.t1, c.t2, c.tt);
        mul(ax, c.t2, c.t3, c.tt);
        EcMult.feToBytes(c.t3, out, 0);
    }

    /** Adds (qx, qy) to the accumulator; the window index is public and selects the formula. */
    private static void addStep(int j, Ctx c) {
        if (L - W * j <= 127) {
            madd(c.ax, c.ay, c.az, c.qx, c.qy, null, c);
        } else {
            addComplete(c.ax, c.ay, c.az, c.qx, c.qy, c);
        }
    }

    static boolean onCurve(int[] x, int[] y, Ctx c) {
        sqr(y, c.t0, c.tt);
        sqr(x, c.t1, c.tt);
        mul(c.t1, x, c.t1, c.tt);
        add(c.t1, SEVEN, c.t1);
        return Nat256.eq(c.t0, c.t1);
    }

    // ============================================================================================ scalars

    /** Little-endian limbs of d mod n; {@code d} in [0, 2²⁵⁶) is read as is (reduced later in constant time). */
    static void scalarFromBigInteger(BigInteger d, int[] k) {
        if (d.signum() < 0 || d.bitLength() > 256) {
            d = d.mod(Secp256k1.N); // not a valid private key anyway
        }
        byte[] be = d.toByteArray(); // 32 or 33 bytes for 256-bit values, fewer for small ones
        Arrays.fill(k, 0);
        for (int i = 0; i < be.length; i++) {
            int bit = 8 * (be.length - 1 - i);
            if (bit < 256) {
                k[bit >>> 5] |= (be[i] & 0xff) << (bit & 31);
            }
        }
        Arrays.fill(be, (byte) 0);
    }

    static void fromBigInteger(BigInteger v, int[] z) {
        byte[] be = v.toByteArray();
        Arrays.fill(z, 0);
        for (int i = 0; i < be.length; i++) {
            int bit = 8 * (be.length - 1 - i);
            if (bit < 256) {
                z[bit >>> 5] |= (be[i] & 0xff) << (bit & 31);
            }
        }
    }

    /** k = k − n if k ≥ n (k &lt; 2²⁵⁶ &lt; 2n), masked. */
    static void condSubN(int[] k) {
        long b = 0;
        for (int i = 0; i < 8; i++) {
            b += (k[i] & M) - (FN[i] & M);
            b >>= 32;
        }
        int mask = (int) b + 1; // 1 if k ≥ n
        mask = -mask;
        b = 0;
        for (int i = 0; i < 8; i++) {
            b += (k[i] & M) - (FN[i] & mask & M);
            k[i] = (int) b;
            b >>= 32;
        }
    }

    /**
     * v1, v2 in [0, 2¹³⁰) with (2v1 − (2¹³⁰ − 1)) + (2v2 − (2¹³⁰ − 1))·λ ≡ k (mod n), for k &lt; n. Overwrites
     * {@code k} with s = (k − 1 − λ)/2 mod n.
     */
    static void split(int[] k, int[] v1, int[] v2, Ctx c) {
        int[] s = k;
        // s = k − (1 + λ) mod n
        long b = 0;
        for (int i = 0; i < 8; i++) {
            b += (s[i] & M) - (ONE_PLUS_LAMBDA[i] & M);
            s[i] = (int) b;
            b >>= 32;
        }
        int mask = (int) b;
        long cy = 0;
        for (int i = 0; i < 8; i++) {
            cy += (s[i] & M) + (FN[i] & mask & M);
            s[i] = (int) cy;
            cy >>>= 32;
        }
        // s = s / 2 mod n: add n when odd (257-bit), shift right.
        mask = -(s[0] & 1);
        cy = 0;
        for (int i = 0; i < 8; i++) {
            cy += (s[i] & M) + (FN[i] & mask & M);
            s[i] = (int) cy;
            cy >>>= 32;
        }
        for (int i = 0; i < 7; i++) {
            s[i] = (s[i] >>> 1) | (s[i + 1] << 31);
        }
        s[7] = (s[7] >>> 1) | ((int) cy << 31);

        splitS(s, v1, v2, c);
    }

    /** The GLV halves of s &lt; n plus 2¹²⁹, as 256-bit limbs (see the class comment). */
    static void splitS(int[] s, int[] v1, int[] v2, Ctx c) {
        int[] c1 = c.c1;
        int[] c2 = c.c2;
        roundedProduct(s, G1_FE, c1, c.tt);
        roundedProduct(s, G2_FE, c2, c.tt);
        // v1 = s − c1·a1 − c2·a2 (mod 2²⁵⁶)
        mulLow(c1, A1_FE, c.t0, c.tt);
        mulLow(c2, A2_FE, c.t1, c.tt);
        sub256(s, c.t0, v1);
        sub256(v1, c.t1, v1);
        // v2 = c1·(−b1) − c2·b2 (mod 2²⁵⁶)
        mulLow(c1, MINUS_B1_FE, c.t0, c.tt);
        mulLow(c2, A1_FE, c.t1, c.tt);
        sub256(c.t0, c.t1, v2);
        addOffset(v1);
        addOffset(v2);
        int bad = (v1[4] >>> 2) | v1[5] | v1[6] | v1[7] | (v2[4] >>> 2) | v2[5] | v2[6] | v2[7];
        if (bad != 0) { // never true (see the bound in the class comment); fails closed rather than miscompute
            throw new IllegalStateException("GLV half out of range");
        }
    }

    /** z = round(s·g / 2²⁷²), for g &lt; 2¹⁴⁴ (so z &lt; 2¹²⁸). */
    private static void roundedProduct(int[] s, int[] g, int[] z, int[] tt) {
        Nat256.mul(s, g, tt);
        // bit 272 is bit 16 of limb 8; the rounding bit is bit 271 (bit 15 of limb 8).
        long cy = (tt[8] >>> 15) & 1;
        for (int i = 0; i < 8; i++) {
            int lo = tt[8 + i] >>> 16;
            int hi = i < 7 ? tt[9 + i] << 16 : 0;
            cy += (lo | hi) & M;
            z[i] = (int) cy;
            cy >>>= 32;
        }
    }

    private static void mulLow(int[] x, int[] y, int[] z, int[] tt) {
        Nat256.mul(x, y, tt);
        System.arraycopy(tt, 0, z, 0, 8);
    }

    private static void sub256(int[] x, int[] y, int[] z) {
        long b = 0;
        for (int i = 0; i < 8; i++) {
            b += (x[i] & M) - (y[i] & M);
            z[i] = (int) b;
            b >>= 32;
        }
    }

    /** v += 2^(L−1) = 2¹²⁹ (mod 2²⁵⁶). */
    private static void addOffset(int[] v) {
        long cy = 1L << ((L - 1) & 31);
        for (int i = (L - 1) >>> 5; i < 8; i++) {
            cy += v[i] & M;
            v[i] = (int) cy;
            cy >>>= 32;
        }
    }

    /** The odd digit 2·(bits [W·j, W·j + W) of v) − (2^W − 1). */
    static int digit(int[] v, int j) {
        int off = W * j;
        int limb = off >>> 5;
        long word = (v[limb] & M) | ((v[limb + 1] & M) << 32);
        int chunk = (int) (word >>> (off & 31)) & ((1 << W) - 1);
        return 2 * chunk - ((1 << W) - 1);
    }

    // ============================================================================================ table

    /** Fills tabX/tabY/tabLX with odd multiples of P on a common isomorphic curve, and zt with its Z. */
    static void buildTable(int[] px, int[] py, Ctx c) {
        int[] tt = c.tt;
        int[] dx = c.dx;
        int[] dy = c.dy;
        int[] dz = c.dz;
        // D = 2P (Jacobian on E).
        System.arraycopy(px, 0, dx, 0, 8);
        System.arraycopy(py, 0, dy, 0, 8);
        Nat256.zero(dz);
        dz[0] = 1;
        dbl(dx, dy, dz, c);
        // On E' (scale u = dz) D is affine (dx, dy) and P is (px·dz², py·dz³).
        int[] wx = c.ax;
        int[] wy = c.ay;
        int[] wz = c.az;
        sqr(dz, c.t4, tt);
        mul(px, c.t4, wx, tt);
        mul(c.t4, dz, c.t4, tt);
        mul(py, c.t4, wy, tt);
        Nat256.zero(wz);
        wz[0] = 1;
        System.arraycopy(wx, 0, c.tabX, 0, 8);
        System.arraycopy(wy, 0, c.tabY, 0, 8);
        for (int i = 1; i < TABLE; i++) {
            madd(wx, wy, wz, dx, dy, c.t5, c);
            System.arraycopy(wx, 0, c.tabX, 8 * i, 8);
            System.arraycopy(wy, 0, c.tabY, 8 * i, 8);
            System.arraycopy(c.t5, 0, c.zr, 8 * i, 8); // Z_i = Z_{i−1} · zr_i
        }
        // Common Z = Z_15: entry i is scaled by q = Z_15 / Z_i = zr_{i+1} ⋯ zr_15.
        int[] q = c.t5;
        int[] q2 = c.t6;
        int[] x = c.t7;
        int[] y = c.t8;
        System.arraycopy(c.zr, 8 * (TABLE - 1), q, 0, 8);
        for (int i = TABLE - 2; i >= 0; i--) {
            System.arraycopy(c.tabX, 8 * i, x, 0, 8);
            System.arraycopy(c.tabY, 8 * i, y, 0, 8);
            sqr(q, q2, tt);
            mul(x, q2, x, tt);
            mul(q2, q, q2, tt);
            mul(y, q2, y, tt);
            System.arraycopy(x, 0, c.tabX, 8 * i, 8);
            System.arraycopy(y, 0, c.tabY, 8 * i, 8);
            if (i > 0) {
                System.arraycopy(c.zr, 8 * i, x, 0, 8);
                mul(q, x, q, tt);
            }
        }
        // Total scale factor from E: dz · Z_15.
        mul(dz, wz, c.zt, tt);
        // λ-table: (β·x, y).
        for (int i = 0; i < TABLE; i++) {
            System.arraycopy(c.tabX, 8 * i, x, 0, 8);
            mul(x, BETA, x, tt);
            System.arraycopy(x, 0, c.tabLX, 8 * i, 8);
        }
    }

    /** (qx, qy) = sign(d)·table[(|d| − 1)/2] for an odd digit, by a full masked scan. */
    static void lookup(int[] tabX, int[] tabY, int d, int[] qx, int[] qy, Ctx c) {
        int sign = d >> 31;
        int abs = (d ^ sign) - sign;
        int idx = abs >>> 1;
        Nat256.zero(qx);
        Nat256.zero(qy);
        for (int i = 0; i < TABLE; i++) {
            int t = i ^ idx;
            int m = ((t - 1) & ~t) >> 31; // −1 iff t == 0
            int o = 8 * i;
            for (int l = 0; l < 8; l++) {
                qx[l] |= tabX[o + l] & m;
                qy[l] |= tabY[o + l] & m;
            }
        }
        // y ≠ 0 for every point of odd order, so p − y is reduced.
        long b = 0;
        int[] neg = c.neg;
        for (int l = 0; l < 8; l++) {
            b += (FP[l] & M) - (qy[l] & M);
            neg[l] = (int) b;
            b >>= 32;
        }
        cmov(qy, neg, sign);
    }

    // ============================================================================================ points

    /**
     * (X, Y, Z) = 2·(X, Y, Z) for a = 0 (3M + 4S), exact for every input, ∞ (Z = 0) included. With
     * L = 3X²/2 and T = X·Y²: X₃ = L² − 2T, Y₃ = L·(T − X₃) − Y⁴, Z₃ = Y·Z (the usual formulas scaled by ½).
     */
    static void dbl(int[] x, int[] y, int[] z, Ctx c) {
        int[] tt = c.tt;
        int[] s = c.t0;
        int[] l = c.t1;
        int[] t = c.t2;
        int[] u = c.t3;
        mul(y, z, z, tt);
        sqr(y, s, tt);
        sqr(x, l, tt);
        half(l, u);
        add(l, u, l);
        mul(s, x, t, tt);
        sqr(l, x, tt);
        sub(x, t, x);
        sub(x, t, x);
        sub(t, x, u);
        mul(l, u, u, tt);
        sqr(s, s, tt);
        sub(u, s, y);
    }

    /**
     * (X, Y, Z) += (x2, y2) affine, incomplete (8M + 3S): the caller guarantees (X, Y, Z) ≠ ±(x2, y2), ∞. If
     * {@code ratio} is not null it receives H with Z₃ = Z₁·H.
     */
    static void madd(int[] x1, int[] y1, int[] z1, int[] x2, int[] y2, int[] ratio, Ctx c) {
        int[] tt = c.tt;
        int[] zz = c.t0;
        int[] u2 = c.t1;
        int[] s2 = c.t2;
        int[] h = c.t3;
        int[] r = c.t4;
        sqr(z1, zz, tt);
        mul(x2, zz, u2, tt);
        mul(zz, z1, s2, tt);
        mul(y2, s2, s2, tt);
        sub(u2, x1, h);
        sub(s2, y1, r);
        mul(z1, h, z1, tt);
        if (ratio != null) {
            System.arraycopy(h, 0, ratio, 0, 8);
        }
        int[] hh = zz;
        sqr(h, hh, tt);
        int[] hhh = u2;
        mul(hh, h, hhh, tt);
        int[] v = h;
        mul(x1, hh, v, tt);
        // X3 = r² − HHH − 2V
        sqr(r, x1, tt);
        sub(x1, hhh, x1);
        sub(x1, v, x1);
        sub(x1, v, x1);
        // Y3 = r(V − X3) − Y1·HHH
        mul(y1, hhh, s2, tt);
        sub(v, x1, v);
        mul(r, v, v, tt);
        sub(v, s2, y1);
    }

    /**
     * (X, Y, Z) += (x2, y2) affine for every input, without a branch: (X, Y, Z) may be ∞ (Z = 0), equal to
     * ±(x2, y2) or anything else. Brier–Joye unified slope with a masked chord fallback (10M + 4S).
     */
    static void addComplete(int[] x1, int[] y1, int[] z1, int[] x2, int[] y2, Ctx c) {
        int[] tt = c.tt;
        int[] zz = c.t0;
        int[] u2 = c.t1;
        int[] s2 = c.t2;
        int[] t = c.t3;
        int[] m = c.t4;
        int[] r = c.t5;
        int[] alt = c.t6;
        int[] d2 = c.t7;
        int[] w = c.t8;
        int inf = isZeroMask(z1);
        sqr(z1, zz, tt);
        mul(x2, zz, u2, tt); // U2 (U1 = X1)
        mul(zz, z1, s2, tt);
        mul(y2, s2, s2, tt); // S2 (S1 = Y1)
        add(x1, u2, t); // T = U1 + U2
        add(y1, s2, m); // M = S1 + S2
        // R = T² − U1·U2 = U1² + U1·U2 + U2²
        sqr(t, r, tt);
        mul(x1, u2, w, tt);
        sub(r, w, r);
        // Degenerate (M = R = 0, i.e. P1 = −λ^(±1)·P2): use the chord slope (S1 − S2)/(U1 − U2) instead.
        int degenerate = isZeroMask(m) & isZeroMask(r);
        sub(y1, s2, alt);
        cmov(r, alt, degenerate); // num
        sub(x1, u2, alt);
        cmov(m, alt, degenerate); // den
        // Z3 = den·Z1
        mul(z1, m, z1, tt);
        // X3 = num² − T·den²
        sqr(m, d2, tt);
        mul(t, d2, t, tt);
        sqr(r, w, tt);
        sub(w, t, w); // X3 (x1 still holds U1)
        // Y3 = num·(U1·den² − X3) − S1·den³
        mul(x1, d2, t, tt);
        sub(t, w, t);
        mul(r, t, t, tt);
        mul(d2, m, d2, tt);
        mul(y1, d2, d2, tt);
        sub(t, d2, y1);
        System.arraycopy(w, 0, x1, 0, 8);
        // ∞ + Q = Q
        cmov(x1, x2, inf);
        cmov(y1, y2, inf);
        Nat256.zero(w);
        w[0] = 1;
        cmov(z1, w, inf);
    }

    // ============================================================================================ field

    /** z = x + y mod p (masked, unrolled). */
    static void add(int[] x, int[] y, int[] z) {
        long c = (x[0] & M) + (y[0] & M);
        int s0 = (int) c;
        c = (c >>> 32) + (x[1] & M) + (y[1] & M);
        int s1 = (int) c;
        c = (c >>> 32) + (x[2] & M) + (y[2] & M);
        int s2 = (int) c;
        c = (c >>> 32) + (x[3] & M) + (y[3] & M);
        int s3 = (int) c;
        c = (c >>> 32) + (x[4] & M) + (y[4] & M);
        int s4 = (int) c;
        c = (c >>> 32) + (x[5] & M) + (y[5] & M);
        int s5 = (int) c;
        c = (c >>> 32) + (x[6] & M) + (y[6] & M);
        int s6 = (int) c;
        c = (c >>> 32) + (x[7] & M) + (y[7] & M);
        int s7 = (int) c;
        c >>>= 32;
        // t = s + (2^256 − p); it wraps past 2^256 exactly when s ≥ p.
        long d = (s0 & M) + 977L;
        int t0 = (int) d;
        d = (d >>> 32) + (s1 & M) + 1L;
        int t1 = (int) d;
        d = (d >>> 32) + (s2 & M);
        int t2 = (int) d;
        d = (d >>> 32) + (s3 & M);
        int t3 = (int) d;
        d = (d >>> 32) + (s4 & M);
        int t4 = (int) d;
        d = (d >>> 32) + (s5 & M);
        int t5 = (int) d;
        d = (d >>> 32) + (s6 & M);
        int t6 = (int) d;
        d = (d >>> 32) + (s7 & M);
        int t7 = (int) d;
        int m = -(int) (c | (d >>> 32));
        z[0] = s0 ^ ((s0 ^ t0) & m);
        z[1] = s1 ^ ((s1 ^ t1) & m);
        z[2] = s2 ^ ((s2 ^ t2) & m);
        z[3] = s3 ^ ((s3 ^ t3) & m);
        z[4] = s4 ^ ((s4 ^ t4) & m);
        z[5] = s5 ^ ((s5 ^ t5) & m);
        z[6] = s6 ^ ((s6 ^ t6) & m);
        z[7] = s7 ^ ((s7 ^ t7) & m);
    }

    /** z = x − y mod p (masked, unrolled). */
    static void sub(int[] x, int[] y, int[] z) {
        long b = (x[0] & M) - (y[0] & M);
        int s0 = (int) b;
        b = (b >> 32) + (x[1] & M) - (y[1] & M);
        int s1 = (int) b;
        b = (b >> 32) + (x[2] & M) - (y[2] & M);
        int s2 = (int) b;
        b = (b >> 32) + (x[3] & M) - (y[3] & M);
        int s3 = (int) b;
        b = (b >> 32) + (x[4] & M) - (y[4] & M);
        int s4 = (int) b;
        b = (b >> 32) + (x[5] & M) - (y[5] & M);
        int s5 = (int) b;
        b = (b >> 32) + (x[6] & M) - (y[6] & M);
        int s6 = (int) b;
        b = (b >> 32) + (x[7] & M) - (y[7] & M);
        int s7 = (int) b;
        // on borrow add p back, i.e. subtract 2^256 − p = 2^32 + 977 (mod 2^256)
        long m = b >> 32; // 0 or −1
        b = (s0 & M) - (977L & m);
        z[0] = (int) b;
        b = (b >> 32) + (s1 & M) - (1L & m);
        z[1] = (int) b;
        b = (b >> 32) + (s2 & M);
        z[2] = (int) b;
        b = (b >> 32) + (s3 & M);
        z[3] = (int) b;
        b = (b >> 32) + (s4 & M);
        z[4] = (int) b;
        b = (b >> 32) + (s5 & M);
        z[5] = (int) b;
        b = (b >> 32) + (s6 & M);
        z[6] = (int) b;
        b = (b >> 32) + (s7 & M);
        z[7] = (int) b;
    }

    /** z = x / 2 mod p (masked: add p when x is odd, then shift). */
    static void half(int[] x, int[] z) {
        long m = -(long) (x[0] & 1) & M;
        long c = (x[0] & M) + (FP[0] & m);
        int s0 = (int) c;
        c = (c >>> 32) + (x[1] & M) + (FP[1] & m);
        int s1 = (int) c;
        c = (c >>> 32) + (x[2] & M) + (FP[2] & m);
        int s2 = (int) c;
        c = (c >>> 32) + (x[3] & M) + (FP[3] & m);
        int s3 = (int) c;
        c = (c >>> 32) + (x[4] & M) + (FP[4] & m);
        int s4 = (int) c;
        c = (c >>> 32) + (x[5] & M) + (FP[5] & m);
        int s5 = (int) c;
        c = (c >>> 32) + (x[6] & M) + (FP[6] & m);
        int s6 = (int) c;
        c = (c >>> 32) + (x[7] & M) + (FP[7] & m);
        int s7 = (int) c;
        int top = (int) (c >>> 32);
        z[0] = (s0 >>> 1) | (s1 << 31);
        z[1] = (s1 >>> 1) | (s2 << 31);
        z[2] = (s2 >>> 1) | (s3 << 31);
        z[3] = (s3 >>> 1) | (s4 << 31);
        z[4] = (s4 >>> 1) | (s5 << 31);
        z[5] = (s5 >>> 1) | (s6 << 31);
        z[6] = (s6 >>> 1) | (s7 << 31);
        z[7] = (s7 >>> 1) | (top << 31);
    }


    /** z = x·y mod p. {@code tt} is 16-limb scratch. */
    static void mul(int[] x, int[] y, int[] z, int[] tt) {
        Nat256.mul(x, y, tt);
        reduce(tt, z);
    }

    /** z = x² mod p. */
    static void sqr(int[] x, int[] z, int[] tt) {
        Nat256.square(x, tt);
        reduce(tt, z);
    }

    /** z = tt mod p for a 512-bit tt, using 2²⁵⁶ ≡ 2³² + 977 (unrolled, masked final subtraction). */
    static void reduce(int[] tt, int[] z) {
        long h0 = tt[8] & M;
        long h1 = tt[9] & M;
        long h2 = tt[10] & M;
        long h3 = tt[11] & M;
        long h4 = tt[12] & M;
        long h5 = tt[13] & M;
        long h6 = tt[14] & M;
        long h7 = tt[15] & M;
        long c = (tt[0] & M) + h0 * 977L;
        int r0 = (int) c;
        c = (c >>> 32) + (tt[1] & M) + h1 * 977L + h0;
        int r1 = (int) c;
        c = (c >>> 32) + (tt[2] & M) + h2 * 977L + h1;
        int r2 = (int) c;
        c = (c >>> 32) + (tt[3] & M) + h3 * 977L + h2;
        int r3 = (int) c;
        c = (c >>> 32) + (tt[4] & M) + h4 * 977L + h3;
        int r4 = (int) c;
        c = (c >>> 32) + (tt[5] & M) + h5 * 977L + h4;
        int r5 = (int) c;
        c = (c >>> 32) + (tt[6] & M) + h6 * 977L + h5;
        int r6 = (int) c;
        c = (c >>> 32) + (tt[7] & M) + h7 * 977L + h6;
        int r7 = (int) c;
        c = (c >>> 32) + h7; // < 2³⁴: fold once more
        long d = (r0 & M) + c * 977L;
        int s0 = (int) d;
        d = (d >>> 32) + (r1 & M) + c;
        int s1 = (int) d;
        d = (d >>> 32) + (r2 & M);
        int s2 = (int) d;
        d = (d >>> 32) + (r3 & M);
        int s3 = (int) d;
        d = (d >>> 32) + (r4 & M);
        int s4 = (int) d;
        d = (d >>> 32) + (r5 & M);
        int s5 = (int) d;
        d = (d >>> 32) + (r6 & M);
        int s6 = (int) d;
        d = (d >>> 32) + (r7 & M);
        int s7 = (int) d;
        long carry = d >>> 32;
        // t = s + (2^256 − p): select it when carry·2^256 + s ≥ p.
        long e = (s0 & M) + 977L;
        int t0 = (int) e;
        e = (e >>> 32) + (s1 & M) + 1L;
        int t1 = (int) e;
        e = (e >>> 32) + (s2 & M);
        int t2 = (int) e;
        e = (e >>> 32) + (s3 & M);
        int t3 = (int) e;
        e = (e >>> 32) + (s4 & M);
        int t4 = (int) e;
        e = (e >>> 32) + (s5 & M);
        int t5 = (int) e;
        e = (e >>> 32) + (s6 & M);
        int t6 = (int) e;
        e = (e >>> 32) + (s7 & M);
        int t7 = (int) e;
        int m = -(int) (carry | (e >>> 32));
        z[0] = s0 ^ ((s0 ^ t0) & m);
        z[1] = s1 ^ ((s1 ^ t1) & m);
        z[2] = s2 ^ ((s2 ^ t2) & m);
        z[3] = s3 ^ ((s3 ^ t3) & m);
        z[4] = s4 ^ ((s4 ^ t4) & m);
        z[5] = s5 ^ ((s5 ^ t5) & m);
        z[6] = s6 ^ ((s6 ^ t6) & m);
        z[7] = s7 ^ ((s7 ^ t7) & m);
    }


    /** −1 if x is zero, else 0. */
    static int isZeroMask(int[] x) {
        int a = 0;
        for (int i = 0; i < 8; i++) {
            a |= x[i];
        }
        return ~((a | -a) >> 31);
    }

    /** z = mask ? x : z for mask ∈ {0, −1}. */
    static void cmov(int[] z, int[] x, int mask) {
        for (int i = 0; i < 8; i++) {
            z[i] = (z[i] & ~mask) | (x[i] & mask);
        }
    }

    private static void sqrN(int[] x, int n, int[] z, int[] tt) {
        sqr(x, z, tt);
        for (int i = 1; i < n; i++) {
            sqr(z, z, tt);
        }
    }

    /**
     * z = x^(p−2) = 1/x (0 for x = 0) by a fixed chain of 255 squarings and 15 multiplications. The exponent's
     * bits from the top are 223 ones, a zero, 22 ones, 0000, 1, 0, 11, 0, 1. {@code z} must not be a scratch
     * array of {@code c}.
     */
    static void inv(int[] x, int[] z, Ctx c) {
        int[] tt = c.tt;
        int[] x2 = c.i0;
        int[] x3 = c.i1;
        int[] x22 = c.i2;
        int[] x44 = c.i3;
        int[] t = c.i4;
        int[] u = c.i5;
        sqr(x, x2, tt);
        mul(x2, x, x2, tt);
        sqr(x2, x3, tt);
        mul(x3, x, x3, tt);
        sqrN(x3, 3, t, tt);
        mul(t, x3, t, tt); // 6 ones
        sqrN(t, 3, t, tt);
        mul(t, x3, t, tt); // 9
        sqrN(t, 2, t, tt);
        mul(t, x2, t, tt); // 11
        sqrN(t, 11, x22, tt);
        mul(x22, t, x22, tt); // 22
        sqrN(x22, 22, x44, tt);
        mul(x44, x22, x44, tt); // 44
        sqrN(x44, 44, t, tt);
        mul(t, x44, t, tt); // 88
        sqrN(t, 88, u, tt);
        mul(u, t, u, tt); // 176
        sqrN(u, 44, u, tt);
        mul(u, x44, u, tt); // 220
        sqrN(u, 3, u, tt);
        mul(u, x3, u, tt); // 223
        sqrN(u, 23, u, tt);
        mul(u, x22, u, tt); // 223 ones, 0, 22 ones
        sqrN(u, 5, u, tt);
        mul(u, x, u, tt); // 0000 1
        sqrN(u, 3, u, tt);
        mul(u, x2, u, tt); // 0 11
        sqrN(u, 2, u, tt);
        mul(u, x, z, tt); // 0 1
    }

    // ============================================================================================ scratch

    /** One thread's scratch space. Not thread-safe. */
    static final class Ctx {
        final int[] tt = new int[16];
        final int[] t0 = new int[8];
        final int[] t1 = new int[8];
        final int[] t2 = new int[8];
        final int[] t3 = new int[8];
        final int[] t4 = new int[8];
        final int[] t5 = new int[8];
        final int[] t6 = new int[8];
        final int[] t7 = new int[8];
        final int[] t8 = new int[8];
        final int[] i0 = new int[8];
        final int[] i1 = new int[8];
        final int[] i2 = new int[8];
        final int[] i3 = new int[8];
        final int[] i4 = new int[8];
        final int[] i5 = new int[8];
        final int[] neg = new int[8];
        final int[] k = new int[8];
        final int[] c1 = new int[8];
        final int[] c2 = new int[8];
        final int[] v1 = new int[8];
        final int[] v2 = new int[8];
        final int[] px = new int[8];
        final int[] py = new int[8];
        final int[] dx = new int[8];
        final int[] dy = new int[8];
        final int[] dz = new int[8];
        final int[] ax = new int[8];
        final int[] ay = new int[8];
        final int[] az = new int[8];
        final int[] qx = new int[8];
        final int[] qy = new int[8];
        final int[] zt = new int[8];
        final int[] tabX = new int[8 * TABLE];
        final int[] tabY = new int[8 * TABLE];
        final int[] tabLX = new int[8 * TABLE];
        final int[] zr = new int[8 * TABLE];

        private final int[][] secret = {tt, t0, t1, t2, t3, t4, t5, t6, t7, t8, i0, i1, i2, i3, i4, i5, neg, k, c1,
            c2, v1, v2, ax, ay, az, qx, qy};

        /** Clears everything derived from the secret scalar (the table depends only on the public point). */
        void wipe() {
            for (int[] a : secret) {
                Arrays.fill(a, 0);
            }
        }
    }
}

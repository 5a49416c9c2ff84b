package network.mostro.nostr.internal;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.ec.endo.GLVEndomorphism;
import org.bouncycastle.math.raw.Nat;
import org.bouncycastle.math.raw.Nat256;

/**
 * Variable-time secp256k1 point arithmetic for <em>verification</em> (public data only), built on Bouncy
 * Castle's raw field routines ({@link SecP256K1Field}, {@link Nat256}) instead of its {@code ECPoint}
 * objects, so the hot loops allocate nothing.
 *
 * <p>Field elements are {@code int[8]} little-endian 32-bit limbs, always fully reduced below p (the
 * invariant every {@code SecP256K1Field} routine keeps). Points are Jacobian ({@link Jac}) or affine
 * tables ({@link Table}: odd multiples P, 3P, 5P, … for wNAF digits). A multi-scalar multiplication
 * Σ kᵢ·Pᵢ runs as one interleaved (Strauss) double-and-add over all terms' wNAF digits, so every term
 * shares the same ~130 doublings:
 * <ul>
 *   <li>k·G uses two large precomputed tables (G and 2¹²⁸·G) and splits k into 128-bit halves;</li>
 *   <li>k·P for a public key uses the GLV endomorphism (λ·(x, y) = (β·x, y)) to split k into two
 *       ~128-bit halves over a cached table of P and its image λP.</li>
 * </ul>
 *
 * <p>Never use this for secret scalars: it branches on scalar digits. Stateless and thread-safe; the
 * mutable {@link Jac} and {@link Ctx} objects belong to one call.
 */
public final class EcMult {
    /** wNAF width for the two G tables: 2^(W_G−2) = 1024 affine points each. */
    static final int W_G = 12;
    /** wNAF width for public-key tables (cached per key): 8 points for P and 8 for λP. */
    static final int W_KEY = 5;

    static final int[] FIELD_P = Nat256.fromBigInteger(Secp256k1.P);
    /** β, a cube root of unity mod p: (x, y) → (β·x, y) is multiplication by {@link #LAMBDA}. */
    static final BigInteger BETA =
            new BigInteger("7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501ee", 16);
    /** λ, a cube root of unity mod n, matching {@link #BETA}. */
    static final BigInteger LAMBDA =
            new BigInteger("5363ad4cc05c30e0a5261c028812645a122e22ea20816678df02967c1b23bd72", 16);
    static final int[] BETA_FE = Nat256.fromBigInteger(BETA);
    private static final int[] SEVEN = Nat256.fromBigInteger(BigInteger.valueOf(7));
    private static final GLVEndomorphism GLV = (GLVEndomorphism) Secp256k1.CURVE.getEndomorphism();

    /** Odd multiples of G. */
    static final Table G_LO;
    /** Odd multiples of 2¹²⁸·G. */
    static final Table G_HI;

    static {
        ECPoint g = Secp256k1.G.normalize();
        G_LO = Table.ofAffine(fe(g.getAffineXCoord().toBigInteger()), fe(g.getAffineYCoord().toBigInteger()), W_G);
        ECPoint g128 = Secp256k1.G.multiply(BigInteger.ONE.shiftLeft(128)).normalize();
        G_HI = Table.ofAffine(fe(g128.getAffineXCoord().toBigInteger()), fe(g128.getAffineYCoord().toBigInteger()),
                W_G);
    }

    private EcMult() {}

    // ------------------------------------------------------------------------------------------ field

    static int[] fe(BigInteger v) {
        return Nat256.fromBigInteger(v);
    }

    /** Reads 32 big-endian bytes into a field element; false (z unspecified) if the value is ≥ p. */
    public static boolean feFromBytes(byte[] b, int off, int[] z) {
        for (int i = 0; i < 8; i++) {
            int o = off + 28 - 4 * i;
            z[i] = (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | (b[o + 3] & 0xff);
        }
        return !Nat256.gte(z, FIELD_P);
    }

    static void feToBytes(int[] x, byte[] b, int off) {
        for (int i = 0; i < 8; i++) {
            int o = off + 28 - 4 * i;
            int v = x[i];
            b[o] = (byte) (v >>> 24);
            b[o + 1] = (byte) (v >>> 16);
            b[o + 2] = (byte) (v >>> 8);
            b[o + 3] = (byte) v;
        }
    }

    /**
     * z = √x when x is a quadratic residue (returns true); false otherwise. Uses the exponent (p+1)/4 with
     * an addition chain of 253 squarings and 13 multiplications. {@code z} must not alias {@code x}.
     */
    static boolean feSqrt(int[] x, int[] z, int[] tt) {
        int[] x2 = new int[8];
        int[] x3 = new int[8];
        int[] x22 = new int[8];
        int[] x44 = new int[8];
        int[] t = new int[8];
        SecP256K1Field.square(x, x2, tt);
        SecP256K1Field.multiply(x2, x, x2, tt); // 2 ones
        SecP256K1Field.square(x2, x3, tt);
        SecP256K1Field.multiply(x3, x, x3, tt); // 3
        SecP256K1Field.squareN(x3, 3, t, tt);
        SecP256K1Field.multiply(t, x3, t, tt); // 6
        SecP256K1Field.squareN(t, 3, t, tt);
        SecP256K1Field.multiply(t, x3, t, tt); // 9
        SecP256K1Field.squareN(t, 2, t, tt);
        SecP256K1Field.multiply(t, x2, t, tt); // 11
        SecP256K1Field.squareN(t, 11, x22, tt);
        SecP256K1Field.multiply(x22, t, x22, tt); // 22
        SecP256K1Field.squareN(x22, 22, x44, tt);
        SecP256K1Field.multiply(x44, x22, x44, tt); // 44
        SecP256K1Field.squareN(x44, 44, t, tt);
        SecP256K1Field.multiply(t, x44, t, tt); // 88
        int[] u = new int[8];
        SecP256K1Field.squareN(t, 88, u, tt);
        SecP256K1Field.multiply(u, t, u, tt); // 176
        SecP256K1Field.squareN(u, 44, u, tt);
        SecP256K1Field.multiply(u, x44, u, tt); // 220
        SecP256K1Field.squareN(u, 3, u, tt);
        SecP256K1Field.multiply(u, x3, u, tt); // 223
        SecP256K1Field.squareN(u, 23, u, tt);
        SecP256K1Field.multiply(u, x22, u, tt);
        SecP256K1Field.squareN(u, 6, u, tt);
        SecP256K1Field.multiply(u, x2, u, tt);
        SecP256K1Field.squareN(u, 2, z, tt);
        SecP256K1Field.square(z, t, tt);
        return Nat256.eq(t, x);
    }

    /**
     * BIP-340 {@code lift_x} on raw limbs: y with y² = x³ + 7 and y even. Returns false if x is not the
     * x-coordinate of a curve point (x must already be &lt; p).
     */
    public static boolean liftX(int[] x, int[] y, int[] tt) {
        int[] c = new int[8];
        SecP256K1Field.square(x, c, tt);
        SecP256K1Field.multiply(c, x, c, tt);
        SecP256K1Field.add(c, SEVEN, c);
        if (!feSqrt(c, y, tt)) {
            return false;
        }
        if ((y[0] & 1) != 0) {
            SecP256K1Field.negate(y, y);
        }
        return true;
    }

    /**
     * {@code lift_x} with a chosen parity: y with y² = x³ + 7, odd if {@code oddY}, else even. Returns false
     * if x is not the x-coordinate of a curve point (x must already be &lt; p). {@code y} must not alias x.
     */
    public static boolean liftX(int[] x, boolean oddY, int[] y, Ctx c) {
        if (!liftX(x, y, c.tt)) {
            return false;
        }
        if (oddY) {
            // y ≠ 0 (secp256k1 has no point of order 2), so p − y is odd.
            SecP256K1Field.negate(y, y);
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ points

    /** Scratch space for one thread's computation. Not thread-safe. */
    public static final class Ctx {
        final int[] tt = Nat256.createExt();
        final int[] t1 = new int[8];
        final int[] t2 = new int[8];
        final int[] t3 = new int[8];
        final int[] t4 = new int[8];
        final int[] t5 = new int[8];
        final int[] t6 = new int[8];
        final int[] t7 = new int[8];
        final int[] negY = new int[8];
    }

    /** A mutable Jacobian point (X/Z², Y/Z³); {@link #inf} marks the point at infinity. Not thread-safe. */
    public static final class Jac {
        final int[] x = new int[8];
        final int[] y = new int[8];
        final int[] z = new int[8];
        boolean inf = true;

        void setAffine(int[] ax, int[] ay) {
            System.arraycopy(ax, 0, x, 0, 8);
            System.arraycopy(ay, 0, y, 0, 8);
            Nat256.zero(z);
            z[0] = 1;
            inf = false;
        }

        void set(Jac o) {
            System.arraycopy(o.x, 0, x, 0, 8);
            System.arraycopy(o.y, 0, y, 0, 8);
            System.arraycopy(o.z, 0, z, 0, 8);
            inf = o.inf;
        }

        /** True for the point at infinity (also when Z reached 0). */
        public boolean isInfinity() {
            return inf || Nat256.isZero(z);
        }
    }

    /** p = 2p (dbl-2009-l, a = 0: 2M + 5S). */
    static void dbl(Jac p, Ctx c) {
        if (p.inf) {
            return;
        }
        int[] tt = c.tt;
        int[] a = c.t1;
        int[] b = c.t2;
        int[] cc = c.t3;
        int[] d = c.t4;
        int[] e = c.t5;
        int[] f = c.t6;
        SecP256K1Field.square(p.x, a, tt);
        SecP256K1Field.square(p.y, b, tt);
        SecP256K1Field.square(b, cc, tt);
        SecP256K1Field.add(p.x, b, d);
        SecP256K1Field.square(d, d, tt);
        SecP256K1Field.subtract(d, a, d);
        SecP256K1Field.subtract(d, cc, d);
        SecP256K1Field.twice(d, d);
        SecP256K1Field.twice(a, e);
        SecP256K1Field.add(e, a, e);
        SecP256K1Field.square(e, f, tt);
        SecP256K1Field.multiply(p.y, p.z, p.z, tt);
        SecP256K1Field.twice(p.z, p.z);
        SecP256K1Field.twice(d, b);
        SecP256K1Field.subtract(f, b, p.x);
        SecP256K1Field.subtract(d, p.x, b);
        SecP256K1Field.multiply(e, b, b, tt);
        // 8C in one shift: the three bits shifted out are folded back by reduce32 (2^256 ≡ 2^32 + 977).
        SecP256K1Field.reduce32(Nat.shiftUpBits(8, cc, 3, 0), cc);
        SecP256K1Field.subtract(b, cc, p.y);
    }

    /** p = p + (x2, y2) with an affine point (madd-2007-bl: 7M + 4S), every special case handled. */
    static void addAffine(Jac p, int[] x2, int[] y2, Ctx c) {
        if (p.inf) {
            p.setAffine(x2, y2);
            return;
        }
        int[] tt = c.tt;
        int[] z1z1 = c.t1;
        int[] u2 = c.t2;
        int[] s2 = c.t3;
        int[] h = c.t4;
        int[] r = c.t5;
        SecP256K1Field.square(p.z, z1z1, tt);
        SecP256K1Field.multiply(x2, z1z1, u2, tt);
        SecP256K1Field.multiply(y2, p.z, s2, tt);
        SecP256K1Field.multiply(s2, z1z1, s2, tt);
        SecP256K1Field.subtract(u2, p.x, h);
        SecP256K1Field.subtract(s2, p.y, r);
        if (Nat256.isZero(h)) {
            if (Nat256.isZero(r)) {
                dbl(p, c);
            } else {
                p.inf = true;
            }
            return;
        }
        int[] hh = c.t6;
        int[] i = c.t7;
        SecP256K1Field.square(h, hh, tt);
        SecP256K1Field.twice(hh, i);
        SecP256K1Field.twice(i, i);
        // Z3 = (Z1 + H)² − Z1Z1 − HH
        SecP256K1Field.add(p.z, h, p.z);
        SecP256K1Field.square(p.z, p.z, tt);
        SecP256K1Field.subtract(p.z, z1z1, p.z);
        SecP256K1Field.subtract(p.z, hh, p.z);
        int[] j = u2; // u2 is no longer needed
        SecP256K1Field.multiply(h, i, j, tt);
        SecP256K1Field.twice(r, r);
        int[] v = s2; // s2 is no longer needed
        SecP256K1Field.multiply(p.x, i, v, tt);
        // X3 = r² − J − 2V
        SecP256K1Field.square(r, p.x, tt);
        SecP256K1Field.subtract(p.x, j, p.x);
        SecP256K1Field.subtract(p.x, v, p.x);
        SecP256K1Field.subtract(p.x, v, p.x);
        // Y3 = r(V − X3) − 2·Y1·J
        SecP256K1Field.multiply(p.y, j, j, tt);
        SecP256K1Field.twice(j, j);
        SecP256K1Field.subtract(v, p.x, v);
        SecP256K1Field.multiply(r, v, v, tt);
        SecP256K1Field.subtract(v, j, p.y);
    }

    /** p = p + q, both Jacobian (add-2007-bl: 11M + 5S), every special case handled. */
    static void add(Jac p, Jac q, Ctx c) {
        if (q.inf) {
            return;
        }
        if (p.inf) {
            p.set(q);
            return;
        }
        int[] tt = c.tt;
        int[] z1z1 = c.t1;
        int[] z2z2 = c.t2;
        int[] u1 = c.t3;
        int[] u2 = c.t4;
        int[] s1 = c.t5;
        int[] s2 = c.t6;
        SecP256K1Field.square(p.z, z1z1, tt);
        SecP256K1Field.square(q.z, z2z2, tt);
        SecP256K1Field.multiply(p.x, z2z2, u1, tt);
        SecP256K1Field.multiply(q.x, z1z1, u2, tt);
        SecP256K1Field.multiply(p.y, q.z, s1, tt);
        SecP256K1Field.multiply(s1, z2z2, s1, tt);
        SecP256K1Field.multiply(q.y, p.z, s2, tt);
        SecP256K1Field.multiply(s2, z1z1, s2, tt);
        int[] h = u2;
        SecP256K1Field.subtract(u2, u1, h);
        int[] r = s2;
        SecP256K1Field.subtract(s2, s1, r);
        if (Nat256.isZero(h)) {
            if (Nat256.isZero(r)) {
                dbl(p, c);
            } else {
                p.inf = true;
            }
            return;
        }
        SecP256K1Field.twice(r, r);
        // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H
        SecP256K1Field.add(p.z, q.z, p.z);
        SecP256K1Field.square(p.z, p.z, tt);
        SecP256K1Field.subtract(p.z, z1z1, p.z);
        SecP256K1Field.subtract(p.z, z2z2, p.z);
        SecP256K1Field.multiply(p.z, h, p.z, tt);
        int[] i = z1z1;
        SecP256K1Field.twice(h, i);
        SecP256K1Field.square(i, i, tt);
        int[] j = z2z2;
        SecP256K1Field.multiply(h, i, j, tt);
        int[] v = c.t7;
        SecP256K1Field.multiply(u1, i, v, tt);
        SecP256K1Field.square(r, p.x, tt);
        SecP256K1Field.subtract(p.x, j, p.x);
        SecP256K1Field.subtract(p.x, v, p.x);
        SecP256K1Field.subtract(p.x, v, p.x);
        SecP256K1Field.multiply(s1, j, s1, tt);
        SecP256K1Field.twice(s1, s1);
        SecP256K1Field.subtract(v, p.x, v);
        SecP256K1Field.multiply(r, v, v, tt);
        SecP256K1Field.subtract(v, s1, p.y);
    }

    /**
     * Converts Jacobian points to affine with one field inversion (Montgomery's trick). None may be
     * infinity. Results are written to {@code xs[off+i]}, {@code ys[off+i]}.
     */
    static void normalizeAll(Jac[] pts, int count, int[][] xs, int[][] ys, Ctx c) {
        int[] tt = c.tt;
        int[][] prefix = new int[count][];
        int[] acc = new int[8];
        for (int i = 0; i < count; i++) {
            if (pts[i].isInfinity()) {
                throw new IllegalStateException("cannot normalize the point at infinity");
            }
            if (i == 0) {
                System.arraycopy(pts[0].z, 0, acc, 0, 8);
            } else {
                SecP256K1Field.multiply(acc, pts[i].z, acc, tt);
            }
            prefix[i] = acc.clone();
        }
        int[] inv = new int[8];
        SecP256K1Field.inv(acc, inv);
        int[] zinv = c.t1;
        int[] zinv2 = c.t2;
        for (int i = count - 1; i >= 0; i--) {
            if (i > 0) {
                SecP256K1Field.multiply(inv, prefix[i - 1], zinv, tt);
                SecP256K1Field.multiply(inv, pts[i].z, inv, tt);
            } else {
                System.arraycopy(inv, 0, zinv, 0, 8);
            }
            SecP256K1Field.square(zinv, zinv2, tt);
            int[] x = new int[8];
            int[] y = new int[8];
            SecP256K1Field.multiply(pts[i].x, zinv2, x, tt);
            SecP256K1Field.multiply(zinv2, zinv, zinv2, tt);
            SecP256K1Field.multiply(pts[i].y, zinv2, y, tt);
            xs[i] = x;
            ys[i] = y;
        }
    }

    /**
     * Affine odd multiples P, 3P, …, (2^(w−1) − 1)·P of one point, for wNAF digits of width w. Immutable
     * once built and safe to share between threads.
     */
    public static final class Table {
        final int[][] xs;
        final int[][] ys;

        Table(int[][] xs, int[][] ys) {
            this.xs = xs;
            this.ys = ys;
        }

        static Table ofAffine(int[] x, int[] y, int w) {
            return ofAffine(new int[][] {x}, new int[][] {y}, w, new Ctx())[0];
        }

        /** Tables for several affine points at once, sharing one inversion. */
        static Table[] ofAffine(int[][] x, int[][] y, int w, Ctx c) {
            int per = 1 << (w - 2);
            int n = x.length;
            Jac[] all = new Jac[n * per];
            Jac twoP = new Jac();
            for (int k = 0; k < n; k++) {
                Jac p = new Jac();
                p.setAffine(x[k], y[k]);
                all[k * per] = p;
                if (per > 1) {
                    twoP.setAffine(x[k], y[k]);
                    dbl(twoP, c);
                    for (int i = 1; i < per; i++) {
                        Jac next = new Jac();
                        next.set(all[k * per + i - 1]);
                        add(next, twoP, c);
                        all[k * per + i] = next;
                    }
                }
            }
            int[][] xs = new int[n * per][];
            int[][] ys = new int[n * per][];
            normalizeAll(all, n * per, xs, ys, c);
            Table[] out = new Table[n];
            for (int k = 0; k < n; k++) {
                int[][] tx = new int[per][];
                int[][] ty = new int[per][];
                System.arraycopy(xs, k * per, tx, 0, per);
                System.arraycopy(ys, k * per, ty, 0, per);
                out[k] = new Table(tx, ty);
            }
            return out;
        }

        /** The table of λ·P: every x multiplied by β, the same y arrays. */
        Table lambda(Ctx c) {
            int[][] lx = new int[xs.length][];
            for (int i = 0; i < xs.length; i++) {
                lx[i] = new int[8];
                SecP256K1Field.multiply(xs[i], BETA_FE, lx[i], c.tt);
            }
            return new Table(lx, ys);
        }
    }

    /** A public key's cached tables for P and λ·P. Immutable and thread-safe. */
    public static final class KeyTable {
        final Table p;
        final Table lambdaP;

        private KeyTable(Table p, Table lambdaP) {
            this.p = p;
            this.lambdaP = lambdaP;
        }

        /** Builds the tables of a normalized (affine) curve point. */
        public static KeyTable of(ECPoint normalized) {
            Ctx c = new Ctx();
            Table t = Table.ofAffine(fe(normalized.getAffineXCoord().toBigInteger()),
                    fe(normalized.getAffineYCoord().toBigInteger()), W_KEY);
            return new KeyTable(t, t.lambda(c));
        }

        /**
         * Builds the tables of the affine curve point (x, y) given as field elements (not checked to lie on
         * the curve; the arrays are copied, not kept).
         */
        public static KeyTable ofAffine(int[] x, int[] y, Ctx c) {
            Table t = Table.ofAffine(new int[][] {x}, new int[][] {y}, W_KEY, c)[0];
            return new KeyTable(t, t.lambda(c));
        }

        static KeyTable[] ofAll(int[][] x, int[][] y, Ctx c) {
            Table[] ts = Table.ofAffine(x, y, W_KEY, c);
            KeyTable[] out = new KeyTable[ts.length];
            for (int i = 0; i < ts.length; i++) {
                out[i] = new KeyTable(ts[i], ts[i].lambda(c));
            }
            return out;
        }
    }

    // ------------------------------------------------------------------------------------------ scalars

    /**
     * One term k·P of a multi-scalar multiplication: the wNAF digits of |k| over a table, negated when
     * k &lt; 0 or the term is subtracted. Not thread-safe.
     */
    static final class Term {
        final Table table;
        final int[] naf;
        final int len;
        final boolean negate;

        Term(Table table, BigInteger k, int w, boolean subtract) {
            this.table = table;
            this.negate = (k.signum() < 0) != subtract;
            BigInteger m = k.abs();
            this.naf = new int[m.bitLength() + 1];
            this.len = wnaf(m, w, naf);
        }
    }

    /**
     * Width-w NAF of a non-negative k: digits zero or odd with |d| &lt; 2^(w−1), no two non-zero digits
     * within w positions. Returns the number of digit positions used (highest non-zero + 1).
     */
    static int wnaf(BigInteger k, int w, int[] out) {
        int bits = k.bitLength();
        if (bits == 0) {
            return 0;
        }
        long[] s = new long[(bits + 63) / 64 + 1];
        byte[] be = k.toByteArray();
        for (int i = 0; i < be.length; i++) {
            int bitPos = 8 * (be.length - 1 - i);
            if (bitPos / 64 < s.length) {
                s[bitPos / 64] |= (be[i] & 0xffL) << (bitPos % 64);
            }
        }
        int len = out.length;
        int carry = 0;
        int last = -1;
        int bit = 0;
        while (bit < len) {
            if (getBits(s, bit, 1) == carry) {
                bit++;
                continue;
            }
            int now = Math.min(w, len - bit);
            int word = (int) getBits(s, bit, now) + carry;
            carry = (word >> (w - 1)) & 1;
            word -= carry << w;
            out[bit] = word;
            last = bit;
            bit += now;
        }
        if (carry != 0) {
            throw new IllegalStateException("wNAF overflow");
        }
        return last + 1;
    }

    private static long getBits(long[] s, int offset, int count) {
        int limb = offset >>> 6;
        int shift = offset & 63;
        long v = limb < s.length ? s[limb] >>> shift : 0;
        if (shift + count > 64 && limb + 1 < s.length) {
            v |= s[limb + 1] << (64 - shift);
        }
        return v & ((1L << count) - 1);
    }

    /** acc = Σ terms (Strauss: one shared doubling chain, one mixed addition per non-zero digit). */
    static void strauss(Term[] terms, int count, Jac acc, Ctx c) {
        int max = 0;
        for (int t = 0; t < count; t++) {
            max = Math.max(max, terms[t].len);
        }
        acc.inf = true;
        for (int bit = max - 1; bit >= 0; bit--) {
            dbl(acc, c);
            for (int t = 0; t < count; t++) {
                Term term = terms[t];
                if (bit >= term.len) {
                    continue;
                }
                int d = term.naf[bit];
                if (d == 0) {
                    continue;
                }
                boolean neg = (d < 0) != term.negate;
                int idx = (d < 0 ? -d : d) >>> 1;
                int[] y = term.table.ys[idx];
                if (neg) {
                    SecP256K1Field.negate(y, c.negY);
                    y = c.negY;
                }
                addAffine(acc, term.table.xs[idx], y, c);
            }
        }
    }

    /** Adds the two G terms for k·G (0 ≤ k &lt; 2²⁵⁶) to {@code terms} at {@code at}; returns the new count. */
    static int addGTerms(Term[] terms, int at, BigInteger k) {
        BigInteger lo = k.and(MASK_128);
        BigInteger hi = k.shiftRight(128);
        terms[at++] = new Term(G_LO, lo, W_G, false);
        terms[at++] = new Term(G_HI, hi, W_G, false);
        return at;
    }

    /** Adds the two GLV terms for ∓k·P; returns the new count. */
    static int addKeyTerms(Term[] terms, int at, KeyTable key, BigInteger k, boolean subtract) {
        BigInteger[] ab = GLV.decomposeScalar(k);
        terms[at++] = new Term(key.p, ab[0], W_KEY, subtract);
        terms[at++] = new Term(key.lambdaP, ab[1], W_KEY, subtract);
        return at;
    }

    private static final BigInteger MASK_128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** s·G − e·P as a Jacobian point (s, e already reduced mod n). */
    public static Jac sGminusEP(BigInteger s, KeyTable key, BigInteger e, Ctx c) {
        Term[] terms = new Term[4];
        int n = addGTerms(terms, 0, s);
        n = addKeyTerms(terms, n, key, e, true);
        Jac acc = new Jac();
        strauss(terms, n, acc, c);
        return acc;
    }

    /**
     * Whether Jacobian {@code p} has affine x equal to {@code x} and an even affine y. Compares X with
     * x·Z² first (no inversion), so a wrong x is rejected cheaply; the parity needs one inversion.
     */
    public static boolean hasXAndEvenY(Jac p, int[] x, Ctx c) {
        if (p.isInfinity()) {
            return false;
        }
        int[] tt = c.tt;
        int[] z2 = c.t1;
        int[] t = c.t2;
        SecP256K1Field.square(p.z, z2, tt);
        SecP256K1Field.multiply(x, z2, t, tt);
        if (!Nat256.eq(t, p.x)) {
            return false;
        }
        int[] zinv = c.t3;
        SecP256K1Field.inv(p.z, zinv);
        SecP256K1Field.square(zinv, t, tt);
        SecP256K1Field.multiply(t, zinv, t, tt);
        SecP256K1Field.multiply(t, p.y, t, tt);
        return (t[0] & 1) == 0;
    }

    /** a·G + b·P as a Jacobian point (a, b already reduced mod n), as ECDSA verification and recovery need. */
    public static Jac aGplusBP(BigInteger a, KeyTable key, BigInteger b, Ctx c) {
        Term[] terms = new Term[4];
        int n = addGTerms(terms, 0, a);
        n = addKeyTerms(terms, n, key, b, false);
        Jac acc = new Jac();
        strauss(terms, n, acc, c);
        return acc;
    }

    /** Whether Jacobian {@code p} is not infinity and has affine x equal to {@code x} (X = x·Z², no inversion). */
    public static boolean hasX(Jac p, int[] x, Ctx c) {
        if (p.isInfinity()) {
            return false;
        }
        SecP256K1Field.square(p.z, c.t1, c.tt);
        SecP256K1Field.multiply(x, c.t1, c.t2, c.tt);
        return Nat256.eq(c.t2, p.x);
    }

    /**
     * Writes the affine coordinates of Jacobian {@code p} to {@code x} and {@code y} (one inversion); returns
     * false, leaving them unspecified, if p is the point at infinity.
     */
    public static boolean toAffine(Jac p, int[] x, int[] y, Ctx c) {
        if (p.isInfinity()) {
            return false;
        }
        int[] tt = c.tt;
        int[] zinv = c.t1;
        int[] t = c.t2;
        SecP256K1Field.inv(p.z, zinv);
        SecP256K1Field.square(zinv, t, tt);
        SecP256K1Field.multiply(p.x, t, x, tt);
        SecP256K1Field.multiply(t, zinv, t, tt);
        SecP256K1Field.multiply(p.y, t, y, tt);
        return true;
    }

    /** The 33-byte SEC 1 compressed encoding of the affine point (x, y). */
    public static byte[] compressed(int[] x, int[] y) {
        byte[] out = new byte[33];
        out[0] = (byte) ((y[0] & 1) == 0 ? 0x02 : 0x03);
        feToBytes(x, out, 1);
        return out;
    }

    /** Affine coordinates of a Jacobian point, as BigIntegers {x, y} (tests and diagnostics). */
    static BigInteger[] toAffine(Jac p) {
        if (p.isInfinity()) {
            return null;
        }
        int[] tt = Nat256.createExt();
        int[] zinv = new int[8];
        int[] t = new int[8];
        int[] x = new int[8];
        int[] y = new int[8];
        SecP256K1Field.inv(p.z, zinv);
        SecP256K1Field.square(zinv, t, tt);
        SecP256K1Field.multiply(p.x, t, x, tt);
        SecP256K1Field.multiply(t, zinv, t, tt);
        SecP256K1Field.multiply(p.y, t, y, tt);
        return new BigInteger[] {Nat256.toBigInteger(x), Nat256.toBigInteger(y)};
    }
}

package network.mostro.nostr.internal;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.endo.GLVEndomorphism;
import org.bouncycastle.math.raw.Nat256;

/**
 * Variable-time secp256k1 point arithmetic for <em>verification</em> (public data only), built on the
 * five-52-bit-limb field code of {@link Fe52} instead of Bouncy Castle's {@code ECPoint} objects, so the
 * hot loops allocate nothing.
 *
 * <p>Internally field elements are {@link Fe52} {@code long[5]} limbs (magnitude rules documented there);
 * the methods other classes call still take and return {@code int[8]} little-endian 32-bit limbs, fully
 * reduced below p, and convert at the boundary. Points are Jacobian ({@link Jac}) or affine
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
    /** β as 32-bit limbs (used by {@link EcDh}). */
    static final int[] BETA_FE = Nat256.fromBigInteger(BETA);
    static final long[] BETA_FE52 = Fe52.fromBigInteger(BETA);
    private static final GLVEndomorphism GLV = (GLVEndomorphism) Secp256k1.CURVE.getEndomorphism();

    /** Odd multiples of G. */
    static final Table G_LO;
    /** Odd multiples of 2¹²⁸·G. */
    static final Table G_HI;

    static {
        ECPoint g = Secp256k1.G.normalize();
        G_LO = Table.ofAffine(Fe52.fromBigInteger(g.getAffineXCoord().toBigInteger()),
                Fe52.fromBigInteger(g.getAffineYCoord().toBigInteger()), W_G);
        ECPoint g128 = Secp256k1.G.multiply(BigInteger.ONE.shiftLeft(128)).normalize();
        G_HI = Table.ofAffine(Fe52.fromBigInteger(g128.getAffineXCoord().toBigInteger()),
                Fe52.fromBigInteger(g128.getAffineYCoord().toBigInteger()), W_G);
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

    /** Writes a field element (8 little-endian 32-bit words) as 32 big-endian bytes at {@code off}. */
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
     * an addition chain of 253 squarings and 13 multiplications ({@link Fe52#sqrt}). {@code z} must not
     * alias {@code x}.
     */
    static boolean feSqrt(int[] x, int[] z) {
        long[] r = new long[5];
        if (!Fe52.sqrt(Fe52.fromInts(x), r)) {
            return false;
        }
        Fe52.toInts(r, z);
        return true;
    }

    /** {@code lift_x} on 52-bit limbs: y normalized with y² = x³ + 7 and y even; x normalized. */
    static boolean liftX52(long[] x, long[] y) {
        long[] c = new long[5];
        Fe52.sqr(x, c);
        Fe52.mul(c, x, c);
        c[0] += 7; // magnitude 2 at most
        if (!Fe52.sqrt(c, y)) {
            return false;
        }
        if (Fe52.isOdd(y)) {
            Fe52.negate(y, 1, y);
            Fe52.normalize(y);
        }
        return true;
    }

    /**
     * BIP-340 {@code lift_x} on raw limbs: y with y² = x³ + 7 and y even. Returns false if x is not the
     * x-coordinate of a curve point (x must already be &lt; p).
     */
    public static boolean liftX(int[] x, int[] y) {
        long[] y52 = new long[5];
        if (!liftX52(Fe52.fromInts(x), y52)) {
            return false;
        }
        Fe52.toInts(y52, y);
        return true;
    }

    /**
     * {@code lift_x} with a chosen parity: y with y² = x³ + 7, odd if {@code oddY}, else even. Returns false
     * if x is not the x-coordinate of a curve point (x must already be &lt; p). {@code y} must not alias x.
     */
    public static boolean liftX(int[] x, boolean oddY, int[] y, Ctx c) {
        long[] y52 = new long[5];
        if (!liftX52(Fe52.fromInts(x), y52)) {
            return false;
        }
        if (oddY) {
            // y ≠ 0 (secp256k1 has no point of order 2), so p − y is odd.
            Fe52.negate(y52, 1, y52);
            Fe52.normalize(y52);
        }
        Fe52.toInts(y52, y);
        return true;
    }

    // ------------------------------------------------------------------------------------------ points

    /** Scratch space for one thread's computation. Not thread-safe. */
    public static final class Ctx {
        final int[] tt = Nat256.createExt();
        final long[] t1 = new long[5];
        final long[] t2 = new long[5];
        final long[] t3 = new long[5];
        final long[] t4 = new long[5];
        final long[] t5 = new long[5];
        final long[] t6 = new long[5];
        final long[] t7 = new long[5];
        final long[] t8 = new long[5];
        final long[] negY = new long[5];
    }

    /**
     * A mutable Jacobian point (X/Z², Y/Z³) on {@link Fe52} limbs, every coordinate of magnitude ≤ 1 between
     * operations; {@link #inf} marks the point at infinity. Not thread-safe.
     */
    public static final class Jac {
        final long[] x = new long[5];
        final long[] y = new long[5];
        final long[] z = new long[5];
        boolean inf = true;

        void setAffine(int[] ax, int[] ay) {
            Fe52.fromInts(ax, x);
            Fe52.fromInts(ay, y);
            Fe52.setInt(z, 1);
            inf = false;
        }

        void setAffine(long[] ax, long[] ay) {
            Fe52.copy(ax, x);
            Fe52.copy(ay, y);
            Fe52.setInt(z, 1);
            inf = false;
        }

        void set(Jac o) {
            Fe52.copy(o.x, x);
            Fe52.copy(o.y, y);
            Fe52.copy(o.z, z);
            inf = o.inf;
        }

        /** True for the point at infinity (also when Z reached 0). */
        public boolean isInfinity() {
            return inf || Fe52.normalizesToZero(z);
        }
    }

    /** p = 2p (dbl-2009-l, a = 0: 2M + 5S). Magnitudes in brackets. */
    static void dbl(Jac p, Ctx c) {
        if (p.inf) {
            return;
        }
        long[] a = c.t1;
        long[] b = c.t2;
        long[] cc = c.t3;
        long[] d = c.t4;
        long[] e = c.t5;
        long[] f = c.t6;
        long[] t = c.t7;
        Fe52.sqr(p.x, a); // A = X² [1]
        Fe52.sqr(p.y, b); // B = Y² [1]
        Fe52.sqr(b, cc); // C = B² [1]
        Fe52.add(p.x, b, d); // [2]
        Fe52.sqr(d, d); // [1]
        Fe52.negate(a, 1, t);
        Fe52.add(d, t, d); // [3]
        Fe52.negate(cc, 1, t);
        Fe52.add(d, t, d); // [5]
        Fe52.mulInt(d, 2, d); // D = 2((X + B)² − A − C) [10]
        Fe52.normalizeWeak(d); // [1]
        Fe52.mulInt(a, 3, e); // E = 3A [3]
        Fe52.sqr(e, f); // F = E² [1]
        Fe52.mul(p.y, p.z, p.z); // [1]
        Fe52.mulInt(p.z, 2, p.z); // Z3 = 2YZ [2]
        Fe52.normalizeWeak(p.z); // [1]
        Fe52.negate(d, 1, t); // [2]
        Fe52.mulInt(t, 2, t); // −2D [4]
        Fe52.add(f, t, p.x); // X3 = F − 2D [5]
        Fe52.normalizeWeak(p.x); // [1]
        Fe52.negate(p.x, 1, t); // [2]
        Fe52.add(d, t, t); // D − X3 [3]
        Fe52.mul(e, t, t); // E(D − X3) [1]
        Fe52.mulInt(cc, 8, cc); // 8C [8]
        Fe52.negate(cc, 8, cc); // [9]
        Fe52.add(t, cc, p.y); // Y3 [10]
        Fe52.normalizeWeak(p.y); // [1]
    }

    /** p = p + (x2, y2) with an affine point given as 32-bit limbs (converted; tests and callers). */
    static void addAffine(Jac p, int[] x2, int[] y2, Ctx c) {
        addAffine(p, Fe52.fromInts(x2), Fe52.fromInts(y2), c);
    }

    /**
     * p = p + (x2, y2) with an affine point (madd-2007-bl: 7M + 4S), every special case handled. x2 must have
     * magnitude ≤ 1 and y2 magnitude ≤ 2; neither may alias p's coordinates or the Ctx temporaries used here.
     */
    static void addAffine(Jac p, long[] x2, long[] y2, Ctx c) {
        if (p.inf) {
            p.setAffine(x2, y2);
            Fe52.normalizeWeak(p.y);
            return;
        }
        long[] z1z1 = c.t1;
        long[] u2 = c.t2;
        long[] s2 = c.t3;
        long[] h = c.t4;
        long[] r = c.t5;
        long[] t = c.t8;
        Fe52.sqr(p.z, z1z1); // [1]
        Fe52.mul(x2, z1z1, u2); // U2 [1]
        Fe52.mul(y2, p.z, s2);
        Fe52.mul(s2, z1z1, s2); // S2 [1]
        Fe52.negate(p.x, 1, t);
        Fe52.add(u2, t, h); // H = U2 − X1 [3]
        Fe52.negate(p.y, 1, t);
        Fe52.add(s2, t, r); // r = S2 − Y1 [3]
        if (Fe52.normalizesToZero(h)) {
            if (Fe52.normalizesToZero(r)) {
                dbl(p, c);
            } else {
                p.inf = true;
            }
            return;
        }
        long[] hh = c.t6;
        long[] i = c.t7;
        Fe52.sqr(h, hh); // HH [1]
        Fe52.mulInt(hh, 4, i); // I = 4HH [4]
        // Z3 = (Z1 + H)² − Z1Z1 − HH = 2·Z1·H
        Fe52.mul(p.z, h, p.z);
        Fe52.mulInt(p.z, 2, p.z); // [2]
        Fe52.normalizeWeak(p.z); // [1]
        long[] j = u2; // U2 is no longer needed
        Fe52.mul(h, i, j); // J = H·I [1]
        Fe52.mulInt(r, 2, r); // [6]
        long[] v = s2; // S2 is no longer needed
        Fe52.mul(p.x, i, v); // V = X1·I [1]
        // X3 = r² − J − 2V
        Fe52.sqr(r, p.x); // [1]
        Fe52.negate(j, 1, t);
        Fe52.add(p.x, t, p.x); // [3]
        Fe52.negate(v, 1, t);
        Fe52.mulInt(t, 2, t); // [4]
        Fe52.add(p.x, t, p.x); // [7]
        Fe52.normalizeWeak(p.x); // [1]
        // Y3 = r(V − X3) − 2·Y1·J
        Fe52.mul(p.y, j, j); // [1]
        Fe52.mulInt(j, 2, j); // [2]
        Fe52.negate(p.x, 1, t);
        Fe52.add(v, t, v); // V − X3 [3]
        Fe52.mul(r, v, v); // [1]
        Fe52.negate(j, 2, t); // [3]
        Fe52.add(v, t, p.y); // [4]
        Fe52.normalizeWeak(p.y); // [1]
    }

    /** p = p + q, both Jacobian (add-2007-bl: 11M + 5S), every special case handled. q must not be p. */
    static void add(Jac p, Jac q, Ctx c) {
        if (q.inf) {
            return;
        }
        if (p.inf) {
            p.set(q);
            return;
        }
        long[] z1z1 = c.t1;
        long[] z2z2 = c.t2;
        long[] u1 = c.t3;
        long[] u2 = c.t4;
        long[] s1 = c.t5;
        long[] s2 = c.t6;
        long[] t = c.t8;
        Fe52.sqr(p.z, z1z1);
        Fe52.sqr(q.z, z2z2);
        Fe52.mul(p.x, z2z2, u1);
        Fe52.mul(q.x, z1z1, u2);
        Fe52.mul(p.y, q.z, s1);
        Fe52.mul(s1, z2z2, s1);
        Fe52.mul(q.y, p.z, s2);
        Fe52.mul(s2, z1z1, s2); // all [1]
        long[] h = u2;
        Fe52.negate(u1, 1, t);
        Fe52.add(u2, t, h); // H = U2 − U1 [3]
        long[] r = s2;
        Fe52.negate(s1, 1, t);
        Fe52.add(s2, t, r); // S2 − S1 [3]
        if (Fe52.normalizesToZero(h)) {
            if (Fe52.normalizesToZero(r)) {
                dbl(p, c);
            } else {
                p.inf = true;
            }
            return;
        }
        Fe52.mulInt(r, 2, r); // r [6]
        // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H = 2·Z1·Z2·H
        Fe52.mul(p.z, q.z, p.z);
        Fe52.mul(p.z, h, p.z);
        Fe52.mulInt(p.z, 2, p.z); // [2]
        Fe52.normalizeWeak(p.z); // [1]
        long[] i = z1z1;
        Fe52.mulInt(h, 2, i); // [6]
        Fe52.sqr(i, i); // I = (2H)² [1]
        long[] j = z2z2;
        Fe52.mul(h, i, j); // J [1]
        long[] v = c.t7;
        Fe52.mul(u1, i, v); // V [1]
        // X3 = r² − J − 2V
        Fe52.sqr(r, p.x);
        Fe52.negate(j, 1, t);
        Fe52.add(p.x, t, p.x); // [3]
        Fe52.negate(v, 1, t);
        Fe52.mulInt(t, 2, t);
        Fe52.add(p.x, t, p.x); // [7]
        Fe52.normalizeWeak(p.x); // [1]
        // Y3 = r(V − X3) − 2·S1·J
        Fe52.mul(s1, j, s1);
        Fe52.mulInt(s1, 2, s1); // [2]
        Fe52.negate(p.x, 1, t);
        Fe52.add(v, t, v); // [3]
        Fe52.mul(r, v, v); // [1]
        Fe52.negate(s1, 2, t); // [3]
        Fe52.add(v, t, p.y); // [4]
        Fe52.normalizeWeak(p.y); // [1]
    }

    /**
     * Converts Jacobian points to affine with one field inversion (Montgomery's trick). None may be
     * infinity. Results (normalized) are written to {@code xs[i]}, {@code ys[i]}.
     */
    static void normalizeAll(Jac[] pts, int count, long[][] xs, long[][] ys, Ctx c) {
        long[][] prefix = new long[count][];
        long[] acc = new long[5];
        for (int i = 0; i < count; i++) {
            if (pts[i].isInfinity()) {
                throw new IllegalStateException("cannot normalize the point at infinity");
            }
            if (i == 0) {
                Fe52.copy(pts[0].z, acc);
            } else {
                Fe52.mul(acc, pts[i].z, acc);
            }
            prefix[i] = acc.clone();
        }
        long[] inv = new long[5];
        Fe52.invVar(acc, inv);
        long[] zinv = c.t1;
        long[] zinv2 = c.t2;
        for (int i = count - 1; i >= 0; i--) {
            if (i > 0) {
                Fe52.mul(inv, prefix[i - 1], zinv);
                Fe52.mul(inv, pts[i].z, inv);
            } else {
                Fe52.copy(inv, zinv);
            }
            Fe52.sqr(zinv, zinv2);
            long[] x = new long[5];
            long[] y = new long[5];
            Fe52.mul(pts[i].x, zinv2, x);
            Fe52.mul(zinv2, zinv, zinv2);
            Fe52.mul(pts[i].y, zinv2, y);
            Fe52.normalize(x);
            Fe52.normalize(y);
            xs[i] = x;
            ys[i] = y;
        }
    }

    /**
     * Affine odd multiples P, 3P, …, (2^(w−1) − 1)·P of one point, for wNAF digits of width w, as normalized
     * {@link Fe52} elements. Immutable once built and safe to share between threads.
     */
    public static final class Table {
        final long[][] xs;
        final long[][] ys;

        Table(long[][] xs, long[][] ys) {
            this.xs = xs;
            this.ys = ys;
        }

        static Table ofAffine(long[] x, long[] y, int w) {
            return ofAffine52(new long[][] {x}, new long[][] {y}, w, new Ctx())[0];
        }

        /** Tables for several affine points (32-bit limbs, below p) at once, sharing one inversion. */
        static Table[] ofAffine(int[][] x, int[][] y, int w, Ctx c) {
            long[][] x52 = new long[x.length][];
            long[][] y52 = new long[y.length][];
            for (int i = 0; i < x.length; i++) {
                x52[i] = Fe52.fromInts(x[i]);
                y52[i] = Fe52.fromInts(y[i]);
            }
            return ofAffine52(x52, y52, w, c);
        }

        /** Tables for several affine points (magnitude ≤ 1) at once, sharing one inversion. */
        static Table[] ofAffine52(long[][] x, long[][] y, int w, Ctx c) {
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
            long[][] xs = new long[n * per][];
            long[][] ys = new long[n * per][];
            normalizeAll(all, n * per, xs, ys, c);
            Table[] out = new Table[n];
            for (int k = 0; k < n; k++) {
                long[][] tx = new long[per][];
                long[][] ty = new long[per][];
                System.arraycopy(xs, k * per, tx, 0, per);
                System.arraycopy(ys, k * per, ty, 0, per);
                out[k] = new Table(tx, ty);
            }
            return out;
        }

        /** The table of λ·P: every x multiplied by β, the same y arrays. */
        Table lambda(Ctx c) {
            long[][] lx = new long[xs.length][];
            for (int i = 0; i < xs.length; i++) {
                lx[i] = new long[5];
                Fe52.mul(xs[i], BETA_FE52, lx[i]);
                Fe52.normalize(lx[i]);
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
            Table t = Table.ofAffine(Fe52.fromBigInteger(normalized.getAffineXCoord().toBigInteger()),
                    Fe52.fromBigInteger(normalized.getAffineYCoord().toBigInteger()), W_KEY);
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
                long[] y = term.table.ys[idx];
                if (neg) {
                    Fe52.negate(y, 1, c.negY); // magnitude 2
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
        return gAndKey(s, key, e, true, c);
    }

    /** a·G ∓ b·P: the two G terms and the two GLV terms of the key in one Strauss chain. */
    private static Jac gAndKey(BigInteger a, KeyTable key, BigInteger b, boolean subtract, Ctx c) {
        Term[] terms = new Term[4];
        int n = addGTerms(terms, 0, a);
        n = addKeyTerms(terms, n, key, b, subtract);
        Jac acc = new Jac();
        strauss(terms, n, acc, c);
        return acc;
    }

    /** Whether X = x·Z² (x normalized), i.e. p's affine x is x; p must not be infinity. */
    private static boolean xMatches(Jac p, long[] x, Ctx c) {
        Fe52.sqr(p.z, c.t1);
        Fe52.mul(x, c.t1, c.t2);
        return Fe52.equal(c.t2, p.x, c.t3);
    }

    /**
     * Whether Jacobian {@code p} has affine x equal to {@code x} and an even affine y. Compares X with
     * x·Z² first (no inversion), so a wrong x is rejected cheaply; the parity needs one inversion.
     */
    public static boolean hasXAndEvenY(Jac p, int[] x, Ctx c) {
        if (p.isInfinity()) {
            return false;
        }
        if (!xMatches(p, Fe52.fromInts(x), c)) {
            return false;
        }
        long[] zinv = c.t3;
        long[] t = c.t2;
        Fe52.invVar(p.z, zinv);
        Fe52.sqr(zinv, t);
        Fe52.mul(t, zinv, t);
        Fe52.mul(t, p.y, t);
        Fe52.normalize(t);
        return !Fe52.isOdd(t);
    }

    /** a·G + b·P as a Jacobian point (a, b already reduced mod n), as ECDSA verification and recovery need. */
    public static Jac aGplusBP(BigInteger a, KeyTable key, BigInteger b, Ctx c) {
        return gAndKey(a, key, b, false, c);
    }

    /** Whether Jacobian {@code p} is not infinity and has affine x equal to {@code x} (X = x·Z², no inversion). */
    public static boolean hasX(Jac p, int[] x, Ctx c) {
        if (p.isInfinity()) {
            return false;
        }
        return xMatches(p, Fe52.fromInts(x), c);
    }

    /** Affine coordinates of a non-infinite Jacobian point, normalized, into x and y. */
    private static void toAffine52(Jac p, long[] x, long[] y, Ctx c) {
        long[] zinv = c.t1;
        long[] t = c.t2;
        Fe52.invVar(p.z, zinv);
        Fe52.sqr(zinv, t);
        Fe52.mul(p.x, t, x);
        Fe52.mul(t, zinv, t);
        Fe52.mul(p.y, t, y);
        Fe52.normalize(x);
        Fe52.normalize(y);
    }

    /**
     * Writes the affine coordinates of Jacobian {@code p} to {@code x} and {@code y} (one inversion); returns
     * false, leaving them unspecified, if p is the point at infinity.
     */
    public static boolean toAffine(Jac p, int[] x, int[] y, Ctx c) {
        if (p.isInfinity()) {
            return false;
        }
        long[] x52 = new long[5];
        long[] y52 = new long[5];
        toAffine52(p, x52, y52, c);
        Fe52.toInts(x52, x);
        Fe52.toInts(y52, y);
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
        long[] x = new long[5];
        long[] y = new long[5];
        toAffine52(p, x, y, new Ctx());
        return new BigInteger[] {Fe52.toBigInteger(x), Fe52.toBigInteger(y)};
    }
}

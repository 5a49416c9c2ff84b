package network.mostro.nostr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import java.util.stream.LongStream;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The allocation-free verification arithmetic, checked against Bouncy Castle's generic point code. */
class EcMultTest {
    static final BigInteger N = Secp256k1.N;
    static final BigInteger P = Secp256k1.P;

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    static BigInteger randomScalar(Random r) {
        return new BigInteger(256, r).mod(N);
    }

    static ECPoint randomPoint(Random r) {
        return Secp256k1.G.multiply(randomScalar(r).add(BigInteger.ONE)).normalize();
    }

    static void assertSame(EcMult.Jac got, ECPoint want) {
        ECPoint w = want.normalize();
        if (w.isInfinity()) {
            assertThat(got.isInfinity()).isTrue();
            return;
        }
        BigInteger[] xy = EcMult.toAffine(got);
        assertThat(xy).isNotNull();
        assertThat(xy[0]).isEqualTo(w.getAffineXCoord().toBigInteger());
        assertThat(xy[1]).isEqualTo(w.getAffineYCoord().toBigInteger());
    }

    @Test
    void betaAndLambdaAreTheCurveEndomorphism() {
        ECPoint lg = Secp256k1.G.multiply(EcMult.LAMBDA).normalize();
        ECPoint g = Secp256k1.G.normalize();
        assertThat(lg.getAffineXCoord().toBigInteger())
                .isEqualTo(g.getAffineXCoord().toBigInteger().multiply(EcMult.BETA).mod(P));
        assertThat(lg.getAffineYCoord().toBigInteger()).isEqualTo(g.getAffineYCoord().toBigInteger());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void wnafDigitsRebuildTheScalar(long seed) {
        Random r = new Random(seed);
        for (int w = 2; w <= 14; w++) {
            BigInteger k = new BigInteger(1 + r.nextInt(260), r);
            int[] naf = new int[k.bitLength() + 1];
            int len = EcMult.wnaf(k, w, naf);
            BigInteger back = BigInteger.ZERO;
            int lastNonZero = -w;
            for (int i = naf.length - 1; i >= 0; i--) {
                back = back.shiftLeft(1).add(BigInteger.valueOf(naf[i]));
            }
            for (int i = 0; i < naf.length; i++) {
                int d = naf[i];
                if (d != 0) {
                    assertThat(d & 1).as("odd digit").isEqualTo(1);
                    assertThat(Math.abs(d)).isLessThan(1 << (w - 1));
                    assertThat(i - lastNonZero).as("spacing").isGreaterThanOrEqualTo(w);
                    lastNonZero = i;
                }
            }
            assertThat(back).isEqualTo(k);
            assertThat(len).isLessThanOrEqualTo(naf.length);
            if (k.signum() > 0) {
                assertThat(naf[len - 1]).isNotZero();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void squareRootMatchesModPow(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 20; i++) {
            BigInteger x = new BigInteger(256, r).mod(P);
            int[] z = new int[8];
            boolean ok = EcMult.feSqrt(Nat256.fromBigInteger(x), z);
            BigInteger cand = x.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
            boolean square = cand.multiply(cand).mod(P).equals(x);
            assertThat(ok).isEqualTo(square);
            if (ok) {
                assertThat(Nat256.toBigInteger(z)).isEqualTo(cand);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void liftXMatchesBouncyCastle(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 10; i++) {
            byte[] x = new byte[32];
            r.nextBytes(x);
            int[] fx = new int[8];
            if (!EcMult.feFromBytes(x, 0, fx)) {
                continue;
            }
            int[] y = new int[8];
            boolean ok = EcMult.liftX(fx, y);
            ECPoint want = null;
            try {
                want = Secp256k1.liftX(x);
            } catch (network.mostro.nostr.CryptoException e) {
                // not on the curve
            }
            assertThat(ok).isEqualTo(want != null);
            if (ok) {
                assertThat(Nat256.toBigInteger(y)).isEqualTo(want.getAffineYCoord().toBigInteger());
            }
        }
    }

    @Test
    void fieldBytesRejectValuesAtOrAboveP() {
        byte[] p = Secp256k1.toBytes32(P);
        assertThat(EcMult.feFromBytes(p, 0, new int[8])).isFalse();
        byte[] pm1 = Secp256k1.toBytes32(P.subtract(BigInteger.ONE));
        int[] z = new int[8];
        assertThat(EcMult.feFromBytes(pm1, 0, z)).isTrue();
        byte[] back = new byte[32];
        EcMult.feToBytes(z, back, 0);
        assertThat(back).isEqualTo(pm1);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sGminusEPMatchesBouncyCastle(long seed) {
        Random r = new Random(seed);
        ECPoint p = randomPoint(r);
        EcMult.KeyTable table = EcMult.KeyTable.of(p);
        EcMult.Ctx c = new EcMult.Ctx();
        for (int i = 0; i < 5; i++) {
            BigInteger s = randomScalar(r);
            BigInteger e = randomScalar(r);
            ECPoint want = Secp256k1.G.multiply(s).subtract(p.multiply(e));
            assertSame(EcMult.sGminusEP(s, table, e, c), want);
        }
    }

    @Test
    void edgeScalarsIncludingCancellationToInfinity() {
        Random r = new Random(7);
        ECPoint p = randomPoint(r);
        EcMult.KeyTable table = EcMult.KeyTable.of(p);
        EcMult.Ctx c = new EcMult.Ctx();
        BigInteger[] edge = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, N.subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(128), BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(255), EcMult.LAMBDA};
        for (BigInteger s : edge) {
            for (BigInteger e : edge) {
                ECPoint want = Secp256k1.G.multiply(s).subtract(p.multiply(e));
                assertSame(EcMult.sGminusEP(s, table, e, c), want);
            }
        }
        // P = G: s·G − s·G is infinity; the additions meet equal and opposite points on the way.
        EcMult.KeyTable gTable = EcMult.KeyTable.of(Secp256k1.G.normalize());
        for (BigInteger s : edge) {
            assertThat(EcMult.sGminusEP(s, gTable, s, c).isInfinity()).isTrue();
            ECPoint want = Secp256k1.G.multiply(s).subtract(Secp256k1.G.multiply(s.add(BigInteger.ONE)));
            assertSame(EcMult.sGminusEP(s, gTable, s.add(BigInteger.ONE).mod(N), c), want);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void jacobianAdditionHandlesDoublingAndNegation(long seed) {
        Random r = new Random(seed);
        ECPoint a = randomPoint(r);
        EcMult.Ctx c = new EcMult.Ctx();
        int[] ax = Nat256.fromBigInteger(a.getAffineXCoord().toBigInteger());
        int[] ay = Nat256.fromBigInteger(a.getAffineYCoord().toBigInteger());
        int[] negAy = Nat256.fromBigInteger(P.subtract(a.getAffineYCoord().toBigInteger()));
        // Put a in a non-trivial Jacobian form: a = (a + a) + (−a) computed with Z ≠ 1.
        EcMult.Jac j = new EcMult.Jac();
        j.setAffine(ax, ay);
        EcMult.addAffine(j, ax, ay, c); // 2a (via the doubling branch)
        assertSame(j, a.twice());
        EcMult.addAffine(j, ax, negAy, c); // a
        assertSame(j, a);
        EcMult.addAffine(j, ax, ay, c); // 2a, Z ≠ 1 now
        assertSame(j, a.twice());
        EcMult.Jac q = new EcMult.Jac();
        q.set(j);
        EcMult.add(j, q, c); // 4a through the Jacobian doubling branch
        assertSame(j, a.multiply(BigInteger.valueOf(4)));
        EcMult.Jac minus = new EcMult.Jac();
        minus.setAffine(ax, negAy);
        EcMult.dbl(minus, c);
        EcMult.dbl(minus, c); // −4a
        EcMult.add(j, minus, c);
        assertThat(j.isInfinity()).isTrue();
        EcMult.addAffine(j, ax, ay, c); // ∞ + a
        assertSame(j, a);
    }
}

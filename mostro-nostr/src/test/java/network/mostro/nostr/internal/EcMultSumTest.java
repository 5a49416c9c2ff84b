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

/**
 * The ECDSA building blocks of {@link EcMult} (a·G + b·P, lift_x with a parity, tables from raw coordinates,
 * affine conversion, x comparison, compressed encoding), checked against Bouncy Castle's point code.
 */
class EcMultSumTest {
    static final BigInteger N = Secp256k1.N;

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    static int[] fe(BigInteger v) {
        return Nat256.fromBigInteger(v);
    }

    static EcMult.KeyTable tableOf(ECPoint p, EcMult.Ctx c) {
        ECPoint q = p.normalize();
        return EcMult.KeyTable.ofAffine(fe(q.getAffineXCoord().toBigInteger()), fe(q.getAffineYCoord().toBigInteger()), c);
    }

    /** a and b drawn uniformly, or from the edges (0, 1, n − 1, small, near 2¹²⁸) every few seeds. */
    static BigInteger scalar(Random r, int pick) {
        return switch (pick) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.ONE;
            case 2 -> N.subtract(BigInteger.ONE);
            case 3 -> BigInteger.valueOf(r.nextInt(1000));
            case 4 -> BigInteger.ONE.shiftLeft(128).subtract(BigInteger.valueOf(r.nextInt(3)));
            default -> new BigInteger(256, r).mod(N);
        };
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aGplusBPMatchesBouncyCastle(long seed) {
        Random r = new Random(seed);
        ECPoint p = EcMultTest.randomPoint(r);
        BigInteger a = scalar(r, r.nextInt(12));
        BigInteger b = scalar(r, r.nextInt(12));
        EcMult.Ctx c = new EcMult.Ctx();
        EcMult.Jac got = EcMult.aGplusBP(a, tableOf(p, c), b, c);
        ECPoint want = Secp256k1.G.multiply(a).add(p.multiply(b)).normalize();
        EcMultTest.assertSame(got, want);
        EcMult.KeyTable viaEcPoint = EcMult.KeyTable.of(p.normalize());
        EcMultTest.assertSame(EcMult.aGplusBP(a, viaEcPoint, b, c), want);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aGplusBPReachesInfinityAndDoubling(long seed) {
        Random r = new Random(seed);
        BigInteger k = new BigInteger(256, r).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        BigInteger b = new BigInteger(256, r).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        ECPoint p = Secp256k1.G.multiply(k).normalize();
        EcMult.Ctx c = new EcMult.Ctx();
        EcMult.KeyTable t = tableOf(p, c);
        // a = −b·k: a·G + b·P = 0.
        BigInteger a = N.subtract(b.multiply(k).mod(N)).mod(N);
        EcMult.Jac inf = EcMult.aGplusBP(a, t, b, c);
        assertThat(inf.isInfinity()).isTrue();
        assertThat(EcMult.toAffine(inf, new int[8], new int[8], c)).isFalse();
        assertThat(EcMult.hasX(inf, fe(BigInteger.ONE), c)).isFalse();
        // a = b·k: a·G + b·P = 2·b·P.
        BigInteger same = b.multiply(k).mod(N);
        EcMultTest.assertSame(EcMult.aGplusBP(same, t, b, c), p.multiply(b.shiftLeft(1).mod(N)));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void liftXWithParityToAffineHasXAndCompressed(long seed) {
        Random r = new Random(seed);
        EcMult.Ctx c = new EcMult.Ctx();
        ECPoint p = EcMultTest.randomPoint(r);
        BigInteger px = p.getAffineXCoord().toBigInteger();
        boolean odd = p.getAffineYCoord().testBitZero();
        int[] x = fe(px);
        int[] y = new int[8];
        assertThat(EcMult.liftX(x, odd, y, c)).isTrue();
        assertThat(Nat256.toBigInteger(y)).isEqualTo(p.getAffineYCoord().toBigInteger());
        assertThat(EcMult.liftX(x, !odd, y, c)).isTrue();
        assertThat(Nat256.toBigInteger(y)).isEqualTo(p.negate().normalize().getAffineYCoord().toBigInteger());

        // A Jacobian point with Z ≠ 1: 3·P as computed by the Strauss loop.
        EcMult.Jac j = EcMult.aGplusBP(BigInteger.ZERO, tableOf(p, c), BigInteger.valueOf(3), c);
        ECPoint want = p.multiply(BigInteger.valueOf(3)).normalize();
        int[] ax = new int[8];
        int[] ay = new int[8];
        assertThat(EcMult.toAffine(j, ax, ay, c)).isTrue();
        assertThat(Nat256.toBigInteger(ax)).isEqualTo(want.getAffineXCoord().toBigInteger());
        assertThat(Nat256.toBigInteger(ay)).isEqualTo(want.getAffineYCoord().toBigInteger());
        assertThat(EcMult.compressed(ax, ay)).isEqualTo(want.getEncoded(true));
        assertThat(EcMult.hasX(j, ax, c)).isTrue();
        assertThat(EcMult.hasX(j, fe(want.getAffineXCoord().toBigInteger().add(BigInteger.ONE)), c)).isFalse();
    }

    @Test
    void liftXRejectsXOffTheCurve() {
        Random r = new Random(7);
        EcMult.Ctx c = new EcMult.Ctx();
        int rejected = 0;
        for (int i = 0; i < 64; i++) {
            BigInteger x = new BigInteger(256, r).mod(Secp256k1.P);
            byte[] enc = new byte[33];
            enc[0] = 0x02;
            System.arraycopy(Secp256k1.toBytes32(x), 0, enc, 1, 32);
            boolean onCurve;
            try {
                Secp256k1.CURVE.decodePoint(enc);
                onCurve = true;
            } catch (IllegalArgumentException e) {
                onCurve = false;
            }
            assertThat(EcMult.liftX(fe(x), true, new int[8], c)).isEqualTo(onCurve);
            assertThat(EcMult.liftX(fe(x), false, new int[8], c)).isEqualTo(onCurve);
            rejected += onCurve ? 0 : 1;
        }
        assertThat(rejected).as("about half of random x are off the curve").isBetween(10, 54);
    }
}

package network.mostro.nostr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import network.mostro.nostr.CryptoException;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.endo.GLVEndomorphism;
import org.bouncycastle.math.raw.Nat256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The constant-time ECDH multiplication, checked against Bouncy Castle's {@code ECPoint.multiply}. */
class EcDhTest {
    static final BigInteger N = Secp256k1.N;
    static final BigInteger P = Secp256k1.P;
    static final BigInteger LAMBDA = EcMult.LAMBDA;
    static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);

    static BigInteger randomScalar(Random r) {
        BigInteger d;
        do {
            d = new BigInteger(256, r);
        } while (d.signum() == 0 || d.compareTo(N) >= 0);
        return d;
    }

    /** A random curve point: half of the time k·G, otherwise lift_x of a random x with a random y parity. */
    static ECPoint randomPoint(Random r) {
        if (r.nextBoolean()) {
            return Secp256k1.G.multiply(randomScalar(r)).normalize();
        }
        while (true) {
            byte[] enc = new byte[33];
            enc[0] = (byte) (r.nextBoolean() ? 2 : 3);
            byte[] x = Secp256k1.toBytes32(new BigInteger(256, r).mod(P));
            System.arraycopy(x, 0, enc, 1, 32);
            try {
                return Secp256k1.CURVE.decodePoint(enc).normalize();
            } catch (IllegalArgumentException notOnCurve) {
                // try another x
            }
        }
    }

    static byte[] expected(BigInteger d, ECPoint p) {
        ECPoint s = p.multiply(d).normalize();
        assertThat(s.isInfinity()).isFalse();
        return Secp256k1.xBytes(s);
    }

    static void check(BigInteger d, ECPoint p) {
        assertThat(Hex.encode(EcDh.ecdhX(d, p))).as("d=%s P=%s", d.toString(16), p).isEqualTo(Hex.encode(expected(d, p)));
    }

    // ------------------------------------------------------------------------------ random pairs

    static LongStream seeds() {
        return LongStream.range(0, 600);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void matchesBouncyCastleOnRandomPairs(long seed) {
        Random r = new Random(0xEC0D400L + seed);
        check(randomScalar(r), randomPoint(r));
    }

    static LongStream limbSeeds() {
        return LongStream.range(0, 100);
    }

    @ParameterizedTest
    @MethodSource("limbSeeds")
    void intLimbEntryPointMatches(long seed) {
        Random r = new Random(0x1D0L + seed);
        BigInteger d = randomScalar(r);
        ECPoint p = randomPoint(r);
        int[] k = Nat256.fromBigInteger(d);
        int[] kCopy = k.clone();
        byte[] out = new byte[32];
        EcDh.ecdhX(k, Nat256.fromBigInteger(p.getAffineXCoord().toBigInteger()),
                Nat256.fromBigInteger(p.getAffineYCoord().toBigInteger()), out);
        assertThat(Hex.encode(out)).isEqualTo(Hex.encode(expected(d, p)));
        assertThat(k).as("caller's scalar is not modified").isEqualTo(kCopy);
    }

    // ------------------------------------------------------------------------------ edge scalars and points

    static List<BigInteger> edgeScalars() {
        List<BigInteger> s = new ArrayList<>();
        for (long v = 1; v <= 70; v++) {
            s.add(BigInteger.valueOf(v));
        }
        BigInteger half = N.subtract(BigInteger.ONE).shiftRight(1);
        for (BigInteger b : new BigInteger[] {N.subtract(BigInteger.ONE), N.subtract(BigInteger.TWO),
                N.subtract(BigInteger.valueOf(3)), N.subtract(BigInteger.valueOf(31)), LAMBDA,
                LAMBDA.add(BigInteger.ONE), LAMBDA.subtract(BigInteger.ONE), N.subtract(LAMBDA),
                LAMBDA.multiply(LAMBDA).mod(N), half, half.add(BigInteger.ONE), half.subtract(BigInteger.ONE),
                BigInteger.ONE.add(LAMBDA).mod(N), // s = 0: both GLV halves 0, every digit −31 … +1
                N.subtract(BigInteger.ONE.add(LAMBDA).mod(N))}) {
            s.add(b);
        }
        for (int k = 0; k < 256; k++) {
            BigInteger p2 = BigInteger.ONE.shiftLeft(k);
            s.add(p2.mod(N));
            s.add(p2.subtract(BigInteger.ONE).mod(N));
            s.add(p2.multiply(LAMBDA).mod(N));
        }
        // Scalars with chosen GLV halves: k = (2·s1 + 1) + (2·s2 + 1)·λ, with s1, s2 zero, tiny or near ±2¹²⁷.
        BigInteger[] halves = {BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(), BigInteger.TWO.pow(126),
                BigInteger.TWO.pow(127).subtract(BigInteger.ONE), BigInteger.TWO.pow(127).negate(),
                BigInteger.TWO.pow(126).negate().add(BigInteger.TEN), new BigInteger("5555555555555555555555555555555", 16),
                new BigInteger("-3333333333333333333333333333333", 16)};
        for (BigInteger s1 : halves) {
            for (BigInteger s2 : halves) {
                BigInteger k = s1.shiftLeft(1).add(BigInteger.ONE)
                        .add(s2.shiftLeft(1).add(BigInteger.ONE).multiply(LAMBDA)).mod(N);
                if (k.signum() != 0) {
                    s.add(k);
                }
            }
        }
        // Scalars whose Bouncy Castle GLV halves are 0 (k = m·λ, k small) or extreme.
        for (long m = 1; m < 40; m += 3) {
            s.add(BigInteger.valueOf(m).multiply(LAMBDA).mod(N));
            s.add(N.subtract(BigInteger.valueOf(m).multiply(LAMBDA).mod(N)));
        }
        s.add(EcDh.A1);
        s.add(EcDh.A2);
        s.add(EcDh.B1.negate());
        s.add(EcDh.A1.add(EcDh.A2).shiftRight(1));
        s.removeIf(k -> k.signum() == 0); // 2⁰ − 1; zero is tested separately
        return s;
    }

    static List<ECPoint> edgePoints() {
        List<ECPoint> pts = new ArrayList<>();
        ECPoint g = Secp256k1.G.normalize();
        pts.add(g);
        pts.add(g.negate().normalize());
        pts.add(g.multiply(LAMBDA).normalize());
        pts.add(g.multiply(LAMBDA.multiply(LAMBDA).mod(N)).normalize());
        pts.add(g.twice().normalize());
        pts.add(g.multiply(N.subtract(BigInteger.ONE)).normalize());
        int found = 0;
        for (int x = 1; found < 3; x++) {
            for (int prefix = 2; prefix <= 3; prefix++) {
                byte[] enc = new byte[33];
                enc[0] = (byte) prefix;
                enc[32] = (byte) x;
                try {
                    pts.add(Secp256k1.CURVE.decodePoint(enc).normalize());
                    if (prefix == 3) {
                        found++;
                    }
                } catch (IllegalArgumentException notOnCurve) {
                    break;
                }
            }
        }
        return pts;
    }

    @Test
    void edgeScalarsTimesEdgePointsMatchBouncyCastle() {
        List<BigInteger> scalars = edgeScalars();
        List<ECPoint> points = edgePoints();
        assertThat(scalars).hasSizeGreaterThan(900);
        assertThat(points).hasSizeGreaterThanOrEqualTo(12);
        for (ECPoint p : points) {
            for (int i = 0; i < scalars.size(); i++) {
                // every scalar with G and a small-x point; a deterministic third of them with the rest
                if (p == points.get(0) || p == points.get(points.size() - 1) || i % 3 == points.indexOf(p) % 3) {
                    check(scalars.get(i), p);
                }
            }
        }
    }

    static LongStream digitSeeds() {
        return LongStream.range(0, 150);
    }

    @ParameterizedTest
    @MethodSource("digitSeeds")
    void extremeDigitPatterns(long seed) {
        Random r = new Random(0xD161L + seed);
        // v1, v2 built from windows that are all 0 (digit −31) or all 1 (digit +31) or random, then mapped back
        // to the scalar they represent; only halves within the GLV bound are reachable, so keep |s_i| < 2¹²⁷.
        BigInteger[] s = new BigInteger[2];
        for (int h = 0; h < 2; h++) {
            BigInteger v = BigInteger.ZERO;
            for (int j = 0; j < EcDh.WINDOWS - 1; j++) {
                int mode = r.nextInt(3);
                int chunk = mode == 0 ? 0 : mode == 1 ? 31 : r.nextInt(32);
                v = v.or(BigInteger.valueOf(chunk).shiftLeft(EcDh.W * j));
            }
            v = v.and(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE));
            if (r.nextBoolean()) {
                v = v.add(BigInteger.ONE.shiftLeft(129).subtract(BigInteger.ONE.shiftLeft(127)));
            } else {
                v = v.add(BigInteger.ONE.shiftLeft(128));
            }
            s[h] = v.subtract(BigInteger.ONE.shiftLeft(129));
        }
        BigInteger k = s[0].shiftLeft(1).add(BigInteger.ONE)
                .add(s[1].shiftLeft(1).add(BigInteger.ONE).multiply(LAMBDA)).mod(N);
        check(k.signum() != 0 ? k : BigInteger.ONE, randomPoint(r));
    }

    @Test
    void scalarsOutsideTheRangeAreReducedModN() {
        ECPoint p = Secp256k1.G.multiply(BigInteger.valueOf(12345)).normalize();
        for (BigInteger d : new BigInteger[] {N.add(BigInteger.ONE), N.add(BigInteger.valueOf(77)),
                BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(300).add(BigInteger.TEN),
                BigInteger.valueOf(-5), N.negate().subtract(BigInteger.ONE)}) {
            check(d, p);
        }
    }

    @Test
    void pointAtInfinityIsACryptoException() {
        ECPoint p = Secp256k1.G.multiply(BigInteger.valueOf(99)).normalize();
        for (BigInteger d : new BigInteger[] {BigInteger.ZERO, N, N.shiftLeft(1), N.negate()}) {
            assertThat(p.multiply(d).normalize().isInfinity()).isTrue(); // where the old code threw
            assertThatThrownBy(() -> EcDh.ecdhX(d, p)).isInstanceOf(CryptoException.class)
                    .hasMessageContaining("infinity");
        }
        assertThatThrownBy(() -> EcDh.ecdhX(BigInteger.ONE, Secp256k1.CURVE.getInfinity()))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void invalidPointsAreCryptoExceptions() {
        ECPoint g = Secp256k1.G.normalize();
        ECPoint off = Secp256k1.CURVE.createPoint(g.getAffineXCoord().toBigInteger(),
                g.getAffineYCoord().toBigInteger().add(BigInteger.ONE));
        assertThatThrownBy(() -> EcDh.ecdhX(BigInteger.TWO, off)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("not on secp256k1");
        assertThatThrownBy(() -> EcDh.ecdhX(null, g)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> EcDh.ecdhX(BigInteger.TWO, null)).isInstanceOf(CryptoException.class);
        int[] x = Nat256.fromBigInteger(g.getAffineXCoord().toBigInteger());
        int[] badY = Nat256.fromBigInteger(BigInteger.valueOf(5));
        assertThatThrownBy(() -> EcDh.ecdhX(new int[] {3, 0, 0, 0, 0, 0, 0, 0}, x, badY, new byte[32]))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> EcDh.ecdhX(new int[7], x, badY, new byte[32])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> EcDh.ecdhX(new int[8], x, badY, new byte[31])).isInstanceOf(CryptoException.class);
        int[] unreduced = Nat256.fromBigInteger(P.add(BigInteger.ONE));
        assertThatThrownBy(() -> EcDh.ecdhX(new int[] {3, 0, 0, 0, 0, 0, 0, 0}, unreduced, badY, new byte[32]))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void unnormalizedPointsAreAccepted() {
        ECPoint p = Secp256k1.G.multiply(BigInteger.valueOf(4242)).add(Secp256k1.G); // Jacobian, not normalized
        BigInteger d = new BigInteger("deadbeef00112233445566778899aabbccddeeff0123456789abcdef01234567", 16);
        assertThat(EcDh.ecdhX(d, p)).isEqualTo(expected(d, p.normalize()));
    }

    // ------------------------------------------------------------------------------ NIP-44 vectors

    @Test
    void nip44ConversationKeyVectors() throws IOException {
        JsonNode root;
        try (InputStream in = EcDhTest.class.getResourceAsStream("/vectors/nip44.vectors.json")) {
            assertThat(in).isNotNull();
            root = new ObjectMapper().readTree(in);
        }
        JsonNode cases = root.get("v2").get("valid").get("get_conversation_key");
        assertThat(cases.size()).isEqualTo(35);
        for (JsonNode v : cases) {
            BigInteger sec = Secp256k1.scalar(Hex.decode(v.get("sec1").asText()));
            ECPoint pub = Secp256k1.liftX(Hex.decode(v.get("pub2").asText()));
            byte[] shared = EcDh.ecdhX(sec, pub);
            assertThat(Hex.encode(Nip44Cipher.conversationKey(shared))).as(v.get("sec1").asText())
                    .isEqualTo(v.get("conversation_key").asText());
        }
    }

    // ------------------------------------------------------------------------------ internals

    @Test
    void splitParametersAreBouncyCastlesAndTheLatticeIsAsArgued() {
        // (a_i, b_i) are in the lattice {(x, y) : x + y·λ ≡ 0 (mod n)} and form a basis (determinant ±n).
        assertThat(EcDh.A1.add(EcDh.B1.multiply(LAMBDA)).mod(N)).isEqualTo(BigInteger.ZERO);
        assertThat(EcDh.A2.add(EcDh.B2.multiply(LAMBDA)).mod(N)).isEqualTo(BigInteger.ZERO);
        assertThat(EcDh.A1.multiply(EcDh.B2).subtract(EcDh.A2.multiply(EcDh.B1)).abs()).isEqualTo(N);
        // Gauss-reduced: |v1| ≤ |v2| and |<v1, v2>| ≤ |v1|²/2, so v1 is a shortest vector ...
        BigInteger n1 = EcDh.A1.pow(2).add(EcDh.B1.pow(2));
        BigInteger n2 = EcDh.A2.pow(2).add(EcDh.B2.pow(2));
        BigInteger dot = EcDh.A1.multiply(EcDh.A2).add(EcDh.B1.multiply(EcDh.B2));
        assertThat(n1).isLessThanOrEqualTo(n2);
        assertThat(dot.abs().shiftLeft(1)).isLessThanOrEqualTo(n1);
        // ... and |v1|² ≥ 2²⁵⁵, so every non-zero lattice vector has a coordinate of size ≥ 2¹²⁷.
        assertThat(n1).isGreaterThanOrEqualTo(BigInteger.ONE.shiftLeft(255));
        // Windows j ≥ 1 keep both coordinates below 2^(130 − 5j) ≤ 2¹²⁵: only window 0 needs complete additions.
        assertThat(EcDh.L - EcDh.W).isLessThanOrEqualTo(127);
        assertThat(EcDh.L).isGreaterThan(127);
        // g_i = round(2²⁷² · b / n) as the rounding-error bound assumes.
        assertThat(EcDh.G1).isEqualTo(round(EcDh.B2.shiftLeft(EcDh.SPLIT_SHIFT), N));
        assertThat(EcDh.G2).isEqualTo(round(EcDh.B1.negate().shiftLeft(EcDh.SPLIT_SHIFT), N));
    }

    private static BigInteger round(BigInteger num, BigInteger den) {
        return num.shiftLeft(1).add(den).divide(den.shiftLeft(1));
    }

    @Test
    void noCurvePointHasXZero() {
        // 7 is a non-residue mod p: the degenerate branch of the complete addition always has U1 ≠ U2.
        assertThat(BigInteger.valueOf(7).modPow(P.subtract(BigInteger.ONE).shiftRight(1), P))
                .isEqualTo(P.subtract(BigInteger.ONE));
    }

    static List<BigInteger> splitInputs() {
        List<BigInteger> s = new ArrayList<>();
        Random r = new Random(7);
        for (int i = 0; i < 3000; i++) {
            s.add(new BigInteger(256, r).mod(N));
        }
        for (BigInteger e : edgeScalars()) {
            s.add(e.mod(N));
        }
        s.add(BigInteger.ZERO);
        return s;
    }

    @Test
    void glvSplitMatchesBouncyCastleAndStaysInRange() {
        GLVEndomorphism glv = (GLVEndomorphism) Secp256k1.CURVE.getEndomorphism();
        EcDh.Ctx c = new EcDh.Ctx();
        BigInteger bound = BigInteger.ONE.shiftLeft(128);
        for (BigInteger s : splitInputs()) {
            int[] v1 = new int[8];
            int[] v2 = new int[8];
            EcDh.splitS(Nat256.fromBigInteger(s), v1, v2, c);
            BigInteger s1 = Nat256.toBigInteger(v1).subtract(BigInteger.ONE.shiftLeft(129));
            BigInteger s2 = Nat256.toBigInteger(v2).subtract(BigInteger.ONE.shiftLeft(129));
            BigInteger[] bc = glv.decomposeScalar(s);
            assertThat(s1).as("s1 of %s", s).isEqualTo(bc[0]);
            assertThat(s2).as("s2 of %s", s).isEqualTo(bc[1]);
            assertThat(s1.abs()).isLessThan(bound);
            assertThat(s2.abs()).isLessThan(bound);
            assertThat(s1.add(s2.multiply(LAMBDA)).subtract(s).mod(N)).isEqualTo(BigInteger.ZERO);
        }
    }

    @Test
    void recodingReconstructsTheScalar() {
        EcDh.Ctx c = new EcDh.Ctx();
        for (BigInteger k : splitInputs()) {
            int[] kk = Nat256.fromBigInteger(k);
            int[] v1 = new int[8];
            int[] v2 = new int[8];
            EcDh.split(kk, v1, v2, c);
            BigInteger[] sum = {BigInteger.ZERO, BigInteger.ZERO};
            int[][] vs = {v1, v2};
            for (int h = 0; h < 2; h++) {
                for (int j = EcDh.WINDOWS - 1; j >= 0; j--) {
                    int d = EcDh.digit(vs[h], j);
                    assertThat(d & 1).isEqualTo(1);
                    assertThat(Math.abs(d)).isLessThanOrEqualTo(31);
                    sum[h] = sum[h].shiftLeft(EcDh.W).add(BigInteger.valueOf(d));
                }
            }
            assertThat(sum[0].add(sum[1].multiply(LAMBDA)).mod(N)).isEqualTo(k);
        }
    }

    static Stream<BigInteger> fieldValues() {
        Random r = new Random(11);
        List<BigInteger> v = new ArrayList<>();
        for (BigInteger b : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, P.subtract(BigInteger.ONE),
                P.subtract(BigInteger.TWO), P.shiftRight(1), BigInteger.ONE.shiftLeft(255),
                BigInteger.ONE.shiftLeft(32).add(BigInteger.valueOf(977)), BigInteger.ONE.shiftLeft(224).subtract(BigInteger.ONE),
                P.subtract(BigInteger.ONE.shiftLeft(32))}) {
            v.add(b);
        }
        for (int i = 0; i < 300; i++) {
            v.add(new BigInteger(256, r).mod(P));
            // values near p and near 2²⁵⁶ − stuff stress the final conditional subtraction
            v.add(P.subtract(BigInteger.valueOf(r.nextInt(1 << 20)).add(BigInteger.ONE)));
        }
        return v.stream();
    }

    @Test
    void maskedFieldArithmeticMatchesBigInteger() {
        List<BigInteger> vals = fieldValues().toList();
        EcDh.Ctx c = new EcDh.Ctx();
        int[] tt = new int[16];
        int[] z = new int[8];
        Random r = new Random(3);
        for (int i = 0; i < vals.size(); i++) {
            BigInteger a = vals.get(i);
            BigInteger b = i % 2 == 0 ? vals.get(r.nextInt(vals.size())) : vals.get((i * 7 + 3) % vals.size());
            int[] x = Nat256.fromBigInteger(a);
            int[] y = Nat256.fromBigInteger(b);
            EcDh.add(x, y, z);
            assertThat(Nat256.toBigInteger(z)).isEqualTo(a.add(b).mod(P));
            EcDh.sub(x, y, z);
            assertThat(Nat256.toBigInteger(z)).isEqualTo(a.subtract(b).mod(P));
            EcDh.mul(x, y, z, tt);
            assertThat(Nat256.toBigInteger(z)).isEqualTo(a.multiply(b).mod(P));
            EcDh.sqr(x, z, tt);
            assertThat(Nat256.toBigInteger(z)).isEqualTo(a.multiply(a).mod(P));
            EcDh.half(x, z);
            assertThat(Nat256.toBigInteger(z)).isEqualTo(a.multiply(BigInteger.TWO.modInverse(P)).mod(P));
            if (i % 10 == 0) {
                EcDh.inv(x, z, c);
                assertThat(Nat256.toBigInteger(z)).isEqualTo(a.signum() == 0 ? BigInteger.ZERO : a.modInverse(P));
            }
        }
        // the reduction's worst case: (p − 1)² and a 512-bit value of all ones
        int[] all = new int[16];
        java.util.Arrays.fill(all, -1);
        EcDh.reduce(all, z);
        assertThat(Nat256.toBigInteger(z)).isEqualTo(BigInteger.ONE.shiftLeft(512).subtract(BigInteger.ONE).mod(P));
    }

    @Test
    void completeAdditionHandlesEveryCase() {
        EcDh.Ctx c = new EcDh.Ctx();
        Random r = new Random(5);
        ECPoint q = Secp256k1.G.multiply(BigInteger.valueOf(777)).normalize();
        BigInteger l2 = LAMBDA.multiply(LAMBDA).mod(N);
        ECPoint[] accs = {q, q.negate(), q.multiply(LAMBDA), q.multiply(LAMBDA).negate(), q.multiply(l2).negate(),
                q.twice(), Secp256k1.G, Secp256k1.CURVE.getInfinity()};
        int[] qx = Nat256.fromBigInteger(q.getAffineXCoord().toBigInteger());
        int[] qy = Nat256.fromBigInteger(q.getAffineYCoord().toBigInteger());
        for (ECPoint a : accs) {
            int[][] jac = randomJacobian(a.normalize(), r);
            EcDh.addComplete(jac[0], jac[1], jac[2], qx, qy, c);
            ECPoint want = a.add(q).normalize();
            assertJacobian(jac, want);
            if (!a.isInfinity() && !a.normalize().equals(q) && !a.normalize().equals(q.negate())) {
                int[][] j2 = randomJacobian(a.normalize(), r);
                EcDh.madd(j2[0], j2[1], j2[2], qx, qy, null, c);
                assertJacobian(j2, want);
            }
        }
        // doubling keeps ∞ at ∞
        int[][] inf = randomJacobian(Secp256k1.CURVE.getInfinity(), r);
        EcDh.dbl(inf[0], inf[1], inf[2], c);
        assertThat(Nat256.isZero(inf[2])).isTrue();
    }

    /** Jacobian coordinates of a normalized point with a random Z (X = Y = 1, Z = 0 for infinity). */
    private static int[][] randomJacobian(ECPoint a, Random r) {
        if (a.isInfinity()) {
            return new int[][] {Nat256.fromBigInteger(BigInteger.ONE), Nat256.fromBigInteger(BigInteger.ONE),
                new int[8]};
        }
        BigInteger z = new BigInteger(255, r).add(BigInteger.ONE);
        BigInteger x = a.getAffineXCoord().toBigInteger().multiply(z.pow(2)).mod(P);
        BigInteger y = a.getAffineYCoord().toBigInteger().multiply(z.pow(3)).mod(P);
        return new int[][] {Nat256.fromBigInteger(x), Nat256.fromBigInteger(y), Nat256.fromBigInteger(z)};
    }

    private static void assertJacobian(int[][] j, ECPoint want) {
        BigInteger z = Nat256.toBigInteger(j[2]);
        if (want.isInfinity()) {
            assertThat(z).isEqualTo(BigInteger.ZERO);
            return;
        }
        assertThat(z.signum()).isNotZero();
        BigInteger zi = z.modInverse(P);
        assertThat(Nat256.toBigInteger(j[0]).multiply(zi.pow(2)).mod(P)).isEqualTo(want.getAffineXCoord().toBigInteger());
        assertThat(Nat256.toBigInteger(j[1]).multiply(zi.pow(3)).mod(P)).isEqualTo(want.getAffineYCoord().toBigInteger());
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                fs.add(pool.submit(() -> {
                    Random r = new Random(0xC0C0L + seed);
                    for (int i = 0; i < 40; i++) {
                        BigInteger d = randomScalar(r);
                        ECPoint p = randomPoint(r);
                        if (!java.util.Arrays.equals(EcDh.ecdhX(d, p), expected(d, p))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : fs) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package network.mostro.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.LongStream;
import network.mostro.nostr.CryptoException;
import network.mostro.nostr.internal.Secp256k1;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct signer and the {@code EcMult}-based recovery and verification, cross-checked case by case against
 * the previous Bouncy Castle implementation ({@link ReferenceRecoverableEcdsa}) over seeded random inputs.
 */
class RecoverableEcdsaTest {
    static final BigInteger N = Secp256k1.N;
    static final BigInteger P = Secp256k1.P;

    static LongStream signSeeds() {
        return LongStream.range(0, 300);
    }

    static LongStream recoverSeeds() {
        return LongStream.range(0, 480);
    }

    static LongStream verifySeeds() {
        return LongStream.range(0, 240);
    }

    static BigInteger randomNonZero(Random r) {
        return new BigInteger(256, r).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** A private key: mostly uniform, sometimes an edge (1, 2, n − 1, n − 2, a small value). */
    static byte[] privateKey(Random r, long seed) {
        BigInteger d = switch ((int) (seed % 25)) {
            case 0 -> BigInteger.ONE;
            case 1 -> BigInteger.TWO;
            case 2 -> N.subtract(BigInteger.ONE);
            case 3 -> N.subtract(BigInteger.TWO);
            case 4 -> BigInteger.valueOf(1 + r.nextInt(1 << 20));
            default -> randomNonZero(r);
        };
        return Secp256k1.toBytes32(d);
    }

    /** A hash: mostly uniform, sometimes all zero, all 0xff (e ≥ n) or n itself. */
    static byte[] hash(Random r, long seed) {
        return switch ((int) (seed % 17)) {
            case 0 -> new byte[32];
            case 1 -> {
                byte[] h = new byte[32];
                java.util.Arrays.fill(h, (byte) 0xff);
                yield h;
            }
            case 2 -> Secp256k1.toBytes32(N);
            default -> randomBytes(r, 32);
        };
    }

    @ParameterizedTest
    @MethodSource("signSeeds")
    void signMatchesTheReferenceByteForByte(long seed) {
        Random r = new Random(seed);
        byte[] key = privateKey(r, seed);
        byte[] h = hash(r, seed);
        RecoverableEcdsa.Signature got = RecoverableEcdsa.sign(h, key);
        ReferenceRecoverableEcdsa.Signature want = ReferenceRecoverableEcdsa.sign(h, key);
        assertThat(got.compact()).isEqualTo(want.compact());
        assertThat(got.recoveryId()).isEqualTo(want.recoveryId());
        assertThat(got.s()).as("low-S").isLessThanOrEqualTo(N.shiftRight(1));
        // The recovery id really recovers the signer.
        assertThat(RecoverableEcdsa.recoverCompressed(h, got.r(), got.s(), got.recoveryId()))
                .isEqualTo(RecoverableEcdsa.publicKeyOf(key));
    }

    @Test
    void signIsDeterministicAndRejectsBadKeys() {
        byte[] key = Secp256k1.toBytes32(BigInteger.valueOf(42));
        byte[] h = Secp256k1.sha256(new byte[] {1, 2, 3});
        assertThat(RecoverableEcdsa.sign(h, key)).isEqualTo(RecoverableEcdsa.sign(h, key));
        for (byte[] bad : new byte[][] {new byte[32], Secp256k1.toBytes32(N), new byte[31], new byte[33]}) {
            assertThatThrownBy(() -> RecoverableEcdsa.sign(h, bad)).isInstanceOf(CryptoException.class);
            assertThatThrownBy(() -> ReferenceRecoverableEcdsa.sign(h, bad)).isInstanceOf(CryptoException.class);
        }
    }

    /** One recovery input; {@code expect} names the case for messages. */
    record Input(String expect, byte[] hash, BigInteger r, BigInteger s, int id) {}

    /** x with x ≥ n and x &lt; p whose lift exists (so recovery ids 2 and 3 apply to r = x − n). */
    static BigInteger highX(Random r) {
        while (true) {
            BigInteger x = N.add(new BigInteger(128, r).mod(P.subtract(N)));
            if (x.compareTo(N) > 0 && onCurve(x)) {
                return x;
            }
        }
    }

    static boolean onCurve(BigInteger x) {
        BigInteger rhs = x.modPow(BigInteger.valueOf(3), P).add(BigInteger.valueOf(7)).mod(P);
        return rhs.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).compareTo(BigInteger.ONE) <= 0;
    }

    static Input recoverInput(long seed) {
        Random r = new Random(seed);
        byte[] h = randomBytes(r, 32);
        switch ((int) (seed % 12)) {
            case 0, 1 -> { // a real signature, its own id
                RecoverableEcdsa.Signature sig = RecoverableEcdsa.sign(h, privateKey(r, seed));
                return new Input("valid", h, sig.r(), sig.s(), sig.recoveryId());
            }
            case 2 -> { // a real signature, the other parity (recovers a different key)
                RecoverableEcdsa.Signature sig = RecoverableEcdsa.sign(h, privateKey(r, seed));
                return new Input("other parity", h, sig.r(), sig.s(), sig.recoveryId() ^ 1);
            }
            case 3, 4 -> { // recovery ids 2 and 3: R.x = r + n below p
                BigInteger x = highX(r);
                return new Input("id 2/3", h, x.subtract(N), randomNonZero(r), 2 + r.nextInt(2));
            }
            case 5 -> { // id 2/3 where r + n ≥ p
                BigInteger rr = P.subtract(N).add(new BigInteger(200, r));
                return new Input("R.x ≥ p", h, rr, randomNonZero(r), 2 + r.nextInt(2));
            }
            case 6 -> { // x not on the curve
                BigInteger x;
                do {
                    x = randomNonZero(r);
                } while (onCurve(x));
                return new Input("off curve", h, x, randomNonZero(r), r.nextInt(2));
            }
            case 7 -> { // s near n, r and id random
                BigInteger s = N.subtract(BigInteger.valueOf(1 + r.nextInt(4)));
                return new Input("s near n", h, randomNonZero(r), s, r.nextInt(4));
            }
            case 8 -> { // out of range r, s or id
                BigInteger good = randomNonZero(r);
                return switch (r.nextInt(7)) {
                    case 0 -> new Input("r = 0", h, BigInteger.ZERO, good, 0);
                    case 1 -> new Input("s = 0", h, good, BigInteger.ZERO, 1);
                    case 2 -> new Input("r = n", h, N, good, 0);
                    case 3 -> new Input("s = n", h, good, N.add(BigInteger.valueOf(r.nextInt(5))), 1);
                    case 4 -> new Input("id -1", h, good, good, -1);
                    case 5 -> new Input("id 4", h, good, good, 4 + r.nextInt(250));
                    default -> new Input("negative r", h, good.negate(), good, 0);
                };
            }
            case 9 -> { // Q = r⁻¹(s·R − e·G) = 0: s = e·k⁻¹ with R = k·G
                BigInteger k = randomNonZero(r);
                BigInteger e = new BigInteger(1, h).mod(N);
                ECPoint rp = Secp256k1.mulG(k);
                BigInteger rx = rp.getAffineXCoord().toBigInteger();
                int id = (rp.getAffineYCoord().testBitZero() ? 1 : 0) | (rx.compareTo(N) >= 0 ? 2 : 0);
                BigInteger s = e.multiply(k.modInverse(N)).mod(N);
                return new Input("infinity", h, rx.mod(N), s, id);
            }
            case 10 -> { // hash longer than 32 bytes or all zero; e = 0
                byte[] hh = seed % 24 == 10 ? new byte[32] : randomBytes(r, 40);
                return new Input("odd hash", hh, randomNonZero(r), randomNonZero(r), r.nextInt(2));
            }
            default -> { // uniformly random r, s, id 0–1
                return new Input("random", h, randomNonZero(r), randomNonZero(r), r.nextInt(2));
            }
        }
    }

    /** "ok:" + compressed key, or "err:" + message; any other exception type fails the test. */
    static String outcome(java.util.function.Supplier<ECPoint> f) {
        try {
            return "ok:" + HexFormat.of().formatHex(f.get().normalize().getEncoded(true));
        } catch (CryptoException e) {
            return "err:" + e.getMessage();
        }
    }

    @ParameterizedTest
    @MethodSource("recoverSeeds")
    void recoverMatchesTheReference(long seed) {
        Input in = recoverInput(seed);
        String want = outcome(() -> ReferenceRecoverableEcdsa.recover(in.hash(), in.r(), in.s(), in.id()));
        String got = outcome(() -> RecoverableEcdsa.recover(in.hash(), in.r(), in.s(), in.id()));
        assertThat(got).as(in.expect()).isEqualTo(want);
        String compressed;
        try {
            compressed = "ok:" + HexFormat.of().formatHex(
                    RecoverableEcdsa.recoverCompressed(in.hash(), in.r(), in.s(), in.id()));
        } catch (CryptoException e) {
            compressed = "err:" + e.getMessage();
        }
        assertThat(compressed).isEqualTo(want);
        switch (in.expect()) {
            case "valid", "other parity" -> assertThat(want).startsWith("ok:");
            case "random", "s near n", "odd hash" -> assertThat(want).matches("ok:0[23][0-9a-f]{64}|err:ecdsa: R is not on the curve|err:ecdsa: R.x out of field range");
            case "id 2/3" -> {
                assertThat(want).startsWith("ok:");
                // The recovered key verifies the signature, exercising the R.x = r + n branch of verify.
                ECPoint q = RecoverableEcdsa.recover(in.hash(), in.r(), in.s(), in.id());
                assertThat(RecoverableEcdsa.verify(in.hash(), in.r(), in.s(), q)).isTrue();
                assertThat(ReferenceRecoverableEcdsa.verify(in.hash(), in.r(), in.s(), q)).isTrue();
            }
            case "R.x ≥ p" -> assertThat(want).isEqualTo("err:ecdsa: R.x out of field range");
            case "off curve" -> assertThat(want).isEqualTo("err:ecdsa: R is not on the curve");
            case "infinity" -> assertThat(want).isEqualTo("err:ecdsa: recovered the point at infinity");
            case "id -1", "id 4" -> assertThat(want).matches("err:ecdsa: recovery id -?\\d+ is not 0-3");
            default -> assertThat(want).isEqualTo("err:ecdsa: r or s out of range");
        }
    }

    @Test
    void recoverCoversEveryCase() {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        recoverSeeds().forEach(s -> seen.add(recoverInput(s).expect()));
        assertThat(seen).contains("valid", "other parity", "id 2/3", "R.x ≥ p", "off curve", "s near n", "r = 0",
                "s = 0", "r = n", "s = n", "id -1", "id 4", "negative r", "infinity", "odd hash", "random");
    }

    @ParameterizedTest
    @MethodSource("verifySeeds")
    void verifyMatchesTheReference(long seed) {
        Random r = new Random(seed);
        byte[] key = privateKey(r, seed);
        byte[] h = hash(r, seed);
        ECPoint q = RecoverableEcdsa.decodeCompressed(RecoverableEcdsa.publicKeyOf(key));
        RecoverableEcdsa.Signature sig = RecoverableEcdsa.sign(h, key);
        BigInteger rr = sig.r();
        BigInteger s = sig.s();
        boolean expected;
        switch ((int) (seed % 8)) {
            case 0, 1 -> expected = true;
            case 2 -> { // high S is accepted too
                s = N.subtract(s);
                expected = true;
            }
            case 3 -> { // another hash
                h = h.clone();
                h[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
                expected = false;
            }
            case 4 -> { // another key
                q = Secp256k1.mulG(randomNonZero(r));
                expected = false;
            }
            case 5 -> { // tampered r or s
                if (r.nextBoolean()) {
                    rr = rr.add(BigInteger.ONE).mod(N);
                } else {
                    s = s.add(BigInteger.ONE).mod(N);
                }
                expected = false;
            }
            case 6 -> { // out of range
                if (r.nextBoolean()) {
                    rr = rr.add(N);
                } else {
                    s = BigInteger.ZERO;
                }
                expected = false;
            }
            default -> { // random r, s
                rr = randomNonZero(r);
                s = randomNonZero(r);
                expected = false;
            }
        }
        assertThat(ReferenceRecoverableEcdsa.verify(h, rr, s, q)).isEqualTo(expected);
        assertThat(RecoverableEcdsa.verify(h, rr, s, q)).isEqualTo(expected);
    }

    @Test
    void verifyRejectsThePointAtInfinity() {
        byte[] h = Secp256k1.sha256(new byte[] {9});
        RecoverableEcdsa.Signature sig = RecoverableEcdsa.sign(h, Secp256k1.toBytes32(BigInteger.TEN));
        assertThat(RecoverableEcdsa.verify(h, sig.r(), sig.s(), Secp256k1.CURVE.getInfinity())).isFalse();
    }
}

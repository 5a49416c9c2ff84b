package network.mostro.protocol.internal;

import java.math.BigInteger;
import network.mostro.nostr.CryptoException;
import network.mostro.nostr.internal.EcMult;
import network.mostro.nostr.internal.Secp256k1;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat256;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA over secp256k1 with public-key recovery, as BOLT #11 signatures use it (64-byte {@code r‖s} plus a
 * recovery id 0–3). The curve comes from {@code CustomNamedCurves} via {@link Secp256k1}. Signing is
 * deterministic (RFC 6979 with HMAC-SHA256) and always emits low-S, like libsecp256k1, so the same key
 * and hash give the same signature as other implementations. The nonce point k·G uses the constant-time
 * comb of {@link Secp256k1#mulG}; recovery and verification, which handle only public values, run on the
 * variable-time, allocation-free {@link EcMult}. Stateless and thread-safe.
 */
public final class RecoverableEcdsa {
    private static final BigInteger HALF_N = Secp256k1.N.shiftRight(1);

    private RecoverableEcdsa() {}

    /** A signature: {@code r}, {@code s} and the recovery id. */
    public record Signature(BigInteger r, BigInteger s, int recoveryId) {
        /** {@code r‖s}, 64 bytes big-endian. */
        public byte[] compact() {
            byte[] out = new byte[64];
            System.arraycopy(Secp256k1.toBytes32(r), 0, out, 0, 32);
            System.arraycopy(Secp256k1.toBytes32(s), 0, out, 32, 32);
            return out;
        }
    }

    /**
     * Signs a 32-byte hash with a 32-byte private key: RFC 6979 nonce k (HMAC-SHA256), R = k·G on the
     * constant-time comb, r = R.x mod n, s = k⁻¹(e + r·d) mod n normalised to low-S. The recovery id comes
     * straight from R (bit 0: R.y odd, bit 1: R.x ≥ n), with bit 0 flipped when s is negated, so no key
     * recovery is needed. Byte-identical to Bouncy Castle's {@code ECDSASigner} with the same k calculator.
     *
     * @throws CryptoException if the key is 0 or not below the group order
     */
    public static Signature sign(byte[] hash32, byte[] privateKey32) {
        BigInteger n = Secp256k1.N;
        BigInteger d = Secp256k1.scalar(privateKey32);
        BigInteger e = messageScalar(hash32);
        HMacDSAKCalculator kCalculator = new HMacDSAKCalculator(new SHA256Digest());
        kCalculator.init(n, d, hash32);
        while (true) {
            BigInteger k = kCalculator.nextK();
            ECPoint rPoint = Secp256k1.mulG(k);
            BigInteger rx = rPoint.getAffineXCoord().toBigInteger();
            BigInteger r = rx.mod(n);
            if (r.signum() == 0) {
                continue; // RFC 6979 §3.2 step h.3: next k
            }
            BigInteger s = BigIntegers.modOddInverse(n, k).multiply(e.add(d.multiply(r))).mod(n);
            if (s.signum() == 0) {
                continue;
            }
            int recoveryId = (rPoint.getAffineYCoord().testBitZero() ? 1 : 0) | (rx.compareTo(n) >= 0 ? 2 : 0);
            if (s.compareTo(HALF_N) > 0) {
                s = n.subtract(s);
                recoveryId ^= 1; // −s pairs with −R, whose y has the other parity
            }
            return new Signature(r, s, recoveryId);
        }
    }

    /**
     * Recovers the public key from a signature (SEC 1 v2 §4.1.6).
     *
     * @throws CryptoException if r or s is out of range, the recovery id is not 0–3, or no key results
     */
    public static ECPoint recover(byte[] hash32, BigInteger r, BigInteger s, int recoveryId) {
        int[] x = new int[8];
        int[] y = new int[8];
        recoverAffine(hash32, r, s, recoveryId, x, y);
        return Secp256k1.CURVE.createPoint(Nat256.toBigInteger(x), Nat256.toBigInteger(y));
    }

    /**
     * {@link #recover} returning the 33-byte compressed public key directly.
     *
     * @throws CryptoException if r or s is out of range, the recovery id is not 0–3, or no key results
     */
    public static byte[] recoverCompressed(byte[] hash32, BigInteger r, BigInteger s, int recoveryId) {
        int[] x = new int[8];
        int[] y = new int[8];
        recoverAffine(hash32, r, s, recoveryId, x, y);
        return EcMult.compressed(x, y);
    }

    /** Q = r⁻¹(s·R − e·G) = u1·G + u2·R on {@link EcMult} (variable time: every input is public). */
    private static void recoverAffine(byte[] hash32, BigInteger r, BigInteger s, int recoveryId, int[] qx, int[] qy) {
        if (recoveryId < 0 || recoveryId > 3) {
            throw new CryptoException("ecdsa: recovery id " + recoveryId + " is not 0-3");
        }
        checkRange(r, s);
        BigInteger x = recoveryId >= 2 ? r.add(Secp256k1.N) : r;
        if (x.compareTo(Secp256k1.P) >= 0) {
            throw new CryptoException("ecdsa: R.x out of field range");
        }
        EcMult.Ctx c = new EcMult.Ctx();
        int[] rx = new int[8];
        int[] ry = new int[8];
        EcMult.feFromBytes(Secp256k1.toBytes32(x), 0, rx);
        if (!EcMult.liftX(rx, (recoveryId & 1) != 0, ry, c)) {
            throw new CryptoException("ecdsa: R is not on the curve");
        }
        BigInteger n = Secp256k1.N;
        BigInteger e = new BigInteger(1, hash32).mod(n);
        BigInteger rInv = r.modInverse(n);
        BigInteger u1 = n.subtract(e).multiply(rInv).mod(n);
        BigInteger u2 = s.multiply(rInv).mod(n);
        EcMult.Jac q = EcMult.aGplusBP(u1, EcMult.KeyTable.ofAffine(rx, ry, c), u2, c);
        if (!EcMult.toAffine(q, qx, qy, c)) {
            throw new CryptoException("ecdsa: recovered the point at infinity");
        }
    }

    /**
     * Standard ECDSA verification (high or low S accepted); false for out-of-range values and for the point
     * at infinity as key.
     */
    public static boolean verify(byte[] hash32, BigInteger r, BigInteger s, ECPoint publicKey) {
        BigInteger n = Secp256k1.N;
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        ECPoint key = publicKey.normalize();
        if (key.isInfinity()) {
            return false;
        }
        BigInteger e = new BigInteger(1, hash32).mod(n);
        BigInteger w = s.modInverse(n);
        BigInteger u1 = e.multiply(w).mod(n);
        BigInteger u2 = r.multiply(w).mod(n);
        EcMult.Ctx c = new EcMult.Ctx();
        EcMult.Jac x = EcMult.aGplusBP(u1, EcMult.KeyTable.of(key), u2, c);
        // x(X) mod n == r: X.x is r, or r + n when that is still below p.
        int[] fe = new int[8];
        EcMult.feFromBytes(Secp256k1.toBytes32(r), 0, fe);
        if (EcMult.hasX(x, fe, c)) {
            return true;
        }
        BigInteger rn = r.add(n);
        return rn.compareTo(Secp256k1.P) < 0 && EcMult.feFromBytes(Secp256k1.toBytes32(rn), 0, fe) && EcMult.hasX(x, fe, c);
    }

    /**
     * Parses a 33-byte compressed public key.
     *
     * @throws CryptoException if it is not a compressed encoding of a curve point
     */
    public static ECPoint decodeCompressed(byte[] key33) {
        if (key33.length != 33 || (key33[0] != 0x02 && key33[0] != 0x03)) {
            throw new CryptoException("ecdsa: public key must be 33 bytes, compressed");
        }
        try {
            return Secp256k1.CURVE.decodePoint(key33).normalize();
        } catch (IllegalArgumentException e) {
            throw new CryptoException("ecdsa: public key is not on the curve");
        }
    }

    /** The 33-byte compressed encoding of a point. */
    public static byte[] compressed(ECPoint point) {
        return point.normalize().getEncoded(true);
    }

    /** The compressed public key of a 32-byte private key. */
    public static byte[] publicKeyOf(byte[] privateKey32) {
        return compressed(Secp256k1.mulG(Secp256k1.scalar(privateKey32)));
    }

    /** e from the hash as {@code ECDSASigner.calculateE} takes it: the leftmost bitlen(n) bits. */
    private static BigInteger messageScalar(byte[] hash) {
        BigInteger e = new BigInteger(1, hash);
        int excess = hash.length * 8 - Secp256k1.N.bitLength();
        return excess > 0 ? e.shiftRight(excess) : e;
    }

    private static void checkRange(BigInteger r, BigInteger s) {
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(Secp256k1.N) >= 0 || s.compareTo(Secp256k1.N) >= 0) {
            throw new CryptoException("ecdsa: r or s out of range");
        }
    }
}

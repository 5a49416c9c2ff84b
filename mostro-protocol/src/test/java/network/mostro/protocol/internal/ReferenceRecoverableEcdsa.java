package network.mostro.protocol.internal;

import java.math.BigInteger;
import network.mostro.nostr.CryptoException;
import network.mostro.nostr.internal.Secp256k1;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Test reference: the previous, Bouncy Castle-based {@link RecoverableEcdsa} kept verbatim (ECDSASigner, then
 * up to four recoveries to find the recovery id; recovery and verification through
 * {@code ECAlgorithms.sumOfTwoMultiplies}). The fast implementation is cross-checked against it. Stateless
 * and thread-safe.
 */
final class ReferenceRecoverableEcdsa {
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(Secp256k1.CURVE, Secp256k1.G, Secp256k1.N, Secp256k1.PARAMS.getH());
    private static final BigInteger HALF_N = Secp256k1.N.shiftRight(1);

    private ReferenceRecoverableEcdsa() {}

    /** A signature: {@code r}, {@code s} and the recovery id. */
    record Signature(BigInteger r, BigInteger s, int recoveryId) {
        /** {@code r‖s}, 64 bytes big-endian. */
        public byte[] compact() {
            byte[] out = new byte[64];
            System.arraycopy(Secp256k1.toBytes32(r), 0, out, 0, 32);
            System.arraycopy(Secp256k1.toBytes32(s), 0, out, 32, 32);
            return out;
        }
    }

    /**
     * Signs a 32-byte hash with a 32-byte private key.
     *
     * @throws CryptoException if the key is 0 or not below the group order
     */
    public static Signature sign(byte[] hash32, byte[] privateKey32) {
        BigInteger d = Secp256k1.scalar(privateKey32);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(d, DOMAIN));
        BigInteger[] rs = signer.generateSignature(hash32);
        BigInteger r = rs[0];
        BigInteger s = rs[1];
        if (s.compareTo(HALF_N) > 0) {
            s = Secp256k1.N.subtract(s);
        }
        ECPoint q = Secp256k1.mulG(d);
        for (int id = 0; id < 4; id++) {
            try {
                if (recover(hash32, r, s, id).equals(q)) {
                    return new Signature(r, s, id);
                }
            } catch (CryptoException ignored) {
                // try the next id
            }
        }
        throw new CryptoException("ecdsa: no recovery id matches the signing key");
    }

    /**
     * Recovers the public key from a signature (SEC 1 v2 §4.1.6).
     *
     * @throws CryptoException if r or s is out of range, the recovery id is not 0–3, or no key results
     */
    public static ECPoint recover(byte[] hash32, BigInteger r, BigInteger s, int recoveryId) {
        if (recoveryId < 0 || recoveryId > 3) {
            throw new CryptoException("ecdsa: recovery id " + recoveryId + " is not 0-3");
        }
        checkRange(r, s);
        BigInteger x = recoveryId >= 2 ? r.add(Secp256k1.N) : r;
        if (x.compareTo(Secp256k1.P) >= 0) {
            throw new CryptoException("ecdsa: R.x out of field range");
        }
        byte[] enc = new byte[33];
        enc[0] = (byte) ((recoveryId & 1) == 0 ? 0x02 : 0x03);
        System.arraycopy(Secp256k1.toBytes32(x), 0, enc, 1, 32);
        ECPoint rPoint;
        try {
            rPoint = Secp256k1.CURVE.decodePoint(enc);
        } catch (IllegalArgumentException e) {
            throw new CryptoException("ecdsa: R is not on the curve");
        }
        BigInteger e = new BigInteger(1, hash32).mod(Secp256k1.N);
        BigInteger rInv = r.modInverse(Secp256k1.N);
        BigInteger u1 = Secp256k1.N.subtract(e).multiply(rInv).mod(Secp256k1.N);
        BigInteger u2 = s.multiply(rInv).mod(Secp256k1.N);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, u1, rPoint, u2).normalize();
        if (q.isInfinity()) {
            throw new CryptoException("ecdsa: recovered the point at infinity");
        }
        return q;
    }

    /** Standard ECDSA verification (high or low S accepted); false for out-of-range values. */
    public static boolean verify(byte[] hash32, BigInteger r, BigInteger s, ECPoint publicKey) {
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(Secp256k1.N) >= 0 || s.compareTo(Secp256k1.N) >= 0) {
            return false;
        }
        BigInteger e = new BigInteger(1, hash32).mod(Secp256k1.N);
        BigInteger w = s.modInverse(Secp256k1.N);
        BigInteger u1 = e.multiply(w).mod(Secp256k1.N);
        BigInteger u2 = r.multiply(w).mod(Secp256k1.N);
        ECPoint x = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, u1, publicKey, u2).normalize();
        return !x.isInfinity() && x.getAffineXCoord().toBigInteger().mod(Secp256k1.N).equals(r);
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

    private static void checkRange(BigInteger r, BigInteger s) {
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(Secp256k1.N) >= 0 || s.compareTo(Secp256k1.N) >= 0) {
            throw new CryptoException("ecdsa: r or s out of range");
        }
    }
}

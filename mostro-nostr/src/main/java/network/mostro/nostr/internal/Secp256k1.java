package network.mostro.nostr.internal;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat256;
import network.mostro.nostr.CryptoException;

/**
 * secp256k1 on Bouncy Castle's custom (fast) curve implementation. Never use {@code ECNamedCurveTable}
 * here: its generic curve is about five times slower. Stateless and thread-safe.
 */
public final class Secp256k1 {
    public static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    public static final ECCurve CURVE = PARAMS.getCurve();
    public static final ECPoint G = PARAMS.getG();
    public static final BigInteger N = PARAMS.getN();
    public static final BigInteger P = CURVE.getField().getCharacteristic();

    private Secp256k1() {}

    /**
     * k·G as a normalized point, in constant time for 1 ≤ k &lt; n ({@link EcGen}). k = 0 gives the point
     * at infinity (BIP-32 public derivation adds I_L·G to the parent key, and I_L = 0 is valid there).
     *
     * @throws CryptoException if k is negative or not below n
     */
    public static ECPoint mulG(BigInteger k) {
        if (k.signum() == 0) {
            return CURVE.getInfinity();
        }
        int[] x = new int[8];
        int[] y = new int[8];
        EcGen.mulG(k, x, y);
        return CURVE.createPoint(Nat256.toBigInteger(x), Nat256.toBigInteger(y));
    }

    /**
     * BIP-340 {@code lift_x}: the point with x-coordinate {@code x} and even y.
     *
     * @throws CryptoException if x ≥ p or no such point exists
     */
    public static ECPoint liftX(byte[] x32) {
        if (x32.length != 32) {
            throw new CryptoException("x-only public key must be 32 bytes");
        }
        byte[] enc = new byte[33];
        enc[0] = 0x02;
        System.arraycopy(x32, 0, enc, 1, 32);
        try {
            return CURVE.decodePoint(enc);
        } catch (IllegalArgumentException e) {
            throw new CryptoException("not a valid x-only secp256k1 public key");
        }
    }

    /** Whether the (normalized) point has an even y-coordinate. */
    public static boolean hasEvenY(ECPoint normalized) {
        return !normalized.getAffineYCoord().testBitZero();
    }

    /** The 32-byte big-endian x-coordinate of a normalized point. */
    public static byte[] xBytes(ECPoint normalized) {
        return normalized.getAffineXCoord().getEncoded();
    }

    /** Unsigned big-endian 32-byte encoding. */
    public static byte[] toBytes32(BigInteger v) {
        byte[] raw = v.toByteArray();
        if (raw.length == 32) {
            return raw;
        }
        byte[] out = new byte[32];
        if (raw.length > 32) {
            System.arraycopy(raw, raw.length - 32, out, 0, 32);
        } else {
            System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
        }
        return out;
    }

    /** Parses a private scalar, rejecting 0 and values ≥ n. */
    public static BigInteger scalar(byte[] sk32) {
        if (sk32.length != 32) {
            throw new CryptoException("private key must be 32 bytes");
        }
        BigInteger d = new BigInteger(1, sk32);
        if (d.signum() == 0 || d.compareTo(N) >= 0) {
            throw new CryptoException("private key out of range");
        }
        return d;
    }

    /**
     * Shared ECDH x-coordinate (unhashed), as NIP-44 and the Mostro chat scheme use it: {@link EcDh}, constant time
     * in {@code d} (a node's long-term key meets peer keys anyone can choose) and allocation-free.
     *
     * @throws CryptoException if d·P is the point at infinity or P is not a point of secp256k1
     */
    public static byte[] ecdhX(BigInteger d, ECPoint pub) {
        return EcDh.ecdhX(d, pub);
    }

    /** SHA-256 through the JDK, whose implementation uses the CPU's SHA instructions where present. */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Constant-time equality of two byte arrays. */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /**
     * A BIP-340 tagged hash with the {@code SHA256(tag)||SHA256(tag)} prefix absorbed once; {@link #hash}
     * copies that midstate, so each call hashes only its own data.
     */
    public static final class TaggedHash {
        private final SHA256Digest prefix;

        public TaggedHash(String tag) {
            byte[] t = sha256(tag.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            prefix = new SHA256Digest();
            prefix.update(t, 0, 32);
            prefix.update(t, 0, 32);
        }

        public byte[] hash(byte[]... parts) {
            SHA256Digest d = new SHA256Digest(prefix);
            for (byte[] p : parts) {
                d.update(p, 0, p.length);
            }
            byte[] out = new byte[32];
            d.doFinal(out, 0);
            return out;
        }
    }

}

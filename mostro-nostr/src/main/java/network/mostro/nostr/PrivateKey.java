package network.mostro.nostr;

import java.math.BigInteger;
import java.security.SecureRandom;
import network.mostro.nostr.internal.Hex;
import network.mostro.nostr.internal.Secp256k1;

/**
 * A secp256k1 private key (32 bytes, 1 ≤ d &lt; n) with its x-only {@link PublicKey}.
 *
 * <p>The secret never appears in {@link #toString()}; it leaves the object only through the explicitly
 * named {@link #toHex()} and {@link #toBytes()}. Immutable and thread-safe.
 */
public final class PrivateKey {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;
    private final BigInteger d;
    private final PublicKey publicKey;
    private final boolean evenY;

    private PrivateKey(byte[] secret) {
        this.secret = secret;
        this.d = Secp256k1.scalar(secret);
        var point = Secp256k1.mulG(d);
        this.evenY = Secp256k1.hasEvenY(point);
        this.publicKey = PublicKey.fromPoint(point);
    }

    /** A fresh key from a {@link SecureRandom}. */
    public static PrivateKey generate() {
        return generate(RANDOM);
    }

    /** A fresh key from {@code random} (use a {@link SecureRandom} outside tests). */
    public static PrivateKey generate(java.util.Random random) {
        byte[] b = new byte[32];
        while (true) {
            random.nextBytes(b);
            BigInteger v = new BigInteger(1, b);
            if (v.signum() > 0 && v.compareTo(Secp256k1.N) < 0) {
                return new PrivateKey(b.clone());
            }
        }
    }

    /**
     * Parses 64 hex characters.
     *
     * @throws MalformedInputException if not 64 hex characters
     * @throws CryptoException if the value is zero or not below the curve order
     */
    public static PrivateKey fromHex(String hex) {
        return new PrivateKey(Hex.decode(hex, 32, "private key"));
    }

    /**
     * Wraps 32 secret bytes (copied).
     *
     * @throws InvalidInputException if not 32 bytes
     * @throws CryptoException if the value is zero or not below the curve order
     */
    public static PrivateKey fromBytes(byte[] secret32) {
        if (secret32 == null || secret32.length != 32) {
            throw new InvalidInputException("private key must be 32 bytes");
        }
        return new PrivateKey(secret32.clone());
    }

    /**
     * Parses a NIP-19 {@code nsec1…} string.
     *
     * @throws MalformedInputException if not valid bech32
     * @throws InvalidInputException if the prefix is not {@code nsec} or the payload is not 32 bytes
     * @throws CryptoException if the value is zero or not below the curve order
     */
    public static PrivateKey fromNsec(String nsec) {
        return new PrivateKey(Nip19Codec.decodeBytes32(nsec, "nsec"));
    }

    /** The secret in NIP-19 {@code nsec1…} form. Handle with care. */
    public String toNsec() {
        return new Nip19.Nsec(this).encode();
    }

    /** The x-only public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The secret as 64 lowercase hex characters. Handle with care. */
    public String toHex() {
        return Hex.encode(secret);
    }

    /** The 32 secret bytes (a copy). Handle with care. */
    public byte[] toBytes() {
        return secret.clone();
    }

    /** BIP-340 signature of {@code message} with fresh random auxiliary data. */
    public byte[] sign(byte[] message) {
        byte[] aux = new byte[32];
        RANDOM.nextBytes(aux);
        return sign(message, aux);
    }

    /** BIP-340 signature with caller-supplied auxiliary randomness (32 bytes; tests use fixed values). */
    public byte[] sign(byte[] message, byte[] auxRand) {
        return Schnorr.sign(this, message, auxRand);
    }

    BigInteger scalar() {
        return d;
    }

    boolean publicKeyHasEvenY() {
        return evenY;
    }

    /** Constant-time comparison of the secrets. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PrivateKey other && Secp256k1.constantTimeEquals(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    /** Never reveals the secret: {@code PrivateKey[pub=<hex>]}. */
    @Override
    public String toString() {
        return "PrivateKey[pub=" + publicKey.toHex() + "]";
    }
}

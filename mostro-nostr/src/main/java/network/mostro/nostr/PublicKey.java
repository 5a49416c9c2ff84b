package network.mostro.nostr;

import java.util.Arrays;
import network.mostro.nostr.internal.BoundedCache;
import network.mostro.nostr.internal.EcMult;
import network.mostro.nostr.internal.Hex;
import network.mostro.nostr.internal.Secp256k1;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A 32-byte x-only secp256k1 public key, as Nostr uses it (NIP-01, BIP-340).
 *
 * <p>Construction validates that the key is a point on the curve, so every instance is usable for
 * verification and ECDH. The lifted curve point is computed once and cached with the instance, so
 * repeated verification against the same key (a Mostro node's events) skips the square root. Keys parsed
 * with {@link #fromHex} are also kept in a bounded process-wide cache, so every event of one author shares
 * one instance, and with it the verification tables built on first use.
 *
 * <p>Immutable and thread-safe. {@link #equals} and {@link #hashCode} compare the 32 key bytes.
 */
public final class PublicKey implements Comparable<PublicKey> {
    private final byte[] x;
    private final ECPoint point;
    private String hex;
    /** Odd multiples of P and λP for verification; built on first use (benign race). */
    private volatile EcMult.KeyTable table;

    /** Recently parsed keys by their hex text; cleared when full (an author's keys are re-lifted then). */
    private static final BoundedCache<String, PublicKey> PARSED = new BoundedCache<>(4096);

    private PublicKey(byte[] x, ECPoint point) {
        this.x = x;
        this.point = point;
    }

    /**
     * Parses 64 hex characters (either case).
     *
     * @throws MalformedInputException if not 64 hex characters
     * @throws CryptoException if the value is not the x-coordinate of a curve point
     */
    public static PublicKey fromHex(String hex) {
        PublicKey cached = hex == null ? null : PARSED.get(hex);
        if (cached != null) {
            return cached;
        }
        PublicKey key = fromBytes(Hex.decode(hex, 32, "public key"));
        PARSED.put(hex, key);
        return key;
    }

    /**
     * Wraps 32 x-only key bytes (copied).
     *
     * @throws InvalidInputException if not 32 bytes
     * @throws CryptoException if the value is not the x-coordinate of a curve point
     */
    public static PublicKey fromBytes(byte[] x32) {
        if (x32 == null || x32.length != 32) {
            throw new InvalidInputException("public key must be 32 bytes");
        }
        byte[] copy = x32.clone();
        return new PublicKey(copy, Secp256k1.liftX(copy));
    }

    /**
     * Parses a NIP-19 {@code npub1…} string.
     *
     * @throws MalformedInputException if not valid bech32
     * @throws InvalidInputException if the prefix is not {@code npub} or the payload is not 32 bytes
     * @throws CryptoException if the value is not the x-coordinate of a curve point
     */
    public static PublicKey fromNpub(String npub) {
        return fromBytes(Nip19Codec.decodeBytes32(npub, "npub"));
    }

    /** The NIP-19 {@code npub1…} form. */
    public String toNpub() {
        return new Nip19.Npub(this).encode();
    }

    /** For key derivation: a key from an already computed, normalized point (y parity ignored). */
    static PublicKey fromPoint(ECPoint normalized) {
        byte[] xb = Secp256k1.xBytes(normalized);
        ECPoint even = Secp256k1.hasEvenY(normalized) ? normalized : normalized.negate().normalize();
        return new PublicKey(xb, even);
    }

    /** The 32 key bytes (a copy). */
    public byte[] toBytes() {
        return x.clone();
    }

    /** 64 lowercase hex characters, the form used in events and Mostro messages. */
    public String toHex() {
        String h = hex;
        if (h == null) {
            h = Hex.encode(x);
            hex = h;
        }
        return h;
    }

    /**
     * Verifies a BIP-340 signature by this key over {@code message} (any length; Nostr signs 32-byte digests).
     * Returns false, never throws, for a malformed signature.
     */
    public boolean verify(byte[] message, byte[] signature) {
        if (message == null || signature == null) {
            return false;
        }
        return Schnorr.verify(this, message, signature);
    }

    /** The lifted point with even y. Internal use. */
    ECPoint point() {
        return point;
    }

    /** The verification tables, built once per instance. Internal use. */
    EcMult.KeyTable verifyTable() {
        EcMult.KeyTable t = table;
        if (t == null) {
            t = EcMult.KeyTable.of(point);
            table = t;
        }
        return t;
    }

    byte[] rawBytes() {
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey other && Arrays.equals(x, other.x);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x);
    }

    @Override
    public int compareTo(PublicKey o) {
        return Arrays.compareUnsigned(x, o.x);
    }

    /** The hex form. */
    @Override
    public String toString() {
        return toHex();
    }
}

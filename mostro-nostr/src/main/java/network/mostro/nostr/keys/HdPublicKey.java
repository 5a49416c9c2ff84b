package network.mostro.nostr.keys;

import java.math.BigInteger;
import java.util.Arrays;
import network.mostro.nostr.CryptoException;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.internal.Hex;
import network.mostro.nostr.internal.Secp256k1;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A BIP-32 extended public key ({@code xpub}): a compressed public key, its chain code and its position in
 * the tree. It derives non-hardened children only, and lets a watch-only component compute the public keys
 * of, say, Mostro trade keys without holding any secret.
 *
 * <p>Invalid children throw {@link CryptoException}, as in {@link HdKey}. Immutable and thread-safe.
 *
 * @see <a href="https://github.com/bitcoin/bips/blob/master/bip-0032.mediawiki">BIP-32</a>
 */
public final class HdPublicKey {
    private final byte[] publicKey;
    private final ECPoint point;
    private final byte[] chainCode;
    private final int depth;
    private final int parentFingerprint;
    private final int childNumber;
    private final byte[] identifier;

    private HdPublicKey(byte[] publicKey, ECPoint point, byte[] chainCode, int depth, int parentFingerprint,
            int childNumber) {
        this.publicKey = publicKey;
        this.point = point;
        this.chainCode = chainCode;
        this.depth = depth;
        this.parentFingerprint = parentFingerprint;
        this.childNumber = childNumber;
        this.identifier = ExtendedKeyCodec.hash160(publicKey);
    }

    static HdPublicKey of(byte[] compressed, byte[] chainCode, int depth, int parentFingerprint, int childNumber) {
        return new HdPublicKey(compressed.clone(), decode(compressed), chainCode.clone(), depth, parentFingerprint,
                childNumber);
    }

    /**
     * Parses a Base58Check {@code xpub…} string (Bitcoin mainnet version bytes).
     *
     * @throws MalformedInputException on a Base58 character, checksum or length error
     * @throws InvalidInputException on other version bytes, a master key with a parent fingerprint or index,
     *     or a key field that is not a compressed point encoding (0x02/0x03 prefix)
     * @throws CryptoException if the key is not a point on secp256k1
     */
    public static HdPublicKey fromXpub(String xpub) {
        var f = ExtendedKeyCodec.parse(xpub, ExtendedKeyCodec.XPUB, "xpub");
        byte[] key = f.key();
        if (key[0] != 0x02 && key[0] != 0x03) {
            throw new InvalidInputException("xpub: the key field must be a compressed public key");
        }
        return new HdPublicKey(key, decode(key), f.chainCode(), f.depth(), f.parentFingerprint(), f.childNumber());
    }

    private static ECPoint decode(byte[] compressed) {
        try {
            return Secp256k1.CURVE.decodePoint(compressed).normalize();
        } catch (RuntimeException e) {
            // Bouncy Castle signals an invalid encoding with IllegalArgumentException; never let it escape.
            throw new CryptoException("public key is not a point on secp256k1");
        }
    }

    /**
     * Derives along a path of non-hardened indexes, relative to this key (for example {@code 0/5}), or
     * absolute from a master key ({@code m/0/5}).
     *
     * @throws MalformedInputException if {@code path} is null
     * @throws InvalidInputException if the path is malformed, contains a hardened index, is absolute from a
     *     non-master key, or is deeper than 255
     * @throws CryptoException for an invalid child
     */
    public HdPublicKey derive(String path) {
        HdPath.Parsed p = HdPath.parse(path);
        if (p.fromMaster() && depth != 0) {
            throw new InvalidInputException("path starts at m but this key has depth " + depth);
        }
        HdPublicKey key = this;
        for (int child : p.childNumbers()) {
            if ((child & HdKey.HARDENED_BIT) != 0) {
                throw new InvalidInputException("a public key cannot derive hardened children");
            }
            key = key.deriveChild(child);
        }
        return key;
    }

    /**
     * Derives non-hardened child {@code index} (0 ≤ index &lt; 2<sup>31</sup>).
     *
     * @throws InvalidInputException if {@code index} is negative or this key is at depth 255
     * @throws CryptoException for an invalid child
     */
    public HdPublicKey deriveChild(int index) {
        if (index < 0) {
            throw new InvalidInputException("public derivation needs a non-hardened index 0 to 2^31-1");
        }
        if (depth >= 255) {
            throw new InvalidInputException("BIP-32 depth cannot exceed 255");
        }
        byte[] i = ExtendedKeyCodec.hmacSha512(chainCode, publicKey, ExtendedKeyCodec.int32(index));
        BigInteger il = new BigInteger(1, Arrays.copyOf(i, 32));
        if (il.compareTo(Secp256k1.N) >= 0) {
            throw new CryptoException("invalid BIP-32 child " + index + " (I_L >= n); use the next index");
        }
        ECPoint child = Secp256k1.mulG(il).add(point).normalize();
        if (child.isInfinity()) {
            throw new CryptoException("invalid BIP-32 child " + index + " (point at infinity); use the next index");
        }
        byte[] enc = child.getEncoded(true);
        return new HdPublicKey(enc, child, Arrays.copyOfRange(i, 32, 64), depth + 1, fingerprint(), index);
    }

    /** The x-only Nostr public key. */
    public PublicKey publicKey() {
        return PublicKey.fromBytes(Arrays.copyOfRange(publicKey, 1, 33));
    }

    /** The 33-byte SEC1 compressed public key (a copy). */
    public byte[] publicKeyBytes() {
        return publicKey.clone();
    }

    /** The 32-byte chain code (a copy). */
    public byte[] chainCode() {
        return chainCode.clone();
    }

    /** Depth in the tree: 0 for a master key. */
    public int depth() {
        return depth;
    }

    /** The first four bytes of the parent's identifier (0 for a master key), as a big-endian int. */
    public int parentFingerprint() {
        return parentFingerprint;
    }

    /** The serialized child number: the index, plus 2<sup>31</sup> if hardened (read it unsigned). */
    public int childNumber() {
        return childNumber;
    }

    /** The 20-byte key identifier, HASH160 of the compressed public key (a copy). */
    public byte[] identifier() {
        return identifier.clone();
    }

    /** The key fingerprint: the first four bytes of {@link #identifier()}, as a big-endian int. */
    public int fingerprint() {
        return ExtendedKeyCodec.fingerprintOf(identifier);
    }

    /** The Base58Check {@code xpub…} serialization. */
    public String toXpub() {
        return ExtendedKeyCodec.serialize(new ExtendedKeyCodec.Fields(
                ExtendedKeyCodec.XPUB, depth, parentFingerprint, childNumber, chainCode, publicKey));
    }

    /** Equal when the serializations are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HdPublicKey other && depth == other.depth && parentFingerprint == other.parentFingerprint
                && childNumber == other.childNumber && Arrays.equals(publicKey, other.publicKey)
                && Arrays.equals(chainCode, other.chainCode);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey) * 31 + childNumber;
    }

    /** The {@code xpub…} form. */
    @Override
    public String toString() {
        return "HdPublicKey[" + toXpub() + ", fingerprint=" + Hex.encode(ExtendedKeyCodec.int32(fingerprint())) + "]";
    }
}

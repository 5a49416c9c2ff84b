package network.mostro.nostr.keys;

import java.math.BigInteger;
import java.util.Arrays;
import network.mostro.nostr.CryptoException;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.internal.Hex;
import network.mostro.nostr.internal.Secp256k1;

/**
 * A BIP-32 extended private key: a secp256k1 private key, its chain code and its position in the tree.
 *
 * <pre>{@code
 * HdKey master = HdKey.fromSeed(mnemonic.toSeed(""));
 * PrivateKey key = master.derive("m/44'/1237'/0'/0/0").privateKey();
 * }</pre>
 *
 * <p><b>Invalid children.</b> BIP-32 says that when a child key is invalid (I<sub>L</sub> ≥ n or the
 * resulting key is zero, probability below 2<sup>-127</sup>) one should proceed with the next index. This
 * class does <i>not</i> silently move to another index, because the caller asked for a specific index
 * (Mostro stores it as {@code trade_index}); it throws {@link CryptoException} instead, and the caller may
 * skip to the next index. The same holds for an invalid master key from {@link #fromSeed}.
 *
 * <p>The private key never appears in {@link #toString()}; it leaves the object only through
 * {@link #privateKey()} and {@link #toXprv()}. Public data (compressed public key, fingerprint) is computed
 * lazily once and cached. Immutable and thread-safe.
 *
 * @see <a href="https://github.com/bitcoin/bips/blob/master/bip-0032.mediawiki">BIP-32</a>
 */
public final class HdKey {
    /** The hardened-index offset, 2<sup>31</sup>. */
    public static final int HARDENED_BIT = 0x80000000;

    private static final byte[] MASTER_HMAC_KEY = "Bitcoin seed".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final BigInteger k;
    private final byte[] chainCode;
    private final int depth;
    private final int parentFingerprint;
    private final int childNumber;

    private volatile byte[] publicKey;
    private volatile PrivateKey privateKey;
    private volatile byte[] identifier;

    private HdKey(BigInteger k, byte[] chainCode, int depth, int parentFingerprint, int childNumber) {
        this.k = k;
        this.chainCode = chainCode;
        this.depth = depth;
        this.parentFingerprint = parentFingerprint;
        this.childNumber = childNumber;
    }

    /**
     * The master key of a BIP-32 tree from a 16–64-byte seed (for example {@link Mnemonic#toSeed(String)}).
     *
     * @throws InvalidInputException if the seed is null or not 16–64 bytes
     * @throws CryptoException if the seed yields an invalid master key (probability below 2<sup>-127</sup>)
     */
    public static HdKey fromSeed(byte[] seed) {
        if (seed == null || seed.length < 16 || seed.length > 64) {
            throw new InvalidInputException("BIP-32 seed must be 16 to 64 bytes");
        }
        byte[] i = ExtendedKeyCodec.hmacSha512(MASTER_HMAC_KEY, seed);
        try {
            BigInteger k = new BigInteger(1, Arrays.copyOf(i, 32));
            if (k.signum() == 0 || k.compareTo(Secp256k1.N) >= 0) {
                throw new CryptoException("seed yields an invalid BIP-32 master key");
            }
            return new HdKey(k, Arrays.copyOfRange(i, 32, 64), 0, 0, 0);
        } finally {
            Arrays.fill(i, (byte) 0);
        }
    }

    /**
     * Parses a Base58Check {@code xprv…} string (Bitcoin mainnet version bytes).
     *
     * @throws MalformedInputException on a Base58 character, checksum or length error
     * @throws InvalidInputException on other version bytes, a master key with a parent fingerprint or index,
     *     or a key field not starting with 0x00
     * @throws CryptoException if the private key is zero or not below the curve order
     */
    public static HdKey fromXprv(String xprv) {
        var f = ExtendedKeyCodec.parse(xprv, ExtendedKeyCodec.XPRV, "xprv");
        byte[] key = f.key();
        try {
            if (key[0] != 0) {
                throw new InvalidInputException("xprv: the key field must start with 0x00");
            }
            BigInteger k = Secp256k1.scalar(Arrays.copyOfRange(key, 1, 33));
            return new HdKey(k, f.chainCode(), f.depth(), f.parentFingerprint(), f.childNumber());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Derives along {@code path}, for example {@code m/44'/1237'/38383'/0/5}. A path starting with
     * {@code m} is absolute and requires this key to be a master key (depth 0); a path without it (for
     * example {@code 0/5}) is relative to this key. {@code '}, {@code h} and {@code H} mark hardened indexes.
     *
     * @throws MalformedInputException if {@code path} is null
     * @throws InvalidInputException if the path is malformed (empty segment, spaces, non-digits, an index of
     *     2<sup>31</sup> or more), absolute from a non-master key, or deeper than 255
     * @throws CryptoException for an invalid child (see the class note)
     */
    public HdKey derive(String path) {
        HdPath.Parsed p = HdPath.parse(path);
        if (p.fromMaster() && depth != 0) {
            throw new InvalidInputException("path starts at m but this key has depth " + depth);
        }
        HdKey key = this;
        for (int child : p.childNumbers()) {
            key = key.deriveRaw(child);
        }
        return key;
    }

    /**
     * Derives child {@code index} (0 ≤ index &lt; 2<sup>31</sup>), hardened (index + 2<sup>31</sup>) or not.
     *
     * @throws InvalidInputException if {@code index} is negative or this key is at depth 255
     * @throws CryptoException for an invalid child (see the class note)
     */
    public HdKey deriveChild(int index, boolean hardened) {
        if (index < 0) {
            throw new InvalidInputException("child index must be between 0 and 2^31-1");
        }
        return deriveRaw(hardened ? index | HARDENED_BIT : index);
    }

    private HdKey deriveRaw(int child) {
        if (depth >= 255) {
            throw new InvalidInputException("BIP-32 depth cannot exceed 255");
        }
        byte[] i;
        if ((child & HARDENED_BIT) != 0) {
            byte[] data = new byte[37];
            System.arraycopy(Secp256k1.toBytes32(k), 0, data, 1, 32);
            System.arraycopy(ExtendedKeyCodec.int32(child), 0, data, 33, 4);
            i = ExtendedKeyCodec.hmacSha512(chainCode, data);
            Arrays.fill(data, (byte) 0);
        } else {
            i = ExtendedKeyCodec.hmacSha512(chainCode, publicKeyRaw(), ExtendedKeyCodec.int32(child));
        }
        try {
            BigInteger il = new BigInteger(1, Arrays.copyOf(i, 32));
            if (il.compareTo(Secp256k1.N) >= 0) {
                throw new CryptoException("invalid BIP-32 child " + Integer.toUnsignedString(child)
                        + " (I_L >= n); use the next index");
            }
            BigInteger childK = il.add(k).mod(Secp256k1.N);
            if (childK.signum() == 0) {
                throw new CryptoException("invalid BIP-32 child " + Integer.toUnsignedString(child)
                        + " (zero key); use the next index");
            }
            return new HdKey(childK, Arrays.copyOfRange(i, 32, 64), depth + 1, fingerprint(), child);
        } finally {
            Arrays.fill(i, (byte) 0);
        }
    }

    /** The private key, as used for Nostr signing (created once and cached). */
    public PrivateKey privateKey() {
        PrivateKey p = privateKey;
        if (p == null) {
            byte[] b = Secp256k1.toBytes32(k);
            p = PrivateKey.fromBytes(b);
            Arrays.fill(b, (byte) 0);
            privateKey = p;
        }
        return p;
    }

    /** The x-only Nostr public key (the x-coordinate of {@link #publicKeyBytes()}). */
    public PublicKey publicKey() {
        return privateKey().publicKey();
    }

    /** The 33-byte SEC1 compressed public key (a copy). */
    public byte[] publicKeyBytes() {
        return publicKeyRaw().clone();
    }

    private byte[] publicKeyRaw() {
        byte[] p = publicKey;
        if (p == null) {
            p = Secp256k1.mulG(k).getEncoded(true);
            publicKey = p;
        }
        return p;
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

    /** The index without the hardened bit. */
    public int index() {
        return childNumber & ~HARDENED_BIT;
    }

    /** Whether this key is a hardened child. */
    public boolean isHardened() {
        return (childNumber & HARDENED_BIT) != 0;
    }

    /** The 20-byte key identifier, HASH160 of the compressed public key (a copy). */
    public byte[] identifier() {
        byte[] id = identifier;
        if (id == null) {
            id = ExtendedKeyCodec.hash160(publicKeyRaw());
            identifier = id;
        }
        return id.clone();
    }

    /** The key fingerprint: the first four bytes of {@link #identifier()}, as a big-endian int. */
    public int fingerprint() {
        byte[] id = identifier;
        if (id == null) {
            identifier();
            id = identifier;
        }
        return ExtendedKeyCodec.fingerprintOf(id);
    }

    /** The Base58Check {@code xprv…} serialization. Secret: handle with care. */
    public String toXprv() {
        byte[] key = new byte[33];
        System.arraycopy(Secp256k1.toBytes32(k), 0, key, 1, 32);
        try {
            return ExtendedKeyCodec.serialize(new ExtendedKeyCodec.Fields(
                    ExtendedKeyCodec.XPRV, depth, parentFingerprint, childNumber, chainCode, key));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The Base58Check {@code xpub…} serialization of the matching public extended key. */
    public String toXpub() {
        return toPublic().toXpub();
    }

    /** The matching extended public key ("neutered" key), which can derive non-hardened children only. */
    public HdPublicKey toPublic() {
        return HdPublicKey.of(publicKeyRaw(), chainCode, depth, parentFingerprint, childNumber);
    }

    /** Shows only public data: {@code HdKey[depth=2, child=1, fingerprint=bef5a2f9]}. */
    @Override
    public String toString() {
        return "HdKey[depth=" + depth + ", child=" + index() + (isHardened() ? "'" : "")
                + ", fingerprint=" + Hex.encode(ExtendedKeyCodec.int32(fingerprint())) + "]";
    }
}

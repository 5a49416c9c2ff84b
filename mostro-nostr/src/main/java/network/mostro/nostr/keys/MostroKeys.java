package network.mostro.nostr.keys;

import java.util.Arrays;
import network.mostro.nostr.CryptoException;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PrivateKey;

/**
 * Mostro's key tree: the identity key and the trade keys, derived from one mnemonic at
 * {@code m/44'/1237'/38383'/0/<i>} (NIP-06 with account 38383).
 *
 * <pre>{@code
 * MostroKeys keys = MostroKeys.fromMnemonic(Mnemonic.parse(words));
 * PrivateKey identity = keys.identityKey();   // index 0: reputation, never authors an order
 * PrivateKey trade = keys.tradeKey(7);        // index 7: the message's trade_index
 * }</pre>
 *
 * <p>The node {@code m/44'/1237'/38383'/0} is derived once when the instance is created and kept with its
 * public key, so each {@link #key(long)} or {@link #tradeKey(long)} costs a single non-hardened child
 * derivation. Keys are not cached; callers keep the ones they use. Invalid children (probability below
 * 2<sup>-127</sup>) throw {@link CryptoException} rather than silently moving to another index, since the
 * index is part of the protocol ({@code trade_index}).
 *
 * <p>Holds secret material; {@link #toString()} shows only the identity public key. Immutable and
 * thread-safe.
 *
 * @see <a href="https://mostro.network/protocol/key_management.html">Mostro key management</a>
 */
public final class MostroKeys {
    /** The hardened account Mostro uses under NIP-06's {@code m/44'/1237'}. */
    public static final int ACCOUNT = 38383;
    /** The path of the node whose non-hardened children are the Mostro keys. */
    public static final String BASE_PATH = "m/44'/1237'/38383'/0";
    /** The largest index: indexes are non-hardened BIP-32 child numbers. */
    public static final long MAX_INDEX = 0x7fffffffL;

    private final HdKey base;
    private final PrivateKey identity;

    private MostroKeys(HdKey base) {
        this.base = base;
        base.publicKeyBytes(); // computes and caches the parent public key used by every child derivation
        this.identity = base.deriveChild(0, false).privateKey();
    }

    /**
     * Keys from a mnemonic with the empty passphrase, as Mostro's mobile app and CLI do.
     *
     * @throws InvalidInputException if {@code mnemonic} is null
     */
    public static MostroKeys fromMnemonic(Mnemonic mnemonic) {
        return fromMnemonic(mnemonic, "");
    }

    /**
     * Keys from a mnemonic and a BIP-39 passphrase. Other Mostro clients use an empty passphrase; a non-empty
     * one yields keys they cannot restore.
     *
     * @throws InvalidInputException if {@code mnemonic} or {@code passphrase} is null
     */
    public static MostroKeys fromMnemonic(Mnemonic mnemonic, String passphrase) {
        if (mnemonic == null) {
            throw new InvalidInputException("mnemonic is required");
        }
        byte[] seed = mnemonic.toSeed(passphrase);
        try {
            return fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Keys from a 16–64-byte BIP-32 seed.
     *
     * @throws InvalidInputException if the seed is null or not 16–64 bytes
     */
    public static MostroKeys fromSeed(byte[] seed) {
        return fromMaster(HdKey.fromSeed(seed));
    }

    /**
     * Keys below an existing BIP-32 master key.
     *
     * @throws InvalidInputException if {@code master} is null or not a master key (depth 0)
     */
    public static MostroKeys fromMaster(HdKey master) {
        return new MostroKeys(Nip06.accountKey(master, ACCOUNT).deriveChild(0, false));
    }

    /** The identity key, index 0. */
    public PrivateKey identityKey() {
        return identity;
    }

    /**
     * The trade key for {@code tradeIndex} (1 ≤ tradeIndex ≤ 2<sup>31</sup>−1), the value sent as the
     * message's {@code trade_index}.
     *
     * @throws InvalidInputException if {@code tradeIndex} is out of range (0 is the identity key)
     * @throws CryptoException for an invalid child (see the class note)
     */
    public PrivateKey tradeKey(long tradeIndex) {
        if (tradeIndex < 1 || tradeIndex > MAX_INDEX) {
            throw new InvalidInputException("trade index must be between 1 and 2^31-1 (0 is the identity key)");
        }
        return key(tradeIndex);
    }

    /**
     * The key at {@code m/44'/1237'/38383'/0/<index>} (0 ≤ index ≤ 2<sup>31</sup>−1); 0 is the identity key.
     *
     * @throws InvalidInputException if {@code index} is out of range
     * @throws CryptoException for an invalid child (see the class note)
     */
    public PrivateKey key(long index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new InvalidInputException("key index must be between 0 and 2^31-1");
        }
        if (index == 0) {
            return identity;
        }
        return base.deriveChild((int) index, false).privateKey();
    }

    /**
     * The extended public key of {@code m/44'/1237'/38383'/0}: a watch-only component can derive every
     * identity and trade public key from it, without secrets.
     */
    public HdPublicKey basePublicKey() {
        return base.toPublic();
    }

    /** Shows only the identity public key. */
    @Override
    public String toString() {
        return "MostroKeys[identity=" + identity.publicKey().toHex() + "]";
    }
}

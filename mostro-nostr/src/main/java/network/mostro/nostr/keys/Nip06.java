package network.mostro.nostr.keys;

import network.mostro.nostr.CryptoException;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PrivateKey;

/**
 * NIP-06: Nostr keys from a BIP-39 mnemonic, at the BIP-32 path {@code m/44'/1237'/<account>'/0/0}.
 *
 * <pre>{@code
 * PrivateKey key = Nip06.privateKey(Mnemonic.parse(words), "", 0);
 * }</pre>
 *
 * <p>For Mostro's identity and trade keys (account 38383, last index varying) use {@link MostroKeys}.
 * Stateless and thread-safe.
 *
 * @see <a href="https://github.com/nostr-protocol/nips/blob/master/06.md">NIP-06</a>
 */
public final class Nip06 {
    /** The SLIP-44 coin type registered for Nostr. */
    public static final int COIN_TYPE = 1237;

    private Nip06() {}

    /** The key at {@code m/44'/1237'/0'/0/0} with the empty passphrase (the common default). */
    public static PrivateKey privateKey(Mnemonic mnemonic) {
        return privateKey(mnemonic, "", 0);
    }

    /**
     * The key at {@code m/44'/1237'/<account>'/0/0}.
     *
     * @throws InvalidInputException if {@code mnemonic} or {@code passphrase} is null, or {@code account} is
     *     negative
     * @throws CryptoException for an invalid BIP-32 child (probability below 2<sup>-127</sup>)
     */
    public static PrivateKey privateKey(Mnemonic mnemonic, String passphrase, int account) {
        if (mnemonic == null) {
            throw new InvalidInputException("mnemonic is required");
        }
        return accountKey(HdKey.fromSeed(mnemonic.toSeed(passphrase)), account)
                .deriveChild(0, false)
                .deriveChild(0, false)
                .privateKey();
    }

    /**
     * The account node {@code m/44'/1237'/<account>'} below {@code master}.
     *
     * @throws InvalidInputException if {@code master} is null or not a master key, or {@code account} is negative
     */
    public static HdKey accountKey(HdKey master, int account) {
        if (master == null || master.depth() != 0) {
            throw new InvalidInputException("a master key (depth 0) is required");
        }
        if (account < 0) {
            throw new InvalidInputException("account must be between 0 and 2^31-1");
        }
        return master.deriveChild(44, true).deriveChild(COIN_TYPE, true).deriveChild(account, true);
    }
}

package network.mostro.client;

import java.util.Objects;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.nostr.keys.MostroKeys;

/**
 * Where the user's key material comes from (SPI): the BIP-32 tree of SPEC §2.1, from which the client derives the
 * identity key (index 0) and a fresh trade key per order. Implement it to keep the seed in a platform keystore or an
 * HSM-backed wallet; {@link #ofMnemonic(Mnemonic)} covers the plain case. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface KeyStore {
    /** The user's Mostro key tree; called once when the client is built. */
    MostroKeys keys();

    /** A key store over a BIP-39 mnemonic with an empty passphrase, as the mobile and CLI clients use. */
    static KeyStore ofMnemonic(Mnemonic mnemonic) {
        Objects.requireNonNull(mnemonic, "mnemonic");
        MostroKeys keys = MostroKeys.fromMnemonic(mnemonic);
        return () -> keys;
    }
}

package network.mostro.protocol.keys;

import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;

/**
 * A trade key and its index on {@code m/44'/1237'/38383'/0/<index>}: the value sent as {@code trade_index}.
 * Immutable and thread-safe; {@link #toString()} shows the public key only.
 *
 * @param index 1 ≤ index ≤ 2<sup>31</sup>−1
 * @param privateKey the derived key
 */
public record TradeKey(long index, PrivateKey privateKey) {
    /** @throws InvalidInputException if the index is out of range or the key is null */
    public TradeKey {
        if (index < 1 || privateKey == null) {
            throw new InvalidInputException("a trade key needs an index ≥ 1 and a key");
        }
    }

    /** The trade public key (the event author on v2). */
    public PublicKey publicKey() {
        return privateKey.publicKey();
    }

    @Override
    public String toString() {
        return "TradeKey[" + index + ", " + publicKey().toHex() + "]";
    }
}

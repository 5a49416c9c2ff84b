package network.mostro.protocol.transport;

import java.util.Objects;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PrivateKey;

/**
 * The keys a client sends a request with: the trade key (the visible event author, or the rumor author on v1) and,
 * in {@linkplain PrivacyMode#REPUTATION reputation mode}, the identity key (index 0) that proves who the user is.
 *
 * <pre>{@code
 * SenderKeys keys = SenderKeys.reputation(keyManager.tradeKey(3).privateKey(), keyManager.identityKey());
 * SenderKeys anon = SenderKeys.fullPrivacy(tradeKey);
 * }</pre>
 * Immutable and thread-safe. {@link #toString()} shows only public keys.
 *
 * @param tradeKey the trade key; never null
 * @param identityKey the identity key in reputation mode, or null in full-privacy mode
 */
public record SenderKeys(PrivateKey tradeKey, PrivateKey identityKey) {
    /**
     * @throws InvalidInputException if {@code tradeKey} is null, or the identity key equals the trade key (use
     *     {@link #fullPrivacy} instead)
     */
    public SenderKeys {
        if (tradeKey == null) {
            throw new InvalidInputException("a trade key is required");
        }
        if (identityKey != null && identityKey.equals(tradeKey)) {
            throw new InvalidInputException("identity key equals the trade key; use SenderKeys.fullPrivacy");
        }
    }

    /** Reputation mode: the message is signed by {@code tradeKey} and proven by {@code identityKey}. */
    public static SenderKeys reputation(PrivateKey tradeKey, PrivateKey identityKey) {
        return new SenderKeys(tradeKey, Objects.requireNonNull(identityKey, "identityKey"));
    }

    /** Full-privacy mode: nothing inside is signed and the trade key is the identity. */
    public static SenderKeys fullPrivacy(PrivateKey tradeKey) {
        return new SenderKeys(tradeKey, null);
    }

    /** The mode these keys send in. */
    public PrivacyMode mode() {
        return identityKey == null ? PrivacyMode.FULL_PRIVACY : PrivacyMode.REPUTATION;
    }

    @Override
    public String toString() {
        return "SenderKeys[trade=" + tradeKey.publicKey().toHex()
                + (identityKey == null ? ", fullPrivacy" : ", identity=" + identityKey.publicKey().toHex()) + "]";
    }
}

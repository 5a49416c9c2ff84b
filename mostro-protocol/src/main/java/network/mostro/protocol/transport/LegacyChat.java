package network.mostro.protocol.transport;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.protocol.keys.ChatKeys;

/**
 * Read-only support for the legacy chat scheme of mostro-core 0.14 (SPEC §15.4), deprecated by the current one:
 * the raw ECDH x-coordinate of the two trade keys is used directly as a secret key ("shared key"); each message is a
 * kind-1059 event by a random key, {@code p} = the shared public key, content = NIP-44(ephemeral → shared public key)
 * of a signed kind-1 inner event. Use it only to read old conversations. Stateless and thread-safe.
 */
public final class LegacyChat {
    /** The outer kind. */
    public static final int OUTER_KIND = 1059;

    private LegacyChat() {}

    /** The legacy shared key of {@code own} and {@code peer}: the unhashed ECDH x-coordinate as a secret key. */
    public static PrivateKey sharedKey(PrivateKey own, PublicKey peer) {
        if (own == null || peer == null) {
            throw new InvalidInputException("shared key needs the own key and the peer key");
        }
        byte[] x = ChatKeys.sharedSecret(own, peer);
        try {
            return PrivateKey.fromBytes(x);
        } finally {
            Arrays.fill(x, (byte) 0);
        }
    }

    /**
     * Opens a legacy chat event: kind 1059, valid outer signature, {@code p} = the shared public key, decrypts with
     * (shared key, outer author), inner event signed, by an accepted sender, kind 1.
     *
     * @throws ChatRejectedException with the failed check
     */
    public static ChatMessage unwrap(Event outer, PrivateKey sharedKey, Collection<PublicKey> acceptedSenders) {
        if (outer == null || sharedKey == null || acceptedSenders == null) {
            throw new InvalidInputException("legacy unwrap needs an event, the shared key and accepted senders");
        }
        if (outer.kind() != OUTER_KIND) {
            throw ChatReceiver.reject(ChatRejectedException.Reason.WRONG_KIND, "kind " + outer.kind());
        }
        if (!outer.tagValues("p").contains(sharedKey.publicKey().toHex())) {
            throw ChatReceiver.reject(ChatRejectedException.Reason.BAD_P_TAG, "not addressed to the shared key");
        }
        if (!outer.verify()) {
            throw ChatReceiver.reject(ChatRejectedException.Reason.BAD_OUTER_SIGNATURE, "outer does not verify");
        }
        byte[] key = Nip44.conversationKey(sharedKey, outer.pubkey());
        try {
            Event inner = ChatReceiver.openInner(outer.content(), key);
            return ChatReceiver.checkInner(inner, Set.copyOf(acceptedSenders), outer);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}

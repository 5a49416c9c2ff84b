package network.mostro.protocol.transport;

import java.util.Objects;
import network.mostro.nostr.PublicKey;
import network.mostro.protocol.Message;

/**
 * A Mostro message taken out of its transport envelope, with who sent it and what was proven. Produced by
 * {@link Transport#unwrap}. Immutable and thread-safe.
 *
 * @param message the parsed message
 * @param messageJson its canonical JSON (SPEC §3.4), the text signatures were checked against
 * @param senderTradeKey v2: the event author; v1: the rumor author. Replies go to this key
 * @param identityKey v2: the identity-proof key, else the sender; v1: the seal signer. Equals
 *     {@code senderTradeKey} in full-privacy mode
 * @param tradeSigned whether a trade signature was present; when present it has been verified
 * @param createdAt the inner {@code created_at} the freshness check uses (v2: the event's; v1: the rumor's)
 * @param eventId id of the outer event (kind 14 or 1059), for replay detection
 * @param eventKind kind of the outer event
 */
public record Inbound(Message message, String messageJson, PublicKey senderTradeKey, PublicKey identityKey,
        boolean tradeSigned, long createdAt, String eventId, int eventKind) {
    public Inbound {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(messageJson, "messageJson");
        Objects.requireNonNull(senderTradeKey, "senderTradeKey");
        Objects.requireNonNull(identityKey, "identityKey");
        Objects.requireNonNull(eventId, "eventId");
    }

    /** {@link PrivacyMode#REPUTATION} when an identity other than the trade key was proven. */
    public PrivacyMode mode() {
        return identityKey.equals(senderTradeKey) ? PrivacyMode.FULL_PRIVACY : PrivacyMode.REPUTATION;
    }

    /**
     * True when the identity differs from the sender but there is no trade signature: the daemon drops such a
     * message (SPEC §2.2, §3.6 step 7).
     */
    public boolean identityWithoutTradeSignature() {
        return !tradeSigned && !identityKey.equals(senderTradeKey);
    }
}

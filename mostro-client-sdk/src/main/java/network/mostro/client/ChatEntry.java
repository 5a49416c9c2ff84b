package network.mostro.client;

import java.util.Objects;
import java.util.UUID;

/**
 * One chat message of a trade, sent or received, as kept in the history. Immutable and thread-safe.
 *
 * @param orderId the trade's order id
 * @param channel the conversation
 * @param senderPubkey hex key of the verified inner author (a trade key or the solver)
 * @param outgoing whether this client sent it
 * @param text the message text
 * @param createdAt inner {@code created_at} (Unix seconds)
 * @param innerEventId id of the signed inner kind-1 event (unique per message)
 */
public record ChatEntry(UUID orderId, ChatChannel channel, String senderPubkey, boolean outgoing, String text,
        long createdAt, String innerEventId) {
    public ChatEntry {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(senderPubkey, "senderPubkey");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(innerEventId, "innerEventId");
    }
}

package network.mostro.protocol.transport;

import java.util.Objects;
import network.mostro.nostr.Event;
import network.mostro.nostr.PublicKey;

/**
 * One accepted chat message (SPEC §15): the text of the inner kind-1 event, its verified author (a trade key or the
 * solver) and its timestamp. Immutable and thread-safe.
 *
 * @param text the message text (inner {@code content})
 * @param sender the inner event's author, verified and allowed
 * @param createdAt the inner {@code created_at}
 * @param inner the verified inner kind-1 event
 * @param outerEventId id of the outer event (kind 14, or 1059 for the legacy scheme)
 */
public record ChatMessage(String text, PublicKey sender, long createdAt, Event inner, String outerEventId) {
    public ChatMessage {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(inner, "inner");
        Objects.requireNonNull(outerEventId, "outerEventId");
    }
}

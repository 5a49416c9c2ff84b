package network.mostro.protocol.state;

import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.Action;

/**
 * One message Mostro sends as part of a transition. Immutable and thread-safe.
 *
 * @param to the recipient
 * @param action the message's action
 * @param payload the payload shape
 * @param amount which amount the payload's order carries
 */
public record Notification(Recipient to, Action action, PayloadShape payload, AmountVariant amount) {
    /** @throws InvalidInputException if a component is null */
    public Notification {
        if (to == null || action == null || payload == null || amount == null) {
            throw new InvalidInputException("notification: null component");
        }
    }

    /** A notification without payload amount. */
    public static Notification of(Recipient to, Action action, PayloadShape payload) {
        return new Notification(to, action, payload, AmountVariant.NONE);
    }
}

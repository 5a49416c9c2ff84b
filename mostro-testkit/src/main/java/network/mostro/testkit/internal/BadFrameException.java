package network.mostro.testkit.internal;

/**
 * A client frame the relay cannot act on. Carries what is known about it so the relay can answer in the most
 * specific way: {@code OK false} when an event id is known, {@code CLOSED} when a subscription id is known,
 * {@code NOTICE} otherwise. Immutable.
 */
public final class BadFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The message type, when it was read. */
    public final String type;
    /** The event id, for EVENT/AUTH frames whose id could be read. */
    public final String eventId;
    /** The subscription id, for REQ frames whose id could be read. */
    public final String subscriptionId;

    public BadFrameException(String message, String type, String eventId, String subscriptionId) {
        super(message, null, false, false);
        this.type = type;
        this.eventId = eventId;
        this.subscriptionId = subscriptionId;
    }
}

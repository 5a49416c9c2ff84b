package network.mostro.testkit.internal;

/** One frame received from a client, as queued in its {@link Inbox} for handling. Immutable and thread-safe. */
sealed interface Inbound {
    /** A text frame that parsed into a NIP-01 message (events not yet verified). */
    record Parsed(ClientMessage message) implements Inbound {}

    /** A text frame that did not parse. */
    record Refused(BadFrameException problem) implements Inbound {}

    /** A binary frame (not supported). */
    record Binary() implements Inbound {}
}

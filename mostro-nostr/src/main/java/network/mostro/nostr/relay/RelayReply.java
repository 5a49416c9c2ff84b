package network.mostro.nostr.relay;

import java.util.Objects;

/**
 * What one relay made of one published event. Immutable and thread-safe.
 *
 * @param status the outcome
 * @param prefix the machine-readable prefix of the relay's message ({@link RelayMessagePrefix#NONE} when the
 *     outcome did not come from the relay)
 * @param message the relay's {@code OK} message, or a description of the local outcome; never null
 */
public record RelayReply(Status status, RelayMessagePrefix prefix, String message) {

    /** The outcome of publishing to one relay. */
    public enum Status {
        /** The relay answered {@code OK true} (including {@code duplicate:}). */
        ACCEPTED,
        /** The relay answered {@code OK false}; see {@link #prefix()}. */
        REJECTED,
        /** The event was sent but no {@code OK} arrived within the publish timeout. */
        TIMEOUT,
        /** The relay was not connected at any time before the publish timeout, or is not in the pool. */
        NOT_CONNECTED,
        /** The relay's outbound queue was full; nothing was sent. */
        OVERLOADED,
        /** The pool was closed before the relay answered. */
        CLOSED
    }

    public RelayReply {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(message, "message");
    }

    /** A reply parsed from a relay's {@code OK} message. */
    public static RelayReply ok(boolean accepted, String message) {
        String m = message == null ? "" : message;
        return new RelayReply(accepted ? Status.ACCEPTED : Status.REJECTED, RelayMessagePrefix.of(m), m);
    }

    /** A local outcome (timeout, not connected, overloaded, closed). */
    public static RelayReply local(Status status, String message) {
        return new RelayReply(status, RelayMessagePrefix.NONE, message);
    }

    /** True for {@link Status#ACCEPTED}. */
    public boolean accepted() {
        return status == Status.ACCEPTED;
    }
}

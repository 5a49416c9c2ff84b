package network.mostro.protocol.event;

import java.util.Optional;

/**
 * The public bucket of an order, the {@code s} tag of a 38383 event (SPEC §6.1). The daemon writes the first four;
 * NIP-69 also defines {@code expired}, which the daemon never writes (expired orders publish {@code canceled}, SPEC
 * §18 #8). Immutable and thread-safe.
 */
public enum OrderEventStatus {
    /** Open for taking (includes waiting-taker-bond). */
    PENDING("pending"),
    /** Taken, trade running. */
    IN_PROGRESS("in-progress"),
    /** Completed. */
    SUCCESS("success"),
    /** Canceled or expired. */
    CANCELED("canceled"),
    /** NIP-69 only; not written by the daemon. */
    EXPIRED("expired");

    private final String wireName;

    OrderEventStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The tag value. */
    public String wireName() {
        return wireName;
    }

    /** The status with this tag value, if any. */
    public static Optional<OrderEventStatus> fromWire(String wire) {
        for (OrderEventStatus s : values()) {
            if (s.wireName.equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

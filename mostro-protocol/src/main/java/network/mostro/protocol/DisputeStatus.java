package network.mostro.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Status of a dispute (kebab-case, SPEC §6.2).
 *
 * <p>mostro-core carries dispute statuses as free strings in messages ({@link RestoredDispute#status()}), so this
 * enum is a typed view; newer daemons add values (SPEC §19 mentions {@code cooperatively-canceled}).
 *
 * <p>Each constant stores its wire spelling once ({@link #wireName()}); {@link #fromWire(String)} is the only parser.
 * Immutable and thread-safe.
 */
public enum DisputeStatus {
    /** Opened and waiting for a solver. */
    INITIATED("initiated"),
    /** A solver took it. */
    IN_PROGRESS("in-progress"),
    /** Admin cancel or cooperative cancel during the dispute: the seller was refunded. */
    SELLER_REFUNDED("seller-refunded"),
    /** Admin settle, or the seller released during the dispute. */
    SETTLED("settled"),
    /** Defined; not used by daemon 0.18.5. */
    RELEASED("released");

    private static final Map<String, DisputeStatus> BY_WIRE = new HashMap<>();

    static {
        for (DisputeStatus v : values()) {
            BY_WIRE.put(v.wireName, v);
        }
    }

    private final String wireName;

    DisputeStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The exact JSON spelling of this constant. */
    public String wireName() {
        return wireName;
    }

    /**
     * The constant spelled {@code wire} on the wire (case-sensitive, as serde compares).
     *
     * @return the constant, or empty when {@code wire} is null or not a known spelling
     */
    public static Optional<DisputeStatus> fromWire(String wire) {
        return wire == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(wire));
    }
}

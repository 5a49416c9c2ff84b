package network.mostro.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which party opened a dispute ({@code initiator} in a restored dispute).
 *
 * <p>Each constant stores its wire spelling once ({@link #wireName()}); {@link #fromWire(String)} is the only parser.
 * Immutable and thread-safe.
 */
public enum DisputeInitiator {
    /** The buyer opened it. */
    BUYER("buyer"),
    /** The seller opened it. */
    SELLER("seller");

    private static final Map<String, DisputeInitiator> BY_WIRE = new HashMap<>();

    static {
        for (DisputeInitiator v : values()) {
            BY_WIRE.put(v.wireName, v);
        }
    }

    private final String wireName;

    DisputeInitiator(String wireName) {
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
    public static Optional<DisputeInitiator> fromWire(String wire) {
        return wire == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(wire));
    }
}

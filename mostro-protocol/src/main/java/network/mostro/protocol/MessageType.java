package network.mostro.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The wrapper of a Mostro message: the single key of the outer JSON object (kebab-case).
 *
 * <p>The daemon routes by {@link Action} only, but the wrapper is part of the signed JSON. Declaration order is
 * mostro-core's. Unknown wrappers are rejected ({@link UnknownVariantException}), as serde does.
 *
 * <p>Each constant stores its wire spelling once ({@link #wireName()}); {@link #fromWire(String)} is the only parser.
 * Immutable and thread-safe.
 */
public enum MessageType {
    /** Nearly everything: order lifecycle, admin settle/cancel, ratings, orders listing, bonds. */
    ORDER("order"),
    /** {@code admin-take-dispute}, {@code admin-took-dispute} to the solver, the {@code admin-add-solver} ack. */
    DISPUTE("dispute"),
    /** Refusals from Mostro. */
    CANT_DO("cant-do"),
    /** Defined; neither sent nor routed specially by the daemon. */
    RATE("rate"),
    /** Legacy user-to-user {@code send-dm}; ignored by the daemon. */
    DM("dm"),
    /** {@code restore-session} and {@code last-trade-index}, both directions. */
    RESTORE("restore");

    private static final Map<String, MessageType> BY_WIRE = new HashMap<>();

    static {
        for (MessageType v : values()) {
            BY_WIRE.put(v.wireName, v);
        }
    }

    private final String wireName;

    MessageType(String wireName) {
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
    public static Optional<MessageType> fromWire(String wire) {
        return wire == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(wire));
    }
}

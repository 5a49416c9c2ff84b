package network.mostro.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Direction of an order ({@code kind}): the maker buys or sells sats.
 *
 * <p>Each constant stores its wire spelling once ({@link #wireName()}); {@link #fromWire(String)} is the only parser.
 * Immutable and thread-safe.
 */
public enum OrderKind {
    /** The maker wants to buy sats for fiat. */
    BUY("buy"),
    /** The maker wants to sell sats for fiat. */
    SELL("sell");

    private static final Map<String, OrderKind> BY_WIRE = new HashMap<>();

    static {
        for (OrderKind v : values()) {
            BY_WIRE.put(v.wireName, v);
        }
    }

    private final String wireName;

    OrderKind(String wireName) {
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
    public static Optional<OrderKind> fromWire(String wire) {
        return wire == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(wire));
    }
}

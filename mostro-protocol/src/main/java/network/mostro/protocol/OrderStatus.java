package network.mostro.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Status of an order as the daemon stores and sends it (kebab-case, SPEC §6.1).
 *
 * <p>Declaration order is mostro-core 0.14's. Unknown spellings inside an order payload are rejected
 * ({@link UnknownVariantException}) because mostro-core's serde enum rejects them too.
 *
 * <p>Each constant stores its wire spelling once ({@link #wireName()}); {@link #fromWire(String)} is the only parser.
 * Immutable and thread-safe.
 */
public enum OrderStatus {
    /** Hold invoice accepted and buyer invoice known; the fiat leg is in progress. */
    ACTIVE("active"),
    /** Canceled (maker cancel, timeout, escrow guardian). */
    CANCELED("canceled"),
    /** A solver canceled; the seller was refunded. */
    CANCELED_BY_ADMIN("canceled-by-admin"),
    /** Defined; not assigned by daemon 0.18.5. */
    SETTLED_BY_ADMIN("settled-by-admin"),
    /** Defined; not assigned by daemon 0.18.5. */
    COMPLETED_BY_ADMIN("completed-by-admin"),
    /** A dispute is open. */
    DISPUTE("dispute"),
    /** A pending order passed {@code expires_at} (published as {@code canceled}). */
    EXPIRED("expired"),
    /** The buyer declared the fiat sent. */
    FIAT_SENT("fiat-sent"),
    /** The seller's escrow was settled; the buyer payout is pending or retrying. */
    SETTLED_HOLD_INVOICE("settled-hold-invoice"),
    /** Published and takeable. */
    PENDING("pending"),
    /** The buyer was paid. */
    SUCCESS("success"),
    /** Waiting for the buyer's payout invoice. */
    WAITING_BUYER_INVOICE("waiting-buyer-invoice"),
    /** Waiting for the seller to pay the hold invoice. */
    WAITING_PAYMENT("waiting-payment"),
    /** One or more taker bonds are outstanding (published as {@code pending}). */
    WAITING_TAKER_BOND("waiting-taker-bond"),
    /** Both parties agreed to cancel. */
    COOPERATIVELY_CANCELED("cooperatively-canceled"),
    /** Wire-only bucket of the public order event; never stored. */
    IN_PROGRESS("in-progress"),
    /** The maker must lock a bond before publication (not published). */
    WAITING_MAKER_BOND("waiting-maker-bond");

    private static final Map<String, OrderStatus> BY_WIRE = new HashMap<>();

    static {
        for (OrderStatus v : values()) {
            BY_WIRE.put(v.wireName, v);
        }
    }

    private final String wireName;

    OrderStatus(String wireName) {
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
    public static Optional<OrderStatus> fromWire(String wire) {
        return wire == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(wire));
    }
}

package network.mostro.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The variant of a {@link Payload}: the single key of the payload object (snake_case, SPEC §5).
 *
 * <p>Declaration order is mostro-core 0.14's. Unknown payload keys are rejected ({@link UnknownVariantException}),
 * as serde does.
 *
 * <p>Each constant stores its wire spelling once ({@link #wireName()}); {@link #fromWire(String)} is the only parser.
 * Immutable and thread-safe.
 */
public enum PayloadType {
    /** Payload key {@code order}. */
    ORDER("order"),
    /** Payload key {@code payment_request}. */
    PAYMENT_REQUEST("payment_request"),
    /** Payload key {@code text_message}. */
    TEXT_MESSAGE("text_message"),
    /** Payload key {@code peer}. */
    PEER("peer"),
    /** Payload key {@code rating_user}. */
    RATING_USER("rating_user"),
    /** Payload key {@code amount}. */
    AMOUNT("amount"),
    /** Payload key {@code dispute}. */
    DISPUTE("dispute"),
    /** Payload key {@code cant_do}. */
    CANT_DO("cant_do"),
    /** Payload key {@code next_trade}. */
    NEXT_TRADE("next_trade"),
    /** Payload key {@code payment_failed}. */
    PAYMENT_FAILED("payment_failed"),
    /** Payload key {@code restore_data}. */
    RESTORE_DATA("restore_data"),
    /** Payload key {@code ids}. */
    IDS("ids"),
    /** Payload key {@code orders}. */
    ORDERS("orders"),
    /** Payload key {@code bond_resolution}. */
    BOND_RESOLUTION("bond_resolution"),
    /** Payload key {@code bond_payout_request}. */
    BOND_PAYOUT_REQUEST("bond_payout_request"),
    /** Payload key {@code cashu_lock_proof}. */
    CASHU_LOCK_PROOF("cashu_lock_proof"),
    /** Payload key {@code cashu_signatures}. */
    CASHU_SIGNATURES("cashu_signatures");

    private static final Map<String, PayloadType> BY_WIRE = new HashMap<>();

    static {
        for (PayloadType v : values()) {
            BY_WIRE.put(v.wireName, v);
        }
    }

    private final String wireName;

    PayloadType(String wireName) {
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
    public static Optional<PayloadType> fromWire(String wire) {
        return wire == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(wire));
    }
}

package network.mostro.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Why Mostro refused a request (the {@code cant_do} payload, snake_case, SPEC §5.5).
 *
 * <p>The 35 reasons of mostro-core 0.14 in declaration order. Newer daemons add reasons (for example
 * {@code maintenance_mode} in v0.19), so the payload {@link Payload.CantDo} keeps the raw wire string and exposes
 * this enum only as a view: an unknown reason decodes fine, re-encodes byte-identically, and
 * {@link Payload.CantDo#reason()} is empty for it.
 *
 * <p>Each constant stores its wire spelling once ({@link #wireName()}); {@link #fromWire(String)} is the only parser.
 * Immutable and thread-safe.
 */
public enum CantDoReason {
    /** Wire value {@code invalid_signature}. */
    INVALID_SIGNATURE("invalid_signature"),
    /** Wire value {@code invalid_trade_index}. */
    INVALID_TRADE_INDEX("invalid_trade_index"),
    /** Wire value {@code invalid_amount}. */
    INVALID_AMOUNT("invalid_amount"),
    /** Wire value {@code invalid_invoice}. */
    INVALID_INVOICE("invalid_invoice"),
    /** Wire value {@code invalid_payment_request}. */
    INVALID_PAYMENT_REQUEST("invalid_payment_request"),
    /** Wire value {@code invalid_peer}. */
    INVALID_PEER("invalid_peer"),
    /** Wire value {@code invalid_rating}. */
    INVALID_RATING("invalid_rating"),
    /** Wire value {@code invalid_text_message}. */
    INVALID_TEXT_MESSAGE("invalid_text_message"),
    /** Wire value {@code invalid_order_kind}. */
    INVALID_ORDER_KIND("invalid_order_kind"),
    /** Wire value {@code invalid_order_status}. */
    INVALID_ORDER_STATUS("invalid_order_status"),
    /** Wire value {@code invalid_pubkey}. */
    INVALID_PUBKEY("invalid_pubkey"),
    /** Wire value {@code invalid_parameters}. */
    INVALID_PARAMETERS("invalid_parameters"),
    /** Wire value {@code invalid_payload}. */
    INVALID_PAYLOAD("invalid_payload"),
    /** Wire value {@code order_already_canceled}. */
    ORDER_ALREADY_CANCELED("order_already_canceled"),
    /** Wire value {@code cant_create_user}. */
    CANT_CREATE_USER("cant_create_user"),
    /** Wire value {@code is_not_your_order}. */
    IS_NOT_YOUR_ORDER("is_not_your_order"),
    /** Wire value {@code not_allowed_by_status}. */
    NOT_ALLOWED_BY_STATUS("not_allowed_by_status"),
    /** Wire value {@code out_of_range_fiat_amount}. */
    OUT_OF_RANGE_FIAT_AMOUNT("out_of_range_fiat_amount"),
    /** Wire value {@code out_of_range_sats_amount}. */
    OUT_OF_RANGE_SATS_AMOUNT("out_of_range_sats_amount"),
    /** Wire value {@code price_too_stale}. */
    PRICE_TOO_STALE("price_too_stale"),
    /** Wire value {@code is_not_your_dispute}. */
    IS_NOT_YOUR_DISPUTE("is_not_your_dispute"),
    /** Wire value {@code dispute_taken_by_admin}. */
    DISPUTE_TAKEN_BY_ADMIN("dispute_taken_by_admin"),
    /** Wire value {@code not_authorized}. */
    NOT_AUTHORIZED("not_authorized"),
    /** Wire value {@code dispute_creation_error}. */
    DISPUTE_CREATION_ERROR("dispute_creation_error"),
    /** Wire value {@code not_found}. */
    NOT_FOUND("not_found"),
    /** Wire value {@code invalid_dispute_status}. */
    INVALID_DISPUTE_STATUS("invalid_dispute_status"),
    /** Wire value {@code invalid_action}. */
    INVALID_ACTION("invalid_action"),
    /** Wire value {@code pending_order_exists}. */
    PENDING_ORDER_EXISTS("pending_order_exists"),
    /** Wire value {@code invalid_fiat_currency}. */
    INVALID_FIAT_CURRENCY("invalid_fiat_currency"),
    /** Wire value {@code too_many_requests}. */
    TOO_MANY_REQUESTS("too_many_requests"),
    /** Wire value {@code invalid_cashu_token}. */
    INVALID_CASHU_TOKEN("invalid_cashu_token"),
    /** Wire value {@code cashu_mint_unavailable}. */
    CASHU_MINT_UNAVAILABLE("cashu_mint_unavailable"),
    /** Wire value {@code invalid_mint_url}. */
    INVALID_MINT_URL("invalid_mint_url"),
    /** Wire value {@code cashu_escrow_not_locked}. */
    CASHU_ESCROW_NOT_LOCKED("cashu_escrow_not_locked"),
    /** Wire value {@code cashu_signature_missing}. */
    CASHU_SIGNATURE_MISSING("cashu_signature_missing");

    private static final Map<String, CantDoReason> BY_WIRE = new HashMap<>();

    static {
        for (CantDoReason v : values()) {
            BY_WIRE.put(v.wireName, v);
        }
    }

    private final String wireName;

    CantDoReason(String wireName) {
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
    public static Optional<CantDoReason> fromWire(String wire) {
        return wire == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(wire));
    }
}

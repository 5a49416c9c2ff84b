package network.mostro.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a Mostro message asks for or reports (the {@code action} member, kebab-case).
 *
 * <p>The constants are the 51 actions of mostro-core 0.14 in its declaration order (SPEC §7.1). There is no
 * {@code UNKNOWN} constant: an action this SDK does not know makes decoding fail with
 * {@link UnknownVariantException} (the daemon itself drops such messages), which a client may log and ignore as
 * SPEC §19 recommends. Keeping the enum closed lets an exhaustive {@code switch} flag a new action at compile time.
 *
 * <p>Each constant stores its wire spelling once ({@link #wireName()}); {@link #fromWire(String)} is the only parser.
 * Immutable and thread-safe.
 */
public enum Action {
    /** Create an order (user to Mostro) or confirm / republish it (Mostro to user); payload {@code order}. */
    NEW_ORDER("new-order"),
    /** A buyer takes a sell order; payload null, {@code amount} (range) or {@code payment_request}. */
    TAKE_SELL("take-sell"),
    /** A seller takes a buy order; payload null or {@code amount} (range). */
    TAKE_BUY("take-buy"),
    /** Mostro asks the seller to pay the hold invoice ({@code payment_request}), or sends a reputation notice ({@code peer}). */
    PAY_INVOICE("pay-invoice"),
    /** Mostro asks a party to pay its anti-abuse bond hold invoice ({@code payment_request}). */
    PAY_BOND_INVOICE("pay-bond-invoice"),
    /** The buyer declares the fiat payment sent; payload null or {@code next_trade}. */
    FIAT_SENT("fiat-sent"),
    /** Mostro acknowledges {@code fiat-sent} to both parties ({@code peer}). */
    FIAT_SENT_OK("fiat-sent-ok"),
    /** The seller releases the escrow; payload null or {@code next_trade}. */
    RELEASE("release"),
    /** Mostro tells the buyer the seller released. */
    RELEASED("released"),
    /** Cancel, cooperative cancel, or taker withdrawal. */
    CANCEL("cancel"),
    /** Cancellation notice. */
    CANCELED("canceled"),
    /** Cooperative cancel step 1, to the initiator. */
    COOPERATIVE_CANCEL_INITIATED_BY_YOU("cooperative-cancel-initiated-by-you"),
    /** Cooperative cancel step 1, to the counterparty. */
    COOPERATIVE_CANCEL_INITIATED_BY_PEER("cooperative-cancel-initiated-by-peer"),
    /** Dispute opened, to the initiator ({@code dispute} payload). */
    DISPUTE_INITIATED_BY_YOU("dispute-initiated-by-you"),
    /** Dispute opened, to the counterparty ({@code dispute} payload). */
    DISPUTE_INITIATED_BY_PEER("dispute-initiated-by-peer"),
    /** Cooperative cancel completed. */
    COOPERATIVE_CANCEL_ACCEPTED("cooperative-cancel-accepted"),
    /** Defined by mostro-core; not sent by daemon 0.18.5. */
    BUYER_INVOICE_ACCEPTED("buyer-invoice-accepted"),
    /** Bond payout invoice accepted ({@code order} payload, amount = share). */
    BOND_INVOICE_ACCEPTED("bond-invoice-accepted"),
    /** The buyer's payout succeeded. */
    PURCHASE_COMPLETED("purchase-completed"),
    /** Bond payout paid ({@code order} payload, amount = share). */
    BOND_PAYOUT_COMPLETED("bond-payout-completed"),
    /** The recipient's bond was forfeited ({@code order} payload, amount = slashed sats). */
    BOND_SLASHED("bond-slashed"),
    /** To the buyer: the trade is active ({@code order}). */
    HOLD_INVOICE_PAYMENT_ACCEPTED("hold-invoice-payment-accepted"),
    /** To the seller after release. */
    HOLD_INVOICE_PAYMENT_SETTLED("hold-invoice-payment-settled"),
    /** The escrow evaporated at the CLTV horizon. */
    HOLD_INVOICE_PAYMENT_CANCELED("hold-invoice-payment-canceled"),
    /** The buyer is told the seller must pay (Cashu mode: {@code order}). */
    WAITING_SELLER_TO_PAY("waiting-seller-to-pay"),
    /** The seller is told the buyer must send an invoice. */
    WAITING_BUYER_INVOICE("waiting-buyer-invoice"),
    /** Mostro asks for the buyer's payout invoice ({@code order} or {@code peer}); the buyer answers with {@code payment_request}. */
    ADD_INVOICE("add-invoice"),
    /** Mostro asks the winner of a slashed bond for an invoice ({@code bond_payout_request}); the answer is {@code payment_request}. */
    ADD_BOND_INVOICE("add-bond-invoice"),
    /** To the seller: the trade is active ({@code order}). */
    BUYER_TOOK_ORDER("buyer-took-order"),
    /** Invitation to rate the counterparty. */
    RATE("rate"),
    /** Rate the counterparty ({@code rating_user}). */
    RATE_USER("rate-user"),
    /** Rating acknowledgement ({@code rating_user}). */
    RATE_RECEIVED("rate-received"),
    /** Refusal from Mostro ({@code cant_do}). */
    CANT_DO("cant-do"),
    /** Open a dispute. */
    DISPUTE("dispute"),
    /** A solver cancels a disputed order (seller refunded); payload null or {@code bond_resolution}. */
    ADMIN_CANCEL("admin-cancel"),
    /** Acknowledgement of {@code admin-cancel}. */
    ADMIN_CANCELED("admin-canceled"),
    /** A solver settles a disputed order for the buyer; payload null or {@code bond_resolution}. */
    ADMIN_SETTLE("admin-settle"),
    /** Acknowledgement of {@code admin-settle}. */
    ADMIN_SETTLED("admin-settled"),
    /** The node admin registers a solver ({@code text_message}). */
    ADMIN_ADD_SOLVER("admin-add-solver"),
    /** A solver takes a dispute ({@code id} = dispute id). */
    ADMIN_TAKE_DISPUTE("admin-take-dispute"),
    /** Dispute taken: {@code dispute} payload to the solver, {@code peer} to the parties. */
    ADMIN_TOOK_DISPUTE("admin-took-dispute"),
    /** First payout failure ({@code payment_failed}). */
    PAYMENT_FAILED("payment-failed"),
    /** The buyer replaced its payout invoice. */
    INVOICE_UPDATED("invoice-updated"),
    /** Legacy user-to-user message ({@code text_message}); ignored by the daemon. */
    SEND_DM("send-dm"),
    /** The maker rotates its trade key on a pending order. */
    TRADE_PUBKEY("trade-pubkey"),
    /** Session recovery request (payload null) and reply ({@code restore_data}). */
    RESTORE_SESSION("restore-session"),
    /** Ask for the last used trade index; the reply carries it in {@code trade_index}. */
    LAST_TRADE_INDEX("last-trade-index"),
    /** Fetch own orders ({@code ids}); the reply carries {@code orders}. */
    ORDERS("orders"),
    /** Cashu mode: the seller submits the escrow lock ({@code cashu_lock_proof}). */
    ADD_CASHU_ESCROW("add-cashu-escrow"),
    /** Cashu mode: both parties are told the escrow is locked. */
    CASHU_ESCROW_LOCKED("cashu-escrow-locked"),
    /** Cashu mode: Mostro's per-proof signatures for a dispute winner ({@code cashu_signatures}). */
    CASHU_PM_SIGNATURE("cashu-pm-signature");

    private static final Map<String, Action> BY_WIRE = new HashMap<>();

    static {
        for (Action v : values()) {
            BY_WIRE.put(v.wireName, v);
        }
    }

    private final String wireName;

    Action(String wireName) {
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
    public static Optional<Action> fromWire(String wire) {
        return wire == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(wire));
    }
}

package network.mostro.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code payload} of a Mostro message: one record per mostro-core {@code Payload} variant (SPEC §5).
 *
 * <p>On the wire a payload is a single-key object whose key is {@link #type()}'s wire name; tuple variants
 * ({@code payment_request}, {@code dispute}, {@code next_trade}) are JSON arrays of fixed length, which only the
 * codec knows; here they are named records. Which payloads each action accepts is checked by
 * {@link Message#validate()}. All variants are immutable and thread-safe; list components are unmodifiable copies.
 */
public sealed interface Payload {

    /** The variant, whose wire name is the payload key. */
    PayloadType type();

    /**
     * {@code {"order": SmallOrder}}: an order (new-order both ways, add-invoice to the buyer, buyer-took-order, …).
     *
     * @param order the order
     */
    record Order(SmallOrder order) implements Payload {
        /** @throws NullPointerException if {@code order} is null */
        public Order {
            Objects.requireNonNull(order, "order");
        }

        @Override
        public PayloadType type() {
            return PayloadType.ORDER;
        }
    }

    /**
     * {@code {"payment_request": [order|null, invoice, amount|null]}}: always three elements on the wire.
     *
     * @param order the order the invoice belongs to (Mostro to user); nullable (user to Mostro sends null)
     * @param invoice bolt11 invoice, Lightning address or LNURL
     * @param amount optional amount (the fiat amount of a range take, or an amount for an amountless invoice);
     *     nullable
     */
    record PaymentRequest(SmallOrder order, String invoice, Long amount) implements Payload {
        /** @throws NullPointerException if {@code invoice} is null */
        public PaymentRequest {
            Checks.text(invoice, "invoice");
        }

        /** A user's request carrying only an invoice: {@code [null, invoice, null]}. */
        public static PaymentRequest of(String invoice) {
            return new PaymentRequest(null, invoice, null);
        }

        @Override
        public PayloadType type() {
            return PayloadType.PAYMENT_REQUEST;
        }
    }

    /**
     * {@code {"text_message": "..."}}: admin-add-solver and legacy send-dm.
     *
     * @param text the text
     */
    record TextMessage(String text) implements Payload {
        /** @throws NullPointerException if {@code text} is null */
        public TextMessage {
            Checks.text(text, "text");
        }

        @Override
        public PayloadType type() {
            return PayloadType.TEXT_MESSAGE;
        }
    }

    /**
     * {@code {"peer": {"pubkey": hex, "reputation": UserInfo|null}}}. The daemon sends an empty pubkey in the
     * reputation notices of {@code pay-invoice}/{@code add-invoice} (SPEC §7.2), so {@code pubkey} is not
     * validated as hex.
     *
     * @param pubkey the peer's key (hex, or empty in reputation notices)
     * @param reputation the peer's reputation; nullable
     */
    record Peer(String pubkey, UserInfo reputation) implements Payload {
        /** @throws NullPointerException if {@code pubkey} is null */
        public Peer {
            Checks.text(pubkey, "pubkey");
        }

        @Override
        public PayloadType type() {
            return PayloadType.PEER;
        }
    }

    /**
     * {@code {"rating_user": n}}. The wire type is u8 (0..255); the daemon silently ignores values outside 1..5.
     *
     * @param rating the rating
     */
    record RatingUser(int rating) implements Payload {
        /** @throws IllegalArgumentException if {@code rating} is outside 0..255 */
        public RatingUser {
            Checks.u8(rating, "rating");
        }

        @Override
        public PayloadType type() {
            return PayloadType.RATING_USER;
        }
    }

    /**
     * {@code {"amount": n}}: the fiat amount chosen when taking a range order (i64).
     *
     * @param amount the amount
     */
    record Amount(long amount) implements Payload {
        @Override
        public PayloadType type() {
            return PayloadType.AMOUNT;
        }
    }

    /**
     * {@code {"dispute": [dispute id, SolverDisputeInfo|null]}}: a two-element array, never a bare string
     * (SPEC §18 #1).
     *
     * @param disputeId the dispute id
     * @param solverInfo details for the solver; null in the notices to the parties
     */
    record Dispute(UUID disputeId, SolverDisputeInfo solverInfo) implements Payload {
        /** @throws NullPointerException if {@code disputeId} is null */
        public Dispute {
            Objects.requireNonNull(disputeId, "disputeId");
        }

        @Override
        public PayloadType type() {
            return PayloadType.DISPUTE;
        }
    }

    /**
     * {@code {"cant_do": reason|null}}: a refusal reason, kept as its raw wire string so that reasons added by
     * newer daemons (for example {@code maintenance_mode}) decode and re-encode unchanged.
     *
     * @param wireReason the reason as sent (snake_case), or null when the daemon gave none
     */
    record CantDo(String wireReason) implements Payload {
        /** @throws IllegalArgumentException if {@code wireReason} contains an unpaired surrogate */
        public CantDo {
            Checks.optionalText(wireReason, "wireReason");
        }

        /** The payload for a known reason. */
        public static CantDo of(CantDoReason reason) {
            return new CantDo(reason.wireName());
        }

        /** The payload without a reason: {@code {"cant_do": null}}. */
        public static CantDo withoutReason() {
            return new CantDo(null);
        }

        /** The reason, or empty when none was given or the spelling is unknown to this SDK (see {@link #wireReason()}). */
        public Optional<CantDoReason> reason() {
            return CantDoReason.fromWire(wireReason);
        }

        /** Whether a reason was given that this SDK does not know (typically from a newer daemon). */
        public boolean isUnknownReason() {
            return wireReason != null && reason().isEmpty();
        }

        @Override
        public PayloadType type() {
            return PayloadType.CANT_DO;
        }
    }

    /**
     * {@code {"next_trade": [trade pubkey hex, index]}}: a range-order maker announces its next trade key
     * (release / fiat-sent).
     *
     * @param tradePubkey hex key of the next trade key
     * @param tradeIndex its derivation index (u32)
     */
    record NextTrade(String tradePubkey, long tradeIndex) implements Payload {
        /** @throws IllegalArgumentException if {@code tradeIndex} is outside 0..2^32-1 */
        public NextTrade {
            Checks.text(tradePubkey, "tradePubkey");
            Checks.u32(tradeIndex, "tradeIndex");
        }

        @Override
        public PayloadType type() {
            return PayloadType.NEXT_TRADE;
        }
    }

    /**
     * {@code {"payment_failed": {"payment_attempts": u32, "payment_retries_interval": u32}}}. The daemon sends
     * {@code attempts - 1} and the interval in seconds (SPEC §18 #6).
     *
     * @param paymentAttempts remaining attempts (u32)
     * @param paymentRetriesInterval seconds between retries (u32)
     */
    record PaymentFailed(long paymentAttempts, long paymentRetriesInterval) implements Payload {
        /** @throws IllegalArgumentException if a value is outside 0..2^32-1 */
        public PaymentFailed {
            Checks.u32(paymentAttempts, "paymentAttempts");
            Checks.u32(paymentRetriesInterval, "paymentRetriesInterval");
        }

        @Override
        public PayloadType type() {
            return PayloadType.PAYMENT_FAILED;
        }
    }

    /**
     * {@code {"restore_data": {"orders": [...], "disputes": [...]}}}: the restore-session reply.
     *
     * @param orders non-terminal orders
     * @param disputes active disputes
     */
    record RestoreData(List<RestoredOrder> orders, List<RestoredDispute> disputes) implements Payload {
        /** @throws NullPointerException if a list or an element is null */
        public RestoreData {
            orders = Checks.list(orders, "orders");
            disputes = Checks.list(disputes, "disputes");
        }

        @Override
        public PayloadType type() {
            return PayloadType.RESTORE_DATA;
        }
    }

    /**
     * {@code {"ids": [uuid, ...]}}: the orders request.
     *
     * @param ids order ids
     */
    record Ids(List<UUID> ids) implements Payload {
        /** @throws NullPointerException if the list or an element is null */
        public Ids {
            ids = Checks.list(ids, "ids");
        }

        @Override
        public PayloadType type() {
            return PayloadType.IDS;
        }
    }

    /**
     * {@code {"orders": [SmallOrder, ...]}}: the orders reply.
     *
     * @param orders the orders
     */
    record Orders(List<SmallOrder> orders) implements Payload {
        /** @throws NullPointerException if the list or an element is null */
        public Orders {
            orders = Checks.list(orders, "orders");
        }

        @Override
        public PayloadType type() {
            return PayloadType.ORDERS;
        }
    }

    /**
     * {@code {"bond_resolution": {"slash_seller": b, "slash_buyer": b}}}: a solver's bond decision on
     * admin-settle / admin-cancel.
     *
     * @param slashSeller slash the seller's bond
     * @param slashBuyer slash the buyer's bond
     */
    record BondResolution(boolean slashSeller, boolean slashBuyer) implements Payload {
        @Override
        public PayloadType type() {
            return PayloadType.BOND_RESOLUTION;
        }
    }

    /**
     * {@code {"bond_payout_request": {"order": SmallOrder, "slashed_at": unix}}}: Mostro asks the winner of a
     * slashed bond for an invoice of {@code order.amount} sats.
     *
     * @param order order context; {@code amount} is the share in sats
     * @param slashedAt unix seconds of the slash (the claim-window anchor)
     */
    record BondPayoutRequest(SmallOrder order, long slashedAt) implements Payload {
        /** @throws NullPointerException if {@code order} is null */
        public BondPayoutRequest {
            Objects.requireNonNull(order, "order");
        }

        @Override
        public PayloadType type() {
            return PayloadType.BOND_PAYOUT_REQUEST;
        }
    }

    /**
     * {@code {"cashu_lock_proof": {...}}}: the seller's Cashu escrow lock (experimental Cashu mode).
     * {@code fee_token} is omitted on the wire when null.
     *
     * @param token serialized Cashu token
     * @param mintUrl the mint's URL
     * @param buyerPubkey buyer key in the 2-of-3 condition
     * @param sellerPubkey seller key in the 2-of-3 condition
     * @param mostroPubkey Mostro key in the 2-of-3 condition
     * @param feeToken token carrying Mostro's fee; nullable
     */
    record CashuLockProof(
            String token, String mintUrl, String buyerPubkey, String sellerPubkey, String mostroPubkey,
            String feeToken) implements Payload {
        /** @throws NullPointerException if a non-nullable component is null */
        public CashuLockProof {
            Checks.text(token, "token");
            Checks.text(mintUrl, "mintUrl");
            Checks.text(buyerPubkey, "buyerPubkey");
            Checks.text(sellerPubkey, "sellerPubkey");
            Checks.text(mostroPubkey, "mostroPubkey");
            Checks.optionalText(feeToken, "feeToken");
        }

        @Override
        public PayloadType type() {
            return PayloadType.CASHU_LOCK_PROOF;
        }
    }

    /**
     * {@code {"cashu_signatures": [{"secret": s, "signature": s}, ...]}} (experimental Cashu mode).
     *
     * @param signatures one signature per escrowed proof
     */
    record CashuSignatures(List<CashuProofSignature> signatures) implements Payload {
        /** @throws NullPointerException if the list or an element is null */
        public CashuSignatures {
            signatures = Checks.list(signatures, "signatures");
        }

        @Override
        public PayloadType type() {
            return PayloadType.CASHU_SIGNATURES;
        }
    }
}

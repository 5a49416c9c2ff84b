package network.mostro.server.store;

import java.util.UUID;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.state.TradeContext;

/**
 * An order as a Mostro node stores it: the daemon's order row plus the state machine's {@link TradeContext}.
 * Nullable components are documented as such; amounts are sats except the fiat fields. Build one with
 * {@link #builder()} and change one with {@link #toBuilder()}. Immutable and thread-safe.
 *
 * @param id the order id
 * @param kind buy or sell
 * @param status the daemon status (never {@code in-progress})
 * @param version compare-and-swap counter: 0 when inserted, +1 on every update
 * @param context the state machine's facts about the order
 * @param creatorPubkey the maker's trade key, hex
 * @param buyerPubkey the buyer's trade key, hex, or null before a buyer exists
 * @param masterBuyerPubkey the buyer's identity key, hex, or null (full privacy: equals the trade key)
 * @param sellerPubkey the seller's trade key, hex, or null
 * @param masterSellerPubkey the seller's identity key, hex, or null
 * @param tradeIndexBuyer the buyer's trade index, or null
 * @param tradeIndexSeller the seller's trade index, or null
 * @param fiatCode ISO 4217 code
 * @param fiatAmount fiat amount (0 for an untaken range order)
 * @param minAmount range minimum (fiat), or null
 * @param maxAmount range maximum (fiat), or null
 * @param paymentMethod payment methods, comma-separated
 * @param premium premium percent for market orders
 * @param priceFromApi a market order: sats are priced at take time
 * @param amount {@code amt} in sats (0 until a market order is taken)
 * @param fee the per-party Mostro fee in sats
 * @param devFee the development fee in sats
 * @param devFeePaid the development fee was paid
 * @param devFeePaymentHash payment hash of the dev-fee payment, or null
 * @param buyerInvoice the buyer's payout destination (bolt11, LN address or LNURL), or null
 * @param holdInvoice the escrow hold invoice (bolt11), or null
 * @param holdHash the escrow payment hash, hex, or null
 * @param preimage the escrow preimage, hex, or null
 * @param holdHtlcExpiryHeight block height at which the locked escrow HTLC expires, 0 if unknown
 * @param rangeParentId the parent of a range child order, or null
 * @param nextTradePubkey the maker's next trade key for a range child, or null
 * @param nextTradeIndex the maker's next trade index, or null
 * @param createdAt creation time, unix seconds
 * @param expiresAt pending expiry, unix seconds
 * @param takenAt start of the current waiting duty, unix seconds, or null
 * @param invoiceHeldAt when the escrow HTLC was accepted, unix seconds, or null
 * @param paymentAttempts failed buyer payout attempts since the last invoice
 * @param payoutHash payment hash of the buyer payout in progress or done (idempotency marker), or null
 * @param payoutClaimedAt when the current payout attempt was claimed, unix seconds, or null
 * @param lastPayoutAttemptAt when the last payout attempt ended, unix seconds, or null
 * @param eventCreatedAt {@code created_at} of the last published kind-38383 revision (strictly increasing)
 */
public record OrderRecord(
        UUID id,
        OrderKind kind,
        OrderStatus status,
        long version,
        TradeContext context,
        String creatorPubkey,
        String buyerPubkey,
        String masterBuyerPubkey,
        String sellerPubkey,
        String masterSellerPubkey,
        Long tradeIndexBuyer,
        Long tradeIndexSeller,
        String fiatCode,
        long fiatAmount,
        Long minAmount,
        Long maxAmount,
        String paymentMethod,
        long premium,
        boolean priceFromApi,
        long amount,
        long fee,
        long devFee,
        boolean devFeePaid,
        String devFeePaymentHash,
        String buyerInvoice,
        String holdInvoice,
        String holdHash,
        String preimage,
        long holdHtlcExpiryHeight,
        UUID rangeParentId,
        String nextTradePubkey,
        Long nextTradeIndex,
        long createdAt,
        long expiresAt,
        Long takenAt,
        Long invoiceHeldAt,
        int paymentAttempts,
        String payoutHash,
        Long payoutClaimedAt,
        Long lastPayoutAttemptAt,
        long eventCreatedAt) {

    /**
     * Validates the record.
     *
     * @throws InvalidInputException if a required component is null or a number is negative
     */
    public OrderRecord {
        if (id == null || kind == null || status == null || context == null || creatorPubkey == null
                || fiatCode == null || paymentMethod == null) {
            throw new InvalidInputException("order record: null required component");
        }
        if (version < 0 || amount < 0 || fee < 0 || devFee < 0 || fiatAmount < 0 || paymentAttempts < 0) {
            throw new InvalidInputException("order record: negative number");
        }
    }

    /** A builder with no fields set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from this record. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.kind = kind;
        b.status = status;
        b.version = version;
        b.context = context;
        b.creatorPubkey = creatorPubkey;
        b.buyerPubkey = buyerPubkey;
        b.masterBuyerPubkey = masterBuyerPubkey;
        b.sellerPubkey = sellerPubkey;
        b.masterSellerPubkey = masterSellerPubkey;
        b.tradeIndexBuyer = tradeIndexBuyer;
        b.tradeIndexSeller = tradeIndexSeller;
        b.fiatCode = fiatCode;
        b.fiatAmount = fiatAmount;
        b.minAmount = minAmount;
        b.maxAmount = maxAmount;
        b.paymentMethod = paymentMethod;
        b.premium = premium;
        b.priceFromApi = priceFromApi;
        b.amount = amount;
        b.fee = fee;
        b.devFee = devFee;
        b.devFeePaid = devFeePaid;
        b.devFeePaymentHash = devFeePaymentHash;
        b.buyerInvoice = buyerInvoice;
        b.holdInvoice = holdInvoice;
        b.holdHash = holdHash;
        b.preimage = preimage;
        b.holdHtlcExpiryHeight = holdHtlcExpiryHeight;
        b.rangeParentId = rangeParentId;
        b.nextTradePubkey = nextTradePubkey;
        b.nextTradeIndex = nextTradeIndex;
        b.createdAt = createdAt;
        b.expiresAt = expiresAt;
        b.takenAt = takenAt;
        b.invoiceHeldAt = invoiceHeldAt;
        b.paymentAttempts = paymentAttempts;
        b.payoutHash = payoutHash;
        b.payoutClaimedAt = payoutClaimedAt;
        b.lastPayoutAttemptAt = lastPayoutAttemptAt;
        b.eventCreatedAt = eventCreatedAt;
        return b;
    }

    /** A copy with the next version number, for an update. */
    public OrderRecord nextVersion() {
        return toBuilder().version(version + 1).build();
    }

    /** Builds {@link OrderRecord}s. Not thread-safe. */
    public static final class Builder {
        private UUID id;
        private OrderKind kind;
        private OrderStatus status;
        private long version;
        private TradeContext context;
        private String creatorPubkey;
        private String buyerPubkey;
        private String masterBuyerPubkey;
        private String sellerPubkey;
        private String masterSellerPubkey;
        private Long tradeIndexBuyer;
        private Long tradeIndexSeller;
        private String fiatCode;
        private long fiatAmount;
        private Long minAmount;
        private Long maxAmount;
        private String paymentMethod;
        private long premium;
        private boolean priceFromApi;
        private long amount;
        private long fee;
        private long devFee;
        private boolean devFeePaid;
        private String devFeePaymentHash;
        private String buyerInvoice;
        private String holdInvoice;
        private String holdHash;
        private String preimage;
        private long holdHtlcExpiryHeight;
        private UUID rangeParentId;
        private String nextTradePubkey;
        private Long nextTradeIndex;
        private long createdAt;
        private long expiresAt;
        private Long takenAt;
        private Long invoiceHeldAt;
        private int paymentAttempts;
        private String payoutHash;
        private Long payoutClaimedAt;
        private Long lastPayoutAttemptAt;
        private long eventCreatedAt;

        private Builder() {}

        /** Sets {@code id}: the order id. */
        public Builder id(UUID v) { this.id = v; return this; }

        /** Sets {@code kind}: buy or sell. */
        public Builder kind(OrderKind v) { this.kind = v; return this; }

        /** Sets {@code status}: the daemon status (never {@code in-progress}). */
        public Builder status(OrderStatus v) { this.status = v; return this; }

        /** Sets {@code version}: compare-and-swap counter: 0 when inserted, +1 on every update. */
        public Builder version(long v) { this.version = v; return this; }

        /** Sets {@code context}: the state machine's facts about the order. */
        public Builder context(TradeContext v) { this.context = v; return this; }

        /** Sets {@code creatorPubkey}: the maker's trade key, hex. */
        public Builder creatorPubkey(String v) { this.creatorPubkey = v; return this; }

        /** Sets {@code buyerPubkey}: the buyer's trade key, hex, or null before a buyer exists. */
        public Builder buyerPubkey(String v) { this.buyerPubkey = v; return this; }

        /** Sets {@code masterBuyerPubkey}: the buyer's identity key, hex, or null (full privacy: equals the trade key). */
        public Builder masterBuyerPubkey(String v) { this.masterBuyerPubkey = v; return this; }

        /** Sets {@code sellerPubkey}: the seller's trade key, hex, or null. */
        public Builder sellerPubkey(String v) { this.sellerPubkey = v; return this; }

        /** Sets {@code masterSellerPubkey}: the seller's identity key, hex, or null. */
        public Builder masterSellerPubkey(String v) { this.masterSellerPubkey = v; return this; }

        /** Sets {@code tradeIndexBuyer}: the buyer's trade index, or null. */
        public Builder tradeIndexBuyer(Long v) { this.tradeIndexBuyer = v; return this; }

        /** Sets {@code tradeIndexSeller}: the seller's trade index, or null. */
        public Builder tradeIndexSeller(Long v) { this.tradeIndexSeller = v; return this; }

        /** Sets {@code fiatCode}: ISO 4217 code. */
        public Builder fiatCode(String v) { this.fiatCode = v; return this; }

        /** Sets {@code fiatAmount}: fiat amount (0 for an untaken range order). */
        public Builder fiatAmount(long v) { this.fiatAmount = v; return this; }

        /** Sets {@code minAmount}: range minimum (fiat), or null. */
        public Builder minAmount(Long v) { this.minAmount = v; return this; }

        /** Sets {@code maxAmount}: range maximum (fiat), or null. */
        public Builder maxAmount(Long v) { this.maxAmount = v; return this; }

        /** Sets {@code paymentMethod}: payment methods, comma-separated. */
        public Builder paymentMethod(String v) { this.paymentMethod = v; return this; }

        /** Sets {@code premium}: premium percent for market orders. */
        public Builder premium(long v) { this.premium = v; return this; }

        /** Sets {@code priceFromApi}: a market order: sats are priced at take time. */
        public Builder priceFromApi(boolean v) { this.priceFromApi = v; return this; }

        /** Sets {@code amount}: {@code amt} in sats (0 until a market order is taken). */
        public Builder amount(long v) { this.amount = v; return this; }

        /** Sets {@code fee}: the per-party Mostro fee in sats. */
        public Builder fee(long v) { this.fee = v; return this; }

        /** Sets {@code devFee}: the development fee in sats. */
        public Builder devFee(long v) { this.devFee = v; return this; }

        /** Sets {@code devFeePaid}: the development fee was paid. */
        public Builder devFeePaid(boolean v) { this.devFeePaid = v; return this; }

        /** Sets {@code devFeePaymentHash}: payment hash of the dev-fee payment, or null. */
        public Builder devFeePaymentHash(String v) { this.devFeePaymentHash = v; return this; }

        /** Sets {@code buyerInvoice}: the buyer's payout destination (bolt11, LN address or LNURL), or null. */
        public Builder buyerInvoice(String v) { this.buyerInvoice = v; return this; }

        /** Sets {@code holdInvoice}: the escrow hold invoice (bolt11), or null. */
        public Builder holdInvoice(String v) { this.holdInvoice = v; return this; }

        /** Sets {@code holdHash}: the escrow payment hash, hex, or null. */
        public Builder holdHash(String v) { this.holdHash = v; return this; }

        /** Sets {@code preimage}: the escrow preimage, hex, or null. */
        public Builder preimage(String v) { this.preimage = v; return this; }

        /** Sets {@code holdHtlcExpiryHeight}: block height at which the locked escrow HTLC expires, 0 if unknown. */
        public Builder holdHtlcExpiryHeight(long v) { this.holdHtlcExpiryHeight = v; return this; }

        /** Sets {@code rangeParentId}: the parent of a range child order, or null. */
        public Builder rangeParentId(UUID v) { this.rangeParentId = v; return this; }

        /** Sets {@code nextTradePubkey}: the maker's next trade key for a range child, or null. */
        public Builder nextTradePubkey(String v) { this.nextTradePubkey = v; return this; }

        /** Sets {@code nextTradeIndex}: the maker's next trade index, or null. */
        public Builder nextTradeIndex(Long v) { this.nextTradeIndex = v; return this; }

        /** Sets {@code createdAt}: creation time, unix seconds. */
        public Builder createdAt(long v) { this.createdAt = v; return this; }

        /** Sets {@code expiresAt}: pending expiry, unix seconds. */
        public Builder expiresAt(long v) { this.expiresAt = v; return this; }

        /** Sets {@code takenAt}: start of the current waiting duty, unix seconds, or null. */
        public Builder takenAt(Long v) { this.takenAt = v; return this; }

        /** Sets {@code invoiceHeldAt}: when the escrow HTLC was accepted, unix seconds, or null. */
        public Builder invoiceHeldAt(Long v) { this.invoiceHeldAt = v; return this; }

        /** Sets {@code paymentAttempts}: failed buyer payout attempts since the last invoice. */
        public Builder paymentAttempts(int v) { this.paymentAttempts = v; return this; }

        /** Sets {@code payoutHash}: payment hash of the buyer payout in progress or done (idempotency marker), or null. */
        public Builder payoutHash(String v) { this.payoutHash = v; return this; }

        /** Sets {@code payoutClaimedAt}: when the current payout attempt was claimed, unix seconds, or null. */
        public Builder payoutClaimedAt(Long v) { this.payoutClaimedAt = v; return this; }

        /** Sets {@code lastPayoutAttemptAt}: when the last payout attempt ended, unix seconds, or null. */
        public Builder lastPayoutAttemptAt(Long v) { this.lastPayoutAttemptAt = v; return this; }

        /** Sets {@code eventCreatedAt}: {@code created_at} of the last published kind-38383 revision (strictly increasing). */
        public Builder eventCreatedAt(long v) { this.eventCreatedAt = v; return this; }

        /** @throws InvalidInputException if a required component is missing */
        public OrderRecord build() {
            return new OrderRecord(id, kind, status, version, context, creatorPubkey, buyerPubkey, masterBuyerPubkey, sellerPubkey, masterSellerPubkey, tradeIndexBuyer, tradeIndexSeller, fiatCode, fiatAmount, minAmount, maxAmount, paymentMethod, premium, priceFromApi, amount, fee, devFee, devFeePaid, devFeePaymentHash, buyerInvoice, holdInvoice, holdHash, preimage, holdHtlcExpiryHeight, rangeParentId, nextTradePubkey, nextTradeIndex, createdAt, expiresAt, takenAt, invoiceHeldAt, paymentAttempts, payoutHash, payoutClaimedAt, lastPayoutAttemptAt, eventCreatedAt);
        }
    }
}

package network.mostro.protocol;

import java.util.UUID;

/**
 * The compact order carried in {@code order}, {@code payment_request}, {@code orders} and
 * {@code bond_payout_request} payloads (mostro-core {@code SmallOrder}, SPEC §5.1).
 *
 * <p>Nullable components (documented per component) mirror {@code Option} fields. On the wire, {@code id},
 * {@code buyer_trade_pubkey}, {@code seller_trade_pubkey} and {@code buyer_invoice} are omitted when null, while
 * {@code kind}, {@code status}, {@code min_amount}, {@code max_amount}, {@code created_at} and {@code expires_at}
 * are written as {@code null}. mostro-core rejects unknown members in this object ({@code deny_unknown_fields}),
 * and so does the codec. Amounts are plain {@code long}s: {@code amount} in sats, the fiat fields in whole fiat
 * units; the wire type is i64, so negative values are representable (the daemon answers them with
 * {@code cant-do invalid_amount}).
 *
 * <p>Example (a market-price sell order, the daemon fills in the rest):
 * <pre>{@code
 * SmallOrder order = SmallOrder.builder()
 *         .kind(OrderKind.SELL).status(OrderStatus.PENDING)
 *         .fiatCode("VES").fiatAmount(100).paymentMethod("face to face").premium(1)
 *         .build();
 * }</pre>
 * Immutable and thread-safe.
 *
 * @param id order id; null in a client's {@code new-order}
 * @param kind buy or sell; nullable
 * @param status order status; nullable (ignored by the daemon on input)
 * @param amount sats; 0 means market price
 * @param fiatCode fiat currency code as given (no case normalization)
 * @param minAmount range minimum in fiat units; nullable
 * @param maxAmount range maximum in fiat units; nullable
 * @param fiatAmount fiat amount; 0 for a range order
 * @param paymentMethod free text, comma-separated methods
 * @param premium percent over or under the market price; must be 0 when {@code amount != 0}
 * @param buyerTradePubkey hex trade key of the buyer; nullable
 * @param sellerTradePubkey hex trade key of the seller; nullable
 * @param buyerInvoice bolt11, Lightning address or LNURL of a buy-order maker; nullable
 * @param createdAt unix seconds; nullable
 * @param expiresAt unix seconds; nullable (send null rather than 0, SPEC §18 #14)
 */
public record SmallOrder(
        UUID id,
        OrderKind kind,
        OrderStatus status,
        long amount,
        String fiatCode,
        Long minAmount,
        Long maxAmount,
        long fiatAmount,
        String paymentMethod,
        long premium,
        String buyerTradePubkey,
        String sellerTradePubkey,
        String buyerInvoice,
        Long createdAt,
        Long expiresAt) {

    /**
     * @throws NullPointerException if {@code fiatCode} or {@code paymentMethod} is null
     * @throws IllegalArgumentException if a string contains an unpaired UTF-16 surrogate
     */
    public SmallOrder {
        Checks.text(fiatCode, "fiatCode");
        Checks.text(paymentMethod, "paymentMethod");
        Checks.optionalText(buyerTradePubkey, "buyerTradePubkey");
        Checks.optionalText(sellerTradePubkey, "sellerTradePubkey");
        Checks.optionalText(buyerInvoice, "buyerInvoice");
    }

    /** Whether both {@code min_amount} and {@code max_amount} are set (a range order). */
    public boolean isRange() {
        return minAmount != null && maxAmount != null;
    }

    /** A new builder with no fields set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised with every component of this order. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.kind = kind;
        b.status = status;
        b.amount = amount;
        b.fiatCode = fiatCode;
        b.minAmount = minAmount;
        b.maxAmount = maxAmount;
        b.fiatAmount = fiatAmount;
        b.paymentMethod = paymentMethod;
        b.premium = premium;
        b.buyerTradePubkey = buyerTradePubkey;
        b.sellerTradePubkey = sellerTradePubkey;
        b.buyerInvoice = buyerInvoice;
        b.createdAt = createdAt;
        b.expiresAt = expiresAt;
        return b;
    }

    /**
     * Builder for {@link SmallOrder}; every optional component starts null. Not thread-safe; build one order per
     * builder or per thread.
     */
    public static final class Builder {
        private UUID id;
        private OrderKind kind;
        private OrderStatus status;
        private long amount;
        private String fiatCode;
        private Long minAmount;
        private Long maxAmount;
        private Long fiatAmount;
        private String paymentMethod;
        private long premium;
        private String buyerTradePubkey;
        private String sellerTradePubkey;
        private String buyerInvoice;
        private Long createdAt;
        private Long expiresAt;

        private Builder() {}

        /** Order id (default: null, as in a client's {@code new-order}). */
        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        /** Buy or sell (default: null; required by the daemon on {@code new-order}). */
        public Builder kind(OrderKind kind) {
            this.kind = kind;
            return this;
        }

        /** Status (default: null). */
        public Builder status(OrderStatus status) {
            this.status = status;
            return this;
        }

        /** Amount in sats (default: 0 = market price). */
        public Builder amount(long sats) {
            this.amount = sats;
            return this;
        }

        /** Fiat currency code (required). */
        public Builder fiatCode(String fiatCode) {
            this.fiatCode = fiatCode;
            return this;
        }

        /** Range minimum in fiat units (default: null). */
        public Builder minAmount(Long minAmount) {
            this.minAmount = minAmount;
            return this;
        }

        /** Range maximum in fiat units (default: null). */
        public Builder maxAmount(Long maxAmount) {
            this.maxAmount = maxAmount;
            return this;
        }

        /** Fiat amount (required; 0 for a range order). */
        public Builder fiatAmount(long fiatAmount) {
            this.fiatAmount = fiatAmount;
            return this;
        }

        /** Payment method text (required). */
        public Builder paymentMethod(String paymentMethod) {
            this.paymentMethod = paymentMethod;
            return this;
        }

        /** Premium in percent (default: 0). */
        public Builder premium(long premium) {
            this.premium = premium;
            return this;
        }

        /** Buyer trade pubkey hex (default: null, omitted on the wire). */
        public Builder buyerTradePubkey(String hex) {
            this.buyerTradePubkey = hex;
            return this;
        }

        /** Seller trade pubkey hex (default: null, omitted on the wire). */
        public Builder sellerTradePubkey(String hex) {
            this.sellerTradePubkey = hex;
            return this;
        }

        /** Buyer invoice, LN address or LNURL (default: null, omitted on the wire). */
        public Builder buyerInvoice(String invoice) {
            this.buyerInvoice = invoice;
            return this;
        }

        /** Creation time in unix seconds (default: null). */
        public Builder createdAt(Long createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** Expiry in unix seconds (default: null; prefer null over 0). */
        public Builder expiresAt(Long expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /**
         * Builds the order.
         *
         * @throws IllegalStateException if {@code fiatCode}, {@code fiatAmount} or {@code paymentMethod} was not set
         * @throws IllegalArgumentException if a string contains an unpaired UTF-16 surrogate
         */
        public SmallOrder build() {
            if (fiatCode == null || fiatAmount == null || paymentMethod == null) {
                throw new IllegalStateException("fiatCode, fiatAmount and paymentMethod are required");
            }
            return new SmallOrder(id, kind, status, amount, fiatCode, minAmount, maxAmount, fiatAmount,
                    paymentMethod, premium, buyerTradePubkey, sellerTradePubkey, buyerInvoice, createdAt, expiresAt);
        }
    }
}

package network.mostro.client;

import java.util.Objects;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.SmallOrder;

/**
 * An order to publish with {@link MostroClient#createOrder}: buy or sell, priced fixed (sats), at the market with a
 * premium, or as a fiat range (SPEC §7.2 new-order, §8.3, §8.4). Immutable and thread-safe; the builder is not.
 *
 * <pre>{@code
 * NewOrder fixed = NewOrder.sell("USD", 100, "SEPA").fixedSats(150_000).build();
 * NewOrder market = NewOrder.buy("EUR", 50, "Revolut").marketPrice(2).buyerInvoice("me@getalby.com").build();
 * NewOrder range = NewOrder.sell("ARS", 0, "MercadoPago").range(1_000, 5_000).marketPrice(0).build();
 * }</pre>
 *
 * @param kind buy or sell
 * @param fiatCode ISO 4217 code, as the node lists it
 * @param fiatAmount fiat amount (0 for a range)
 * @param minAmount range minimum (fiat), or null
 * @param maxAmount range maximum (fiat), or null
 * @param amountSats fixed sats, or 0 for market price
 * @param premium market premium percent (must be 0 for fixed price)
 * @param paymentMethod comma-separated payment methods
 * @param buyerInvoice buy orders only: payout destination (amountless bolt11, Lightning address or LNURL), or null
 * @param expiresAt custom expiry (Unix seconds; the node clamps it), or null for the node default
 */
public record NewOrder(OrderKind kind, String fiatCode, long fiatAmount, Long minAmount, Long maxAmount,
        long amountSats, long premium, String paymentMethod, String buyerInvoice, Long expiresAt) {
    /** @throws ClientStateException if the order breaks a rule the node would reject silently or with cant-do */
    public NewOrder {
        Objects.requireNonNull(kind, "kind");
        if (fiatCode == null || fiatCode.isBlank()) {
            throw new ClientStateException("fiat code is required");
        }
        if (paymentMethod == null || paymentMethod.isBlank()) {
            throw new ClientStateException("payment method is required");
        }
        if ((minAmount == null) != (maxAmount == null)) {
            throw new ClientStateException("a range needs both min and max");
        }
        if (minAmount != null && (minAmount < 0 || minAmount >= maxAmount || fiatAmount != 0 || amountSats != 0)) {
            throw new ClientStateException("a range needs 0 <= min < max, fiat amount 0 and market price");
        }
        if (minAmount == null && fiatAmount <= 0) {
            throw new ClientStateException("fiat amount must be positive");
        }
        if (amountSats < 0) {
            throw new ClientStateException("sats must not be negative");
        }
        if (amountSats != 0 && premium != 0) {
            throw new ClientStateException("a fixed-price order cannot have a premium");
        }
        if (buyerInvoice != null && kind != OrderKind.BUY) {
            throw new ClientStateException("only buy orders carry a buyer invoice");
        }
        if (expiresAt != null && expiresAt <= 0) {
            throw new ClientStateException("expires_at must be a positive Unix time (null for the default)");
        }
    }

    /** A sell order of {@code fiatAmount} {@code fiatCode} paid by {@code paymentMethod}. */
    public static Builder sell(String fiatCode, long fiatAmount, String paymentMethod) {
        return new Builder(OrderKind.SELL, fiatCode, fiatAmount, paymentMethod);
    }

    /** A buy order of {@code fiatAmount} {@code fiatCode} paid by {@code paymentMethod}. */
    public static Builder buy(String fiatCode, long fiatAmount, String paymentMethod) {
        return new Builder(OrderKind.BUY, fiatCode, fiatAmount, paymentMethod);
    }

    /** Whether this is a range order. */
    public boolean isRange() {
        return minAmount != null;
    }

    /** The {@code order} payload of the new-order message (no id, status pending). */
    public SmallOrder toSmallOrder() {
        return SmallOrder.builder().kind(kind).status(network.mostro.protocol.OrderStatus.PENDING).amount(amountSats)
                .fiatCode(fiatCode).minAmount(minAmount).maxAmount(maxAmount).fiatAmount(fiatAmount)
                .paymentMethod(paymentMethod).premium(premium).buyerInvoice(buyerInvoice).expiresAt(expiresAt)
                .build();
    }

    /** Builder for {@link NewOrder}; not thread-safe. */
    public static final class Builder {
        private final OrderKind kind;
        private final String fiatCode;
        private long fiatAmount;
        private Long min;
        private Long max;
        private long sats;
        private long premium;
        private final String paymentMethod;
        private String buyerInvoice;
        private Long expiresAt;

        private Builder(OrderKind kind, String fiatCode, long fiatAmount, String paymentMethod) {
            this.kind = kind;
            this.fiatCode = fiatCode;
            this.fiatAmount = fiatAmount;
            this.paymentMethod = paymentMethod;
        }

        /** Fixed price: exactly {@code sats} (default: market price, premium 0). */
        public Builder fixedSats(long sats) {
            this.sats = sats;
            this.premium = 0;
            return this;
        }

        /** Market price with {@code premiumPercent} (may be negative) (default: market price, premium 0). */
        public Builder marketPrice(long premiumPercent) {
            this.sats = 0;
            this.premium = premiumPercent;
            return this;
        }

        /** A range order between {@code minFiat} and {@code maxFiat}; sets the fiat amount to 0 (default: none). */
        public Builder range(long minFiat, long maxFiat) {
            this.min = minFiat;
            this.max = maxFiat;
            this.fiatAmount = 0;
            return this;
        }

        /** Buy orders: where to be paid (bolt11 without amount, Lightning address or LNURL) (default: none). */
        public Builder buyerInvoice(String invoiceOrAddress) {
            this.buyerInvoice = invoiceOrAddress;
            return this;
        }

        /** Custom expiry in Unix seconds (default: the node's {@code expiration_hours}). */
        public Builder expiresAt(long unixSeconds) {
            this.expiresAt = unixSeconds;
            return this;
        }

        /** @throws ClientStateException as {@link NewOrder}'s constructor */
        public NewOrder build() {
            return new NewOrder(kind, fiatCode, fiatAmount, min, max, sats, premium, paymentMethod, buyerInvoice,
                    expiresAt);
        }
    }
}

package network.mostro.client;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.event.OrderEventStatus;

/**
 * Which orders an {@link OrderBook} shows. Every criterion is optional; an entry must match all that are set.
 * Immutable and thread-safe; the builder is not.
 *
 * <pre>{@code
 * OrderBookFilter f = OrderBookFilter.builder().kind(OrderKind.SELL).fiatCode("USD").paymentMethod("SEPA")
 *         .fiatAmountBetween(50, 500).build();
 * }</pre>
 *
 * @param kind buy or sell, or null for both
 * @param fiatCode ISO 4217 code (case-insensitive), or null
 * @param paymentMethod a payment method the order must list (case-insensitive), or null
 * @param minFiat the order's fiat amount (or range) must reach at least this, or null
 * @param maxFiat the order's fiat amount (or range) must start at or below this, or null
 * @param minSats fixed-price orders below this many sats are hidden, or null
 * @param maxSats fixed-price orders above this many sats are hidden, or null
 * @param statuses allowed public statuses (default: pending only)
 */
public record OrderBookFilter(OrderKind kind, String fiatCode, String paymentMethod, Long minFiat, Long maxFiat,
        Long minSats, Long maxSats, Set<OrderEventStatus> statuses) {
    public OrderBookFilter {
        statuses = statuses == null || statuses.isEmpty() ? Set.of(OrderEventStatus.PENDING) : Set.copyOf(statuses);
    }

    /** Pending orders of every kind, currency and amount. */
    public static OrderBookFilter all() {
        return builder().build();
    }

    /** A builder with nothing set and status pending. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code e} passes every criterion. */
    public boolean matches(OrderBookEntry e) {
        if (kind != null && e.kind() != kind) {
            return false;
        }
        if (fiatCode != null && !fiatCode.equalsIgnoreCase(e.fiatCode())) {
            return false;
        }
        if (paymentMethod != null) {
            String pm = paymentMethod.trim().toLowerCase(Locale.ROOT);
            if (e.paymentMethods().stream().noneMatch(m -> m.trim().toLowerCase(Locale.ROOT).equals(pm))) {
                return false;
            }
        }
        long lo = e.fiatAmount().amount();
        long hi = e.fiatAmount().isRange() ? e.fiatAmount().max() : lo;
        if (minFiat != null && hi < minFiat) {
            return false;
        }
        if (maxFiat != null && lo > maxFiat) {
            return false;
        }
        if (e.amountSats() > 0) {
            if (minSats != null && e.amountSats() < minSats) {
                return false;
            }
            if (maxSats != null && e.amountSats() > maxSats) {
                return false;
            }
        }
        return statuses.contains(e.status());
    }

    /** Builder for {@link OrderBookFilter}; not thread-safe. */
    public static final class Builder {
        private OrderKind kind;
        private String fiatCode;
        private String paymentMethod;
        private Long minFiat;
        private Long maxFiat;
        private Long minSats;
        private Long maxSats;
        private final Set<OrderEventStatus> statuses = EnumSet.noneOf(OrderEventStatus.class);

        private Builder() {}

        /** Only buy or only sell orders (default: both). */
        public Builder kind(OrderKind kind) {
            this.kind = kind;
            return this;
        }

        /** Only this currency (default: any). */
        public Builder fiatCode(String fiatCode) {
            this.fiatCode = fiatCode;
            return this;
        }

        /** Only orders listing this payment method (default: any). */
        public Builder paymentMethod(String method) {
            this.paymentMethod = method;
            return this;
        }

        /** Only orders whose fiat amount or range overlaps [min, max] (default: any). */
        public Builder fiatAmountBetween(long min, long max) {
            this.minFiat = min;
            this.maxFiat = max;
            return this;
        }

        /** Hide fixed-price orders outside [min, max] sats (default: none hidden). */
        public Builder satsBetween(long min, long max) {
            this.minSats = min;
            this.maxSats = max;
            return this;
        }

        /** Allowed public statuses (default: pending only). */
        public Builder statuses(OrderEventStatus... s) {
            for (OrderEventStatus x : s) {
                statuses.add(Objects.requireNonNull(x));
            }
            return this;
        }

        public OrderBookFilter build() {
            return new OrderBookFilter(kind, fiatCode, paymentMethod, minFiat, maxFiat, minSats, maxSats, statuses);
        }
    }
}

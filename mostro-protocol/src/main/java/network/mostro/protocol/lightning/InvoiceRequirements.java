package network.mostro.protocol.lightning;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a Mostro node requires of a buyer's bolt11 invoice (SPEC §10.4, §17): the node's network, the
 * minimum remaining validity, the largest acceptable final CLTV delta, the minimum amount and, when known,
 * the exact amount expected ({@code amt − fee}).
 *
 * <pre>{@code
 * InvoiceRequirements req = InvoiceRequirements.builder(LightningNetwork.MAINNET)
 *         .expectedAmount(orderAmountSats, feeSats)
 *         .build();
 * InvoiceValidator.validate(invoice, req, clock).requireValid();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param network the node's Lightning network
 * @param invoiceExpirationWindow {@code [lightning] invoice_expiration_window}: the invoice must stay valid at
 *     least this long from now (default 3600 s)
 * @param maxFinalCltvExpiryDelta {@code max_final_cltv_expiry_delta} (default 432 blocks)
 * @param minPaymentAmountSats {@code min_payment_amount} (default 100 sats)
 * @param expectedAmountSats the amount the invoice must carry if it has one ({@code amt − fee}); empty when the
 *     node does not check it (the daemon passes no amount in some flows)
 */
public record InvoiceRequirements(
        LightningNetwork network,
        Duration invoiceExpirationWindow,
        long maxFinalCltvExpiryDelta,
        long minPaymentAmountSats,
        OptionalLong expectedAmountSats) {

    /** Default {@code invoice_expiration_window}: 3600 s. */
    public static final Duration DEFAULT_INVOICE_EXPIRATION_WINDOW = Duration.ofSeconds(3600);
    /** Default {@code max_final_cltv_expiry_delta}: 432 blocks. */
    public static final long DEFAULT_MAX_FINAL_CLTV_EXPIRY_DELTA = 432;
    /** Default {@code min_payment_amount}: 100 sats. */
    public static final long DEFAULT_MIN_PAYMENT_AMOUNT = 100;

    /** Checks for nulls. */
    public InvoiceRequirements {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(invoiceExpirationWindow, "invoiceExpirationWindow");
        Objects.requireNonNull(expectedAmountSats, "expectedAmountSats");
    }

    /** A builder with the daemon's defaults for {@code network}. */
    public static Builder builder(LightningNetwork network) {
        return new Builder(network);
    }

    /** Builder for {@link InvoiceRequirements}; not thread-safe. */
    public static final class Builder {
        private final LightningNetwork network;
        private Duration window = DEFAULT_INVOICE_EXPIRATION_WINDOW;
        private long maxCltv = DEFAULT_MAX_FINAL_CLTV_EXPIRY_DELTA;
        private long minAmount = DEFAULT_MIN_PAYMENT_AMOUNT;
        private OptionalLong expected = OptionalLong.empty();

        private Builder(LightningNetwork network) {
            this.network = Objects.requireNonNull(network, "network");
        }

        /** Minimum remaining validity (default: 3600 s). */
        public Builder invoiceExpirationWindow(Duration window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        /** Largest accepted min_final_cltv_expiry_delta (default: 432). */
        public Builder maxFinalCltvExpiryDelta(long blocks) {
            this.maxCltv = blocks;
            return this;
        }

        /** Minimum amount of invoices that carry one (default: 100 sats). */
        public Builder minPaymentAmountSats(long sats) {
            this.minAmount = sats;
            return this;
        }

        /** The amount an invoice must carry if it has one (default: not checked). */
        public Builder expectedAmountSats(long sats) {
            this.expected = OptionalLong.of(sats);
            return this;
        }

        /**
         * The expected amount as the daemon computes it: order {@code amt} minus the buyer's {@code fee}. If
         * {@code fee > amt} the result is negative and every invoice fails {@link InvoiceRule#AMOUNT_MISMATCH}
         * (the daemon's checked subtraction fails).
         */
        public Builder expectedAmount(long orderAmountSats, long feeSats) {
            long diff;
            try {
                diff = Math.subtractExact(orderAmountSats, feeSats);
            } catch (ArithmeticException e) {
                diff = -1;
            }
            this.expected = OptionalLong.of(diff);
            return this;
        }

        /** The requirements. */
        public InvoiceRequirements build() {
            return new InvoiceRequirements(network, window, maxCltv, minAmount, expected);
        }
    }
}

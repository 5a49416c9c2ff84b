package network.mostro.protocol.lightning;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SPEC §10.4: the rules a Mostro node applies to a buyer's bolt11 invoice, as a pure function of the decoded
 * invoice, the {@link InvoiceRequirements} and the current time. Mirrors mostrod's {@code is_valid_invoice}
 * including its arithmetic: amounts are compared in whole satoshis after truncating millisatoshis (an
 * invoice of 999 msat counts as amountless there, and one of 55 908 500 msat as 55 908 sats). Such invoices
 * pass this check but fail the payout-time check, see {@link #amountMatchesPayout}.
 *
 * <p>Lightning addresses and LNURLs are not bolt11; see {@link PaymentRequests#classify(String)}. Stateless
 * and thread-safe.
 */
public final class InvoiceValidator {
    private InvoiceValidator() {}

    /** Checks every rule and lists each that failed, in {@link InvoiceRule} order. */
    public static InvoiceValidation validate(Bolt11Invoice invoice, InvoiceRequirements requirements, Instant now) {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(requirements, "requirements");
        Objects.requireNonNull(now, "now");
        List<InvoiceRule> failed = new ArrayList<>();
        if (invoice.network() != requirements.network()) {
            failed.add(InvoiceRule.WRONG_NETWORK);
        }
        if (invoice.minFinalCltvExpiryDelta() > requirements.maxFinalCltvExpiryDelta()) {
            failed.add(InvoiceRule.CLTV_DELTA_TOO_LARGE);
        }
        if (invoice.isExpiredAt(now)) {
            failed.add(InvoiceRule.EXPIRED);
        }
        long latest = saturatingAdd(now.getEpochSecond(), requirements.invoiceExpirationWindow().getSeconds());
        if (invoice.expiresAt().getEpochSecond() < latest) {
            failed.add(InvoiceRule.EXPIRES_TOO_SOON);
        }
        long amountSat = invoice.amountMsat().orElse(0) / 1000;
        if (requirements.expectedAmountSats().isPresent()) {
            long expected = requirements.expectedAmountSats().getAsLong();
            if (expected < 0 || (amountSat != 0 && amountSat != expected)) {
                failed.add(InvoiceRule.AMOUNT_MISMATCH);
            }
        }
        if (amountSat > 0 && amountSat < requirements.minPaymentAmountSats()) {
            failed.add(InvoiceRule.AMOUNT_BELOW_MINIMUM);
        }
        return new InvoiceValidation(failed);
    }

    /** {@link #validate(Bolt11Invoice, InvoiceRequirements, Instant)} at {@code clock.instant()}. */
    public static InvoiceValidation validate(Bolt11Invoice invoice, InvoiceRequirements requirements, Clock clock) {
        return validate(invoice, requirements, Objects.requireNonNull(clock, "clock").instant());
    }

    /**
     * Throwing convenience.
     *
     * @throws InvoiceRejectedException listing every failed rule
     */
    public static void requireValid(Bolt11Invoice invoice, InvoiceRequirements requirements, Instant now) {
        validate(invoice, requirements, now).requireValid();
    }

    /**
     * The payout-time amount check (SPEC §10.3): an invoice with an amount must carry exactly
     * {@code payoutSats × 1000} msat, otherwise the daemon aborts the payment; an amountless one is paid
     * {@code payoutSats}.
     */
    public static boolean amountMatchesPayout(Bolt11Invoice invoice, long payoutSats) {
        if (invoice.amountMsat().isEmpty()) {
            return true;
        }
        try {
            return invoice.amountMsat().getAsLong() == Math.multiplyExact(payoutSats, 1000L);
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}

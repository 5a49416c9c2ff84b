package network.mostro.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import network.mostro.nostr.InvalidInputException;

/**
 * Mostro fees (SPEC §9.2, §9.4) as pure functions over {@code long} satoshis.
 *
 * <p>{@code fee} in the node settings is the <em>total</em> fee fraction; each party pays half, rounded half
 * away from zero: {@code fee_sats = round(fee × amt / 2)}. The seller's hold invoice is {@code amt + fee_sats},
 * the buyer receives {@code amt − fee_sats}, Mostro earns {@code 2 × fee_sats} and pays the developers
 * {@code round(2 × fee_sats × dev_fee_percentage)} of it. Worked example (SPEC §9.2): amt 56 076 at fee 0.006
 * gives fee 168, hold invoice 56 244, buyer 55 908.
 *
 * <p>As in {@link Amounts}, the daemon's binary64 arithmetic is reproduced exactly. Where the exact decimal
 * {@code fee × amt / 2} is a half-integer the binary product can fall just below it and round down: at fee
 * 0.009 and amt 3 000 the exact value is 13.5 (→ 14) but mostrod computes 13.499999999999998 (→ <b>13</b>).
 * {@link #perPartyFee} returns the daemon's 13; {@link #perPartyFeeExact} the decimal 14.
 *
 * <p>Stateless and thread-safe.
 */
public final class Fees {
    /** The development fund share of Mostro's earnings when not configured: 0.30. */
    public static final BigDecimal DEFAULT_DEV_FEE_PERCENTAGE = new BigDecimal("0.30");
    /** Default {@code max_routing_fee}: 0.002. */
    public static final BigDecimal DEFAULT_MAX_ROUTING_FEE = new BigDecimal("0.002");

    private Fees() {}

    /**
     * Each party's fee, {@code round_half_away_from_zero((fee × amt) / 2)} in binary64, as mostrod's
     * {@code get_fee}.
     *
     * @param amountSats the order amount {@code amt}
     * @param feeFraction the total fee fraction from the settings (e.g. 0.006); not negative
     * @throws InvalidInputException if the fraction is negative
     */
    public static long perPartyFee(long amountSats, BigDecimal feeFraction) {
        double fee = Amounts.toDouble(Amounts.requireNonNegative(feeFraction, "fee"));
        return roundHalfAwayFromZero((fee * (double) amountSats) / 2.0);
    }

    /** The exact-decimal counterpart of {@link #perPartyFee} (HALF_UP on the exact product); diagnostics only. */
    public static long perPartyFeeExact(long amountSats, BigDecimal feeFraction) {
        Amounts.requireNonNegative(feeFraction, "fee");
        return Amounts.saturate(feeFraction.multiply(BigDecimal.valueOf(amountSats))
                .divide(BigDecimal.valueOf(2)).setScale(0, RoundingMode.HALF_UP).toBigInteger());
    }

    /**
     * The seller's hold invoice amount, {@code amt + fee}.
     *
     * @throws InvalidInputException on overflow
     */
    public static long holdInvoiceAmount(long amountSats, long perPartyFee) {
        try {
            return Math.addExact(amountSats, perPartyFee);
        } catch (ArithmeticException e) {
            throw new InvalidInputException("hold invoice amount overflows");
        }
    }

    /**
     * What the buyer receives, {@code amt − fee} (also the amount of the buyer's invoice).
     *
     * @throws InvalidInputException on overflow
     */
    public static long buyerPayout(long amountSats, long perPartyFee) {
        try {
            return Math.subtractExact(amountSats, perPartyFee);
        } catch (ArithmeticException e) {
            throw new InvalidInputException("buyer payout overflows");
        }
    }

    /**
     * The development fee the node pays from its earnings: {@code round((2 × fee_sats) × dev_fee_percentage)}
     * in binary64, as mostrod's {@code calculate_dev_fee}. Users never pay it.
     *
     * @param perPartyFee each party's fee ({@link #perPartyFee})
     * @param devFeePercentage the share, allowed range [0.10, 1.0] in the daemon's settings (default 0.30)
     * @throws InvalidInputException if the percentage is negative
     */
    public static long devFee(long perPartyFee, BigDecimal devFeePercentage) {
        double pct = Amounts.toDouble(Amounts.requireNonNegative(devFeePercentage, "dev_fee_percentage"));
        long total;
        try {
            total = Math.multiplyExact(perPartyFee, 2L);
        } catch (ArithmeticException e) {
            throw new InvalidInputException("fee overflows");
        }
        return roundHalfAwayFromZero((double) total * pct);
    }

    /**
     * The routing fee budget for the buyer payout (SPEC §9.4), paid by the node, not taken from the buyer:
     * {@code trunc(max(payout × 0.01, 10))} when {@code payout <= 1000} (always 10 sats), else
     * {@code trunc(payout × max_routing_fee)}, in binary64 as mostrod's {@code send_payment}.
     *
     * @throws InvalidInputException if {@code maxRoutingFee} is negative
     */
    public static long routingFeeBudget(long payoutSats, BigDecimal maxRoutingFee) {
        double max = Amounts.toDouble(Amounts.requireNonNegative(maxRoutingFee, "max_routing_fee"));
        double budget = payoutSats <= 1000 ? Math.max((double) payoutSats * 0.01, 10.0) : (double) payoutSats * max;
        return (long) budget;
    }

    /** Rust's {@code f64::round} then {@code as i64}: half away from zero, saturating, NaN → 0. */
    static long roundHalfAwayFromZero(double x) {
        if (Double.isNaN(x)) {
            return 0;
        }
        double a = Math.abs(x);
        double r = Math.floor(a);
        if (a - r >= 0.5) { // exact: a − floor(a) has no rounding error
            r += 1.0;
        }
        return (long) Math.copySign(r, x);
    }
}

package network.mostro.protocol;

import java.math.BigDecimal;

/**
 * Every amount of one trade derived from its {@code amt} and the node's fee (SPEC §9.2, §9.3).
 *
 * <pre>{@code
 * TradeAmounts t = TradeAmounts.of(56_076, new BigDecimal("0.006"));
 * t.fee();               // 168
 * t.holdInvoiceAmount(); // 56 244 — pay-invoice, buyer-took-order
 * t.buyerPayout();       // 55 908 — add-invoice, hold-invoice-payment-accepted
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param amount the order amount {@code amt} in sats
 * @param fee each party's fee
 * @param holdInvoiceAmount {@code amt + fee}, the seller's hold invoice
 * @param buyerPayout {@code amt − fee}, what the buyer's invoice must carry
 * @param mostroEarnings {@code 2 × fee}
 */
public record TradeAmounts(long amount, long fee, long holdInvoiceAmount, long buyerPayout, long mostroEarnings) {

    /**
     * Derives the amounts for {@code amt} at total fee fraction {@code feeFraction}.
     *
     * @throws network.mostro.nostr.InvalidInputException if the fraction is negative or a sum overflows
     */
    public static TradeAmounts of(long amountSats, BigDecimal feeFraction) {
        long fee = Fees.perPartyFee(amountSats, feeFraction);
        long earnings;
        try {
            earnings = Math.multiplyExact(fee, 2L);
        } catch (ArithmeticException e) {
            throw new network.mostro.nostr.InvalidInputException("fee overflows");
        }
        return new TradeAmounts(amountSats, fee, Fees.holdInvoiceAmount(amountSats, fee),
                Fees.buyerPayout(amountSats, fee), earnings);
    }

    /** The development fee the node pays out of {@link #mostroEarnings()}. */
    public long devFee(BigDecimal devFeePercentage) {
        return Fees.devFee(fee, devFeePercentage);
    }
}

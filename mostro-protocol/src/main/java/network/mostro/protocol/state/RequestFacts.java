package network.mostro.protocol.state;

/**
 * What the node learned from one request (or from the take behind a bond event) that the handlers check, in the
 * order of SPEC §7.2: payload validity, amounts, price freshness and so on. Computing them is the job of the codec,
 * {@link network.mostro.protocol.Amounts} and the invoice validator; the state machine only orders the checks.
 *
 * <p>{@link #DEFAULT} is a well-formed request without an attached invoice. Immutable and thread-safe.
 *
 * @param withInvoice {@code take-sell} carries a {@code payment_request} (bolt11, LN address or LNURL)
 * @param invoiceValid the attached / added invoice passes §10.4 ({@code invalid_invoice} otherwise)
 * @param amountInRange a range take's fiat amount lies in {@code [min, max]} ({@code out_of_range_sats_amount})
 * @param priceFresh the node has a fresh price for a market order ({@code price_too_stale})
 * @param senderHasPendingTrade the taker identity already waits on another order ({@code pending_order_exists})
 * @param pastExpiry the order's {@code expires_at} has passed ({@code invalid_order_status} on take)
 * @param nextTradeGiven {@code release} / {@code fiat-sent} carries {@code next_trade}
 * @param ratingValid {@code rate-user} value in 1..5
 * @param counterpartyFullPrivacy the rated counterparty is in full-privacy mode (rating is a no-op)
 * @param slashBuyer {@code bond_resolution.slash_buyer} on admin-settle / admin-cancel
 * @param slashSeller {@code bond_resolution.slash_seller} on admin-settle / admin-cancel
 */
public record RequestFacts(
        boolean withInvoice,
        boolean invoiceValid,
        boolean amountInRange,
        boolean priceFresh,
        boolean senderHasPendingTrade,
        boolean pastExpiry,
        boolean nextTradeGiven,
        boolean ratingValid,
        boolean counterpartyFullPrivacy,
        boolean slashBuyer,
        boolean slashSeller) {

    /** A valid request without an attached invoice, next trade key or bond resolution. */
    public static final RequestFacts DEFAULT =
            new RequestFacts(false, true, true, true, false, false, false, true, false, false, false);

    /** A copy with {@code withInvoice} set. */
    public RequestFacts withInvoice(boolean v) {
        return new RequestFacts(v, invoiceValid, amountInRange, priceFresh, senderHasPendingTrade, pastExpiry,
                nextTradeGiven, ratingValid, counterpartyFullPrivacy, slashBuyer, slashSeller);
    }

    /** A copy with {@code invoiceValid} set. */
    public RequestFacts withInvoiceValid(boolean v) {
        return new RequestFacts(withInvoice, v, amountInRange, priceFresh, senderHasPendingTrade, pastExpiry,
                nextTradeGiven, ratingValid, counterpartyFullPrivacy, slashBuyer, slashSeller);
    }

    /** A copy with {@code amountInRange} set. */
    public RequestFacts withAmountInRange(boolean v) {
        return new RequestFacts(withInvoice, invoiceValid, v, priceFresh, senderHasPendingTrade, pastExpiry,
                nextTradeGiven, ratingValid, counterpartyFullPrivacy, slashBuyer, slashSeller);
    }

    /** A copy with {@code priceFresh} set. */
    public RequestFacts withPriceFresh(boolean v) {
        return new RequestFacts(withInvoice, invoiceValid, amountInRange, v, senderHasPendingTrade, pastExpiry,
                nextTradeGiven, ratingValid, counterpartyFullPrivacy, slashBuyer, slashSeller);
    }

    /** A copy with {@code senderHasPendingTrade} set. */
    public RequestFacts withSenderHasPendingTrade(boolean v) {
        return new RequestFacts(withInvoice, invoiceValid, amountInRange, priceFresh, v, pastExpiry,
                nextTradeGiven, ratingValid, counterpartyFullPrivacy, slashBuyer, slashSeller);
    }

    /** A copy with {@code pastExpiry} set. */
    public RequestFacts withPastExpiry(boolean v) {
        return new RequestFacts(withInvoice, invoiceValid, amountInRange, priceFresh, senderHasPendingTrade, v,
                nextTradeGiven, ratingValid, counterpartyFullPrivacy, slashBuyer, slashSeller);
    }

    /** A copy with {@code nextTradeGiven} set. */
    public RequestFacts withNextTradeGiven(boolean v) {
        return new RequestFacts(withInvoice, invoiceValid, amountInRange, priceFresh, senderHasPendingTrade,
                pastExpiry, v, ratingValid, counterpartyFullPrivacy, slashBuyer, slashSeller);
    }

    /** A copy with {@code ratingValid} set. */
    public RequestFacts withRatingValid(boolean v) {
        return new RequestFacts(withInvoice, invoiceValid, amountInRange, priceFresh, senderHasPendingTrade,
                pastExpiry, nextTradeGiven, v, counterpartyFullPrivacy, slashBuyer, slashSeller);
    }

    /** A copy with {@code counterpartyFullPrivacy} set. */
    public RequestFacts withCounterpartyFullPrivacy(boolean v) {
        return new RequestFacts(withInvoice, invoiceValid, amountInRange, priceFresh, senderHasPendingTrade,
                pastExpiry, nextTradeGiven, ratingValid, v, slashBuyer, slashSeller);
    }

    /** A copy with the bond resolution set. */
    public RequestFacts withSlash(boolean buyer, boolean seller) {
        return new RequestFacts(withInvoice, invoiceValid, amountInRange, priceFresh, senderHasPendingTrade,
                pastExpiry, nextTradeGiven, ratingValid, counterpartyFullPrivacy, buyer, seller);
    }
}

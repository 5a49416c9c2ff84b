package network.mostro.client;

/**
 * Options of a take (SPEC §7.2 take-sell / take-buy). Immutable and thread-safe.
 *
 * <pre>{@code
 * TakeOptions.none();                                   // fixed order, invoice later (take-sell) / pay now (take-buy)
 * TakeOptions.withInvoice("buyer@walletofsatoshi.com"); // take-sell with the payout destination attached
 * TakeOptions.rangeAmount(2_500);                       // range order: the fiat amount taken
 * }</pre>
 *
 * @param fiatAmount for a range order, the fiat amount to take; otherwise null
 * @param invoice take-sell only: payout destination (bolt11, Lightning address or LNURL), or null
 */
public record TakeOptions(Long fiatAmount, String invoice) {
    public TakeOptions {
        if (fiatAmount != null && fiatAmount <= 0) {
            throw new ClientStateException("range amount must be positive");
        }
        if (invoice != null && invoice.isBlank()) {
            throw new ClientStateException("invoice must not be blank");
        }
    }

    /** No amount, no invoice. */
    public static TakeOptions none() {
        return new TakeOptions(null, null);
    }

    /** A range take of {@code fiat}. */
    public static TakeOptions rangeAmount(long fiat) {
        return new TakeOptions(fiat, null);
    }

    /** A take-sell with the payout destination attached. */
    public static TakeOptions withInvoice(String invoiceOrAddress) {
        return new TakeOptions(null, invoiceOrAddress);
    }

    /** A copy with the range amount set. */
    public TakeOptions withFiatAmount(long fiat) {
        return new TakeOptions(fiat, invoice);
    }
}

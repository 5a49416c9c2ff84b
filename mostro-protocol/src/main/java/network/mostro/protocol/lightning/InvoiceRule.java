package network.mostro.protocol.lightning;

/**
 * The checks mostrod applies to a buyer's bolt11 invoice ({@code is_valid_invoice}, SPEC §10.4). Any failure
 * makes the node answer {@code cant-do invalid_invoice}.
 *
 * <p>New constants may be added at the end. Immutable and thread-safe.
 */
public enum InvoiceRule {
    /** The invoice's network differs from the node's Lightning network. */
    WRONG_NETWORK,
    /** {@code min_final_cltv_expiry_delta} is above the node's {@code max_final_cltv_expiry_delta} (default 432). */
    CLTV_DELTA_TOO_LARGE,
    /** Already expired: now is past {@code timestamp + expiry}. */
    EXPIRED,
    /**
     * Expires too soon: {@code timestamp + expiry < now + invoice_expiration_window} (default 3600 s), i.e.
     * the invoice must stay valid for at least the window.
     */
    EXPIRES_TOO_SOON,
    /**
     * The invoice has an amount and, in whole satoshis (millisatoshis / 1000, truncated, as the daemon
     * computes it), it differs from the expected {@code amt − fee}; or the expected amount is negative
     * ({@code fee > amt}), which the daemon refuses even for amountless invoices.
     */
    AMOUNT_MISMATCH,
    /** The invoice has an amount (in whole satoshis) below {@code min_payment_amount} (default 100). */
    AMOUNT_BELOW_MINIMUM
}

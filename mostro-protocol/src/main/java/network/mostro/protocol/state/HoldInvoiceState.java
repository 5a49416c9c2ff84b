package network.mostro.protocol.state;

/**
 * The state of the trade's escrow hold invoice on the node's Lightning backend (SPEC §10.1). Immutable and
 * thread-safe.
 */
public enum HoldInvoiceState {
    /** No hold invoice exists (before the seller's payment step, or after a taker reset). */
    NONE,
    /** Created and sent to the seller, not paid yet. */
    CREATED,
    /** The seller's HTLC is locked (LND ACCEPTED): the escrow is held. */
    ACCEPTED,
    /** Settled with the preimage (release / admin-settle). */
    SETTLED,
    /** Canceled: the seller was refunded, or the HTLC never arrived. */
    CANCELED;

    /** Whether the invoice exists and is neither settled nor canceled. */
    public boolean isOpen() {
        return this == CREATED || this == ACCEPTED;
    }
}

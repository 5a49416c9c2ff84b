package network.mostro.server.lightning;

/** The state of a (hold) invoice, as LND names it. */
public enum InvoiceState {
    /** Created, not paid. */
    OPEN,
    /** A hold invoice whose HTLC is locked: the payer's sats are in escrow. */
    ACCEPTED,
    /** Settled with the preimage; the sats belong to the node. */
    SETTLED,
    /** Canceled; an accepted HTLC was returned to the payer. */
    CANCELED;

    /** Whether no further change can happen. */
    public boolean isFinal() {
        return this == SETTLED || this == CANCELED;
    }
}

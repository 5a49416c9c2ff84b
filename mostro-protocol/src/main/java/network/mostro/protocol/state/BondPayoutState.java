package network.mostro.protocol.state;

/**
 * Progress of the payout of a slashed bond's counterparty share (SPEC §14). Immutable and thread-safe.
 */
public enum BondPayoutState {
    /** No share is owed. */
    NONE,
    /** A share is owed; the winner is asked with {@code add-bond-invoice} until it answers. */
    AWAITING_INVOICE,
    /** The winner's invoice was accepted ({@code bond-invoice-accepted}); the payout is pending. */
    INVOICE_ACCEPTED,
    /** Paid ({@code bond-payout-completed}). */
    PAID
}

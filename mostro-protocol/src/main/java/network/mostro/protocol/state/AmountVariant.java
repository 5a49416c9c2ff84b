package network.mostro.protocol.state;

/**
 * Which {@code amount} a notification's order carries (SPEC §9.3; see {@link network.mostro.protocol.TradeAmounts}).
 * Immutable and thread-safe.
 */
public enum AmountVariant {
    /** The message carries no amount. */
    NONE,
    /** {@code amt}: the order's sats (0 for an untaken market order). */
    ORDER_AMOUNT,
    /** {@code amt + fee}: the hold invoice the seller pays. */
    HOLD_INVOICE_AMOUNT,
    /** {@code amt − fee}: what the buyer receives. */
    BUYER_PAYOUT,
    /** The bond amount to lock. */
    BOND_AMOUNT,
    /** The slashed bond amount. */
    SLASHED_BOND,
    /** The counterparty's share of a slashed bond. */
    BOND_SHARE
}

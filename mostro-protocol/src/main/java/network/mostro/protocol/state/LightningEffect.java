package network.mostro.protocol.state;

/**
 * A Lightning side effect the node performs as part of a transition (SPEC §10, §14). Listed in the order the node
 * performs them. Immutable and thread-safe.
 */
public enum LightningEffect {
    /** Create the escrow hold invoice ({@code amt + fee}) and subscribe to it. */
    CREATE_HOLD_INVOICE,
    /** Settle the escrow with the preimage. */
    SETTLE_HOLD_INVOICE,
    /** Cancel the escrow (the seller is refunded if it paid). */
    CANCEL_HOLD_INVOICE,
    /** Pay the buyer {@code amt − fee} (§10.3). */
    PAY_BUYER,
    /** Create the maker's bond hold invoice. */
    CREATE_MAKER_BOND_INVOICE,
    /** Create a prospective taker's bond hold invoice. */
    CREATE_TAKER_BOND_INVOICE,
    /** Cancel the maker's bond invoice (release, or an unpaid bond expiring). */
    RELEASE_MAKER_BOND,
    /** Cancel the winning taker's locked bond. */
    RELEASE_TAKER_BOND,
    /** Cancel the sender's own outstanding taker bond. */
    RELEASE_SENDER_TAKER_BOND,
    /** Cancel the outstanding bonds of the other prospective takers (race losers). */
    RELEASE_OTHER_TAKER_BONDS,
    /** Cancel every outstanding prospective-taker bond. */
    RELEASE_ALL_TAKER_BONDS,
    /** Settle the maker's bond into the node wallet. */
    SLASH_MAKER_BOND,
    /** Settle the taker's bond into the node wallet. */
    SLASH_TAKER_BOND,
    /** Pay the winner's share of a slashed bond. */
    PAY_BOND_SHARE
}

package network.mostro.protocol.state;

/**
 * Who receives a notification (SPEC §3.7: a trade key stored on the order, or the sender's key). Immutable and
 * thread-safe.
 */
public enum Recipient {
    /** The buyer's trade key. */
    BUYER,
    /** The seller's trade key. */
    SELLER,
    /** The sender of the request when it is not a party (a solver, the node key, a prospective taker). */
    SENDER,
    /** Every prospective taker with an outstanding bond except the sender / the winner. */
    OTHER_BONDED_TAKERS,
    /** Every prospective taker with an outstanding bond. */
    ALL_BONDED_TAKERS,
    /** The maker's next trade key (range child order, SPEC §8.3). */
    MAKER_NEXT_TRADE_KEY
}

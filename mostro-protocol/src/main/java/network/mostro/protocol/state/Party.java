package network.mostro.protocol.state;

import network.mostro.protocol.OrderKind;

/**
 * One of the two trading parties of an order. The maker of a sell order is the seller, the maker of a buy order
 * is the buyer (SPEC §8). Immutable and thread-safe.
 */
public enum Party {
    /** Receives sats, pays fiat. */
    BUYER,
    /** Pays sats into the escrow, receives fiat. */
    SELLER;

    /** The other party. */
    public Party other() {
        return this == BUYER ? SELLER : BUYER;
    }

    /** The party that created an order of {@code kind}. */
    public static Party maker(OrderKind kind) {
        return kind == OrderKind.SELL ? SELLER : BUYER;
    }

    /** The party that takes an order of {@code kind}. */
    public static Party taker(OrderKind kind) {
        return maker(kind).other();
    }

    /** Whether this party is the maker of an order of {@code kind}. */
    public boolean isMakerOf(OrderKind kind) {
        return this == maker(kind);
    }
}

package network.mostro.client;

/** Whether the user created the order or took it. Immutable and thread-safe. */
public enum TradeRole {
    /** The user published the order. */
    MAKER,
    /** The user took someone else's order. */
    TAKER
}

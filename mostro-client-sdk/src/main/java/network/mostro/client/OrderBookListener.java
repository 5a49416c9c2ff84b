package network.mostro.client;

/**
 * Told about changes of an {@link OrderBook}. Calls for one book are made one at a time, in order, on the client's
 * callback executor; none after {@link OrderBook#close()} returns (except one already running).
 */
public interface OrderBookListener {
    /** An order entered the book (new, or a revision now matches the filter). */
    default void onAdded(OrderBookEntry entry) {}

    /** A newer revision of an order in the book arrived and still matches. */
    default void onUpdated(OrderBookEntry previous, OrderBookEntry current) {}

    /** An order left the book: taken, canceled, expired, or a revision no longer matches. */
    default void onRemoved(OrderBookEntry entry) {}
}

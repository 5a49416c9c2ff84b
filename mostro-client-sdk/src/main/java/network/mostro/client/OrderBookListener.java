package network.mostro.client;

/**
 * Told about changes of an {@link OrderBook}.
 *
 * <p><b>Threads.</b> Called on the client's callback executor (default: the client-owned daemon thread
 * {@code mostro-client-callbacks}), never on a relay thread; calls are serialized with every other listener call of
 * the client, so the calls for one book come one at a time, in the order the changes were applied. None is made after
 * {@link OrderBook#close()} returns (except one already running). Implementations must not block; a listener that
 * throws does not stop delivery to the others.
 */
public interface OrderBookListener {
    /** An order entered the book (new, or a revision now matches the filter). */
    default void onAdded(OrderBookEntry entry) {}

    /** A newer revision of an order in the book arrived and still matches. */
    default void onUpdated(OrderBookEntry previous, OrderBookEntry current) {}

    /** An order left the book: taken, canceled, expired, or a revision no longer matches. */
    default void onRemoved(OrderBookEntry entry) {}
}

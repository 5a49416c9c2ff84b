package network.mostro.client;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A live view of one node's order book (kind 38383), merged across relays: per order only the newest revision counts
 * (higher {@code created_at}, ties to the lower event id), orders past {@code expires_at} or their NIP-40
 * {@code expiration} are removed, and only entries matching the {@link OrderBookFilter} are shown.
 * Thread-safe; {@link #close()} ends the subscription.
 */
public interface OrderBook extends AutoCloseable {
    /** The matching, unexpired entries now, newest first. */
    List<OrderBookEntry> snapshot();

    /** The entry of {@code orderId}, if it is in the book. */
    Optional<OrderBookEntry> get(UUID orderId);

    /** The filter of this view. */
    OrderBookFilter filter();

    /** Registers a listener for later changes. */
    void addListener(OrderBookListener listener);

    /** Removes a listener. */
    void removeListener(OrderBookListener listener);

    /** Ends the subscription; the snapshot stays readable. */
    @Override
    void close();
}

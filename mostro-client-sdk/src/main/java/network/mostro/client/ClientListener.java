package network.mostro.client;

/**
 * Receives everything the client learns, across trades and nodes. Every method has a no-op default. Calls are made
 * one at a time on the client's callback executor (never concurrently), in processing order; implementations should
 * not block.
 */
public interface ClientListener {
    /** A trade was created, taken, restored or spawned as a range child. */
    default void onNewTrade(Trade trade) {}

    /** An event of any trade (also delivered to that trade's own listeners). */
    default void onTradeEvent(Trade trade, TradeEvent event) {}

    /** A node published a (newer) info event. */
    default void onNodeUpdated(MostroNodeInfo node) {}

    /**
     * An incoming event was ignored: wrong author, undecryptable, malformed, a rejected chat message. The client
     * keeps working; this is for diagnostics.
     *
     * @param reason why, without secrets
     */
    default void onIgnoredEvent(String reason) {}
}

package network.mostro.client;

/**
 * Receives everything the client learns, across trades and nodes. Every method has a no-op default.
 *
 * <p><b>Threads.</b> Every call is made on the client's callback executor (default: the client-owned daemon thread
 * {@code mostro-client-callbacks}; see {@link MostroClient.Builder#executor}), never on a relay or caller thread. All
 * calls of one client, together with its {@link TradeListener} and {@link OrderBookListener} calls and the completions
 * of the stages it returns, are serialized: one at a time, in the order the client processed what caused them, so
 * the calls for one trade arrive in order. Implementations must not block (no {@code join()} on a stage of the same
 * client: it would wait for this very thread); hand long work to another executor. A listener that throws does not
 * stop delivery to the others.
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

    /**
     * A write to the {@link SessionStore} failed (disk full, permissions, a store that threw). The client keeps
     * running with its state in memory; a node message whose trade change could not be stored is not marked as
     * processed, so the relays' copy re-applies it on the next start.
     *
     * @param error what failed, with the store's exception as the cause
     */
    default void onStoreFailure(ClientStateException error) {}
}

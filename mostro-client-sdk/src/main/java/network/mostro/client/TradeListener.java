package network.mostro.client;

/**
 * Receives the {@link TradeEvent}s of one trade. Calls are made one at a time, in the order Mostro's messages were
 * processed, on the client's callback executor; implementations should not block.
 */
@FunctionalInterface
public interface TradeListener {
    /** Called for every event of {@code trade}. */
    void onEvent(Trade trade, TradeEvent event);
}

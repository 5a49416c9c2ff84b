package network.mostro.client;

/**
 * Receives the {@link TradeEvent}s of one trade.
 *
 * <p><b>Threads.</b> Called on the client's callback executor (default: the client-owned daemon thread
 * {@code mostro-client-callbacks}), never on a relay or caller thread. Calls are serialized with every other listener
 * call and stage completion of the client: one at a time, in the order Mostro's messages were processed, so the
 * events of one trade never overlap or reorder. Implementations must not block (never {@code join()} a stage of the
 * same client here: its completion needs this thread); a listener that throws does not stop delivery to others.
 */
@FunctionalInterface
public interface TradeListener {
    /** Called for every event of {@code trade}. */
    void onEvent(Trade trade, TradeEvent event);
}

package network.mostro.protocol.keys;

/**
 * Persists the last trade index a client has used (SPEC §2.3 rule 4): the daemon rejects any index not strictly
 * greater than the last one it saw, and an index is consumed even when the order is later canceled, so the counter
 * must survive restarts and only move forward.
 *
 * <p>Implementations must be thread-safe and must never lower the stored value: {@link #advanceTo} with a value at
 * or below the current one is a no-op. {@link InMemoryTradeIndexStore} is the in-memory implementation; a real client
 * stores the value durably (file, database, keystore) before the index is used on the wire.
 */
public interface TradeIndexStore {
    /** The last used trade index, or 0 when none has been used. */
    long lastUsedIndex();

    /**
     * Raises the stored value to {@code index} if it is higher, durably, before returning.
     *
     * @return the stored value after the call ({@code max(previous, index)})
     */
    long advanceTo(long index);
}

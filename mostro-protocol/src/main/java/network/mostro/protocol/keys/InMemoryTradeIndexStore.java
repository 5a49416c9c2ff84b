package network.mostro.protocol.keys;

import java.util.concurrent.atomic.AtomicLong;
import network.mostro.nostr.InvalidInputException;

/**
 * A {@link TradeIndexStore} in memory, for tests and short-lived tools: the counter is lost on exit. Thread-safe.
 */
public final class InMemoryTradeIndexStore implements TradeIndexStore {
    private final AtomicLong last;

    /** Starts at 0 (no index used). */
    public InMemoryTradeIndexStore() {
        this(0);
    }

    /**
     * Starts at {@code lastUsed}.
     *
     * @throws InvalidInputException if {@code lastUsed} is negative
     */
    public InMemoryTradeIndexStore(long lastUsed) {
        if (lastUsed < 0) {
            throw new InvalidInputException("last used trade index must not be negative");
        }
        this.last = new AtomicLong(lastUsed);
    }

    @Override
    public long lastUsedIndex() {
        return last.get();
    }

    @Override
    public long advanceTo(long index) {
        return last.accumulateAndGet(index, Math::max);
    }

    @Override
    public String toString() {
        return "InMemoryTradeIndexStore[" + last.get() + "]";
    }
}

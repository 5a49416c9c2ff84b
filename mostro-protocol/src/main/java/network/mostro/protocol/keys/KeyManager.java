package network.mostro.protocol.keys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.keys.MostroKeys;

/**
 * The client's keys (SPEC §2): the identity key (index 0) and fresh trade keys (index ≥ 1) with a forward-only
 * counter kept in a {@link TradeIndexStore}.
 *
 * <pre>{@code
 * KeyManager keys = KeyManager.of(MostroKeys.fromMnemonic(mnemonic), store);
 * TradeKey trade = keys.nextTradeKey();                  // persisted before it is returned
 * Message m = Message.builder(Action.TAKE_SELL).id(orderId).tradeIndex(trade.index()).build();
 *
 * // restore on a new device (SPEC §2.4)
 * keys.restoreLastTradeIndex(lastTradeIndexFromNode);
 * List<TradeKey> active = keys.restoreTradeKeys(indexesFromRestoreSession);
 * }</pre>
 * Thread-safe: {@link #nextTradeKey()} never hands out the same index twice within one store.
 */
public final class KeyManager {
    private final MostroKeys keys;
    private final TradeIndexStore store;

    private KeyManager(MostroKeys keys, TradeIndexStore store) {
        this.keys = keys;
        this.store = store;
    }

    /**
     * @throws InvalidInputException if an argument is null
     */
    public static KeyManager of(MostroKeys keys, TradeIndexStore store) {
        if (keys == null || store == null) {
            throw new InvalidInputException("key manager needs keys and a trade index store");
        }
        return new KeyManager(keys, store);
    }

    /** The identity key (index 0): proves who the user is in reputation mode, never authors an order. */
    public PrivateKey identityKey() {
        return keys.identityKey();
    }

    /** The identity public key. */
    public PublicKey identityPublicKey() {
        return keys.identityKey().publicKey();
    }

    /**
     * Reserves the next trade index ({@code last + 1}), stores it, and returns its key. The index counts as used
     * from now on, whether or not the message is ever accepted (SPEC §2.3 rule 4).
     *
     * @throws InvalidInputException when the index space (2<sup>31</sup>−1) is exhausted
     */
    public synchronized TradeKey nextTradeKey() {
        long next = store.lastUsedIndex() + 1;
        if (next > MostroKeys.MAX_INDEX) {
            throw new InvalidInputException("trade index space exhausted");
        }
        store.advanceTo(next);
        return tradeKey(next);
    }

    /** The index {@link #nextTradeKey()} would return next, without reserving it. */
    public long peekNextIndex() {
        return store.lastUsedIndex() + 1;
    }

    /** The last used trade index (0 when none). */
    public long lastUsedIndex() {
        return store.lastUsedIndex();
    }

    /**
     * Re-derives the trade key of {@code index} without touching the counter (for an order you already hold).
     *
     * @throws InvalidInputException if {@code index} is not in 1..2<sup>31</sup>−1
     */
    public TradeKey tradeKey(long index) {
        return new TradeKey(index, keys.tradeKey(index));
    }

    /**
     * Marks {@code index} as used, for indexes consumed outside {@link #nextTradeKey()}: the {@code next_trade} key
     * given to the node for a range order's child (SPEC §2.3 rule 5). Never lowers the counter.
     *
     * @throws InvalidInputException if {@code index} is not in 1..2<sup>31</sup>−1
     */
    public synchronized void markUsed(long index) {
        checkIndex(index);
        store.advanceTo(index);
    }

    /**
     * Applies the {@code trade_index} returned by {@code last-trade-index} (SPEC §2.4 step 2): the counter becomes
     * {@code max(local, fromNode)}, so the next key is {@code fromNode + 1} unless this device is already ahead.
     *
     * @return the last used index after the update
     * @throws InvalidInputException if {@code fromNode} is negative
     */
    public synchronized long restoreLastTradeIndex(long fromNode) {
        if (fromNode < 0) {
            throw new InvalidInputException("trade index must not be negative");
        }
        return store.advanceTo(fromNode);
    }

    /**
     * Re-derives the trade keys of the orders and disputes listed by {@code restore-session} (SPEC §2.4 step 3), in
     * ascending index order without duplicates, and moves the counter past the highest of them.
     *
     * @throws InvalidInputException if an index is not in 1..2<sup>31</sup>−1
     */
    public synchronized List<TradeKey> restoreTradeKeys(Collection<Long> indexes) {
        Objects.requireNonNull(indexes, "indexes");
        TreeSet<Long> sorted = new TreeSet<>();
        for (Long i : indexes) {
            if (i == null) {
                throw new InvalidInputException("trade index must not be null");
            }
            checkIndex(i);
            sorted.add(i);
        }
        List<TradeKey> out = new ArrayList<>(sorted.size());
        for (long i : sorted) {
            out.add(tradeKey(i));
        }
        if (!sorted.isEmpty()) {
            store.advanceTo(sorted.last());
        }
        return List.copyOf(out);
    }

    private static void checkIndex(long index) {
        if (index < 1 || index > MostroKeys.MAX_INDEX) {
            throw new InvalidInputException("trade index must be between 1 and 2^31-1");
        }
    }

    @Override
    public String toString() {
        return "KeyManager[identity=" + identityPublicKey().toHex() + ", last=" + store.lastUsedIndex() + "]";
    }
}

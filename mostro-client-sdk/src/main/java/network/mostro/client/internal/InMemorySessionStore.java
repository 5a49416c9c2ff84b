package network.mostro.client.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.mostro.client.ChatEntry;
import network.mostro.client.SessionStore;
import network.mostro.client.TradeRecord;

/**
 * {@link SessionStore} in memory. The processed-id set keeps the most recent {@value #MAX_PROCESSED} ids; chat histories
 * are trimmed to the {@code keepLast} the client passes to {@link #appendChat(ChatEntry, int)}.
 * Thread-safe (every method synchronizes on the store).
 */
public class InMemorySessionStore implements SessionStore {
    /** How many processed ids are remembered. */
    public static final int MAX_PROCESSED = 50_000;

    protected long lastTradeIndex;
    protected final Map<UUID, TradeRecord> trades = new LinkedHashMap<>();
    protected final Map<UUID, List<ChatEntry>> chats = new LinkedHashMap<>();
    protected final LinkedHashSet<String> processed = new LinkedHashSet<>();

    /** Called after every change, under the store's lock; the file store persists here. */
    protected void changed() {}

    @Override
    public synchronized long lastTradeIndex() {
        return lastTradeIndex;
    }

    @Override
    public synchronized long advanceTradeIndex(long index) {
        if (index > lastTradeIndex) {
            long before = lastTradeIndex;
            lastTradeIndex = index;
            try {
                changed();
            } catch (RuntimeException e) {
                lastTradeIndex = before;
                throw e;
            }
        }
        return lastTradeIndex;
    }

    @Override
    public synchronized List<TradeRecord> trades() {
        return List.copyOf(trades.values());
    }

    @Override
    public synchronized void saveTrade(TradeRecord record) {
        trades.put(record.orderId(), record);
        changed();
    }

    @Override
    public synchronized void saveTrade(TradeRecord record, String processedId) {
        trades.put(record.orderId(), record);
        if (processedId != null) {
            addProcessed(processedId);
        }
        changed();
    }

    @Override
    public synchronized List<ChatEntry> chatHistory(UUID orderId) {
        List<ChatEntry> l = chats.get(orderId);
        return l == null ? List.of() : List.copyOf(l);
    }

    @Override
    public synchronized void appendChat(ChatEntry entry) {
        chats.computeIfAbsent(entry.orderId(), k -> new ArrayList<>()).add(entry);
        changed();
    }

    @Override
    public synchronized void appendChat(ChatEntry entry, int keepLast) {
        List<ChatEntry> l = chats.computeIfAbsent(entry.orderId(), k -> new ArrayList<>());
        l.add(entry);
        int excess = l.size() - Math.max(1, keepLast);
        if (excess > 0) {
            l.subList(0, excess).clear();
        }
        changed();
    }

    @Override
    public synchronized boolean markProcessed(String id) {
        if (!addProcessed(id)) {
            return false;
        }
        changed();
        return true;
    }

    private boolean addProcessed(String id) {
        if (!processed.add(id)) {
            return false;
        }
        if (processed.size() > MAX_PROCESSED) {
            Iterator<String> it = processed.iterator();
            it.next();
            it.remove();
        }
        return true;
    }

    @Override
    public synchronized boolean isProcessed(String id) {
        return processed.contains(id);
    }
}

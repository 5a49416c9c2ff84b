package network.mostro.client.internal;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import network.mostro.client.ChatEntry;
import network.mostro.client.ClientStateException;
import network.mostro.client.SessionStore;
import network.mostro.client.TradeRecord;

/**
 * Wraps the user's {@link SessionStore} so every failed write is reported once (to
 * {@link network.mostro.client.ClientListener#onStoreFailure}) and rethrown as a {@link ClientStateException}, whatever
 * the store threw. Thread-safe if the wrapped store is.
 */
final class ReportingStore implements SessionStore {
    private final SessionStore delegate;
    private final Consumer<ClientStateException> report;

    ReportingStore(SessionStore delegate, Consumer<ClientStateException> report) {
        this.delegate = delegate;
        this.report = report;
    }

    private ClientStateException failed(String what, RuntimeException e) {
        ClientStateException ex = new ClientStateException("session store: " + what + " failed: " + e.getMessage(), e);
        try {
            report.accept(ex);
        } catch (RuntimeException ignored) {
            // reporting is best effort
        }
        return ex;
    }

    @Override
    public long lastTradeIndex() {
        return delegate.lastTradeIndex();
    }

    @Override
    public long advanceTradeIndex(long index) {
        try {
            return delegate.advanceTradeIndex(index);
        } catch (RuntimeException e) {
            throw failed("storing trade index " + index, e);
        }
    }

    @Override
    public List<TradeRecord> trades() {
        return delegate.trades();
    }

    @Override
    public void saveTrade(TradeRecord record) {
        try {
            delegate.saveTrade(record);
        } catch (RuntimeException e) {
            throw failed("saving trade " + record.orderId(), e);
        }
    }

    @Override
    public void saveTrade(TradeRecord record, String processedId) {
        try {
            delegate.saveTrade(record, processedId);
        } catch (RuntimeException e) {
            throw failed("saving trade " + record.orderId(), e);
        }
    }

    @Override
    public List<ChatEntry> chatHistory(UUID orderId) {
        return delegate.chatHistory(orderId);
    }

    @Override
    public void appendChat(ChatEntry entry) {
        try {
            delegate.appendChat(entry);
        } catch (RuntimeException e) {
            throw failed("appending a chat message of " + entry.orderId(), e);
        }
    }

    @Override
    public void appendChat(ChatEntry entry, int keepLast) {
        try {
            delegate.appendChat(entry, keepLast);
        } catch (RuntimeException e) {
            throw failed("appending a chat message of " + entry.orderId(), e);
        }
    }

    @Override
    public boolean markProcessed(String id) {
        try {
            return delegate.markProcessed(id);
        } catch (RuntimeException e) {
            throw failed("marking " + id + " processed", e);
        }
    }

    @Override
    public boolean isProcessed(String id) {
        return delegate.isProcessed(id);
    }

    @Override
    public void close() {
        delegate.close();
    }
}

package network.mostro.client;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import network.mostro.client.internal.FileSessionStore;
import network.mostro.client.internal.InMemorySessionStore;

/**
 * Durable client state (SPI): the forward-only trade index (SPEC §2.3 rule 4), the trades with their status and
 * order snapshot, chat histories, and the ids of events already processed (so a relay replaying old messages after
 * a restart changes nothing). Every write must be durable before the method returns: the trade index in particular
 * must be stored before the index is used on the wire.
 *
 * <p>{@link #inMemory()} forgets everything on exit (tests, throw-away bots); {@link #file(Path)} is the durable
 * default (one JSON file, atomically replaced on every change). Implementations must be thread-safe.
 */
public interface SessionStore extends AutoCloseable {
    /** The last used trade index, 0 when none. */
    long lastTradeIndex();

    /** Raises the last used trade index to {@code index} if higher (never lowers it); returns the stored value. */
    long advanceTradeIndex(long index);

    /** Every stored trade. */
    List<TradeRecord> trades();

    /** Inserts or replaces the trade with {@code record.orderId()}. */
    void saveTrade(TradeRecord record);

    /** The chat history of an order, oldest first. */
    List<ChatEntry> chatHistory(UUID orderId);

    /** Appends a chat message to its order's history. */
    void appendChat(ChatEntry entry);

    /**
     * Appends a chat message and keeps only the newest {@code keepLast} messages of its order. The client calls this
     * form; the default appends without trimming (override it so a chatty or hostile counterparty cannot grow the
     * store without bound). The built-in stores trim.
     */
    default void appendChat(ChatEntry entry, int keepLast) {
        appendChat(entry);
    }

    /**
     * Inserts or replaces the trade and records {@code processedId} as processed, ideally in one durable write, so a
     * crash never leaves a message marked as done without its effect stored. The client calls this for the trade
     * changes a node message causes. The default calls {@link #saveTrade(TradeRecord)} then
     * {@link #markProcessed(String)} (the trade first, so a crash in between re-applies the message on restart).
     */
    default void saveTrade(TradeRecord record, String processedId) {
        saveTrade(record);
        if (processedId != null) {
            markProcessed(processedId);
        }
    }

    /**
     * Records an event id (or any other dedup key) as processed.
     *
     * @return true if it was not recorded before
     */
    boolean markProcessed(String id);

    /** Whether {@code id} was recorded by {@link #markProcessed}. */
    boolean isProcessed(String id);

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {}

    /** A store that keeps everything in memory. */
    static SessionStore inMemory() {
        return new InMemorySessionStore();
    }

    /**
     * A durable store in one JSON file at {@code path} (created with its parent directories when missing; written
     * to a temporary file and atomically renamed on every change).
     *
     * @throws ClientStateException if the file exists and cannot be read or parsed
     */
    static SessionStore file(Path path) {
        return FileSessionStore.open(path);
    }
}

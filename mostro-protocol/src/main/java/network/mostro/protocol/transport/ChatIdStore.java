package network.mostro.protocol.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import network.mostro.nostr.InvalidInputException;

/**
 * Remembers accepted inner chat event ids so a message is delivered once (SPEC §15.2 "durable inner-id dedup").
 * A real client persists them with its chat history. Implementations must be thread-safe.
 */
public interface ChatIdStore {
    /** Whether {@code id} was accepted before. */
    boolean contains(String id);

    /** Records {@code id} as accepted. */
    void add(String id);

    /**
     * An in-memory store remembering the most recent {@code maxEntries} ids (not durable). Thread-safe.
     *
     * @throws InvalidInputException if {@code maxEntries < 1}
     */
    static ChatIdStore inMemory(int maxEntries) {
        if (maxEntries < 1) {
            throw new InvalidInputException("maxEntries must be positive");
        }
        Map<String, Boolean> lru = new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > maxEntries;
            }
        };
        return new ChatIdStore() {
            @Override
            public synchronized boolean contains(String id) {
                return lru.containsKey(id);
            }

            @Override
            public synchronized void add(String id) {
                lru.put(id, Boolean.TRUE);
            }
        };
    }
}

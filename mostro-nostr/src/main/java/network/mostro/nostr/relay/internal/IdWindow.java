package network.mostro.nostr.relay.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded set of recently seen event ids (least recently added evicted first). Thread-safe. */
final class IdWindow {
    private final LinkedHashMap<String, Boolean> ids;

    IdWindow(int capacity) {
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when {@code id} was not present (and is now). */
    synchronized boolean add(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }

    synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }

    synchronized void remove(String id) {
        ids.remove(id);
    }
}

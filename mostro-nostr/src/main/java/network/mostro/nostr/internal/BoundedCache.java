package network.mostro.nostr.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A small concurrent map that forgets everything when it reaches its capacity: memory stays bounded
 * whatever the input, and a hot working set (a relay's few active authors) refills at once. Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class BoundedCache<K, V> {
    private final int capacity;
    private final ConcurrentHashMap<K, V> map;

    public BoundedCache(int capacity) {
        this.capacity = capacity;
        this.map = new ConcurrentHashMap<>(Math.min(capacity, 1024));
    }

    public V get(K key) {
        return map.get(key);
    }

    public void put(K key, V value) {
        if (map.size() >= capacity) {
            map.clear();
        }
        map.put(key, value);
    }

    public int size() {
        return map.size();
    }
}

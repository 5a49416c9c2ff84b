package network.mostro.server.store.jdbc.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A bounded least-recently-used cache of records read by key (an order by id, a user by identity), present or known
 * absent, kept coherent with the database by the store's own commits. Thread-safe (one lock; every operation is a few
 * map operations).
 *
 * <p>Coherence rules, which hold whatever the interleaving of readers and the writer:
 * <ul>
 *   <li>A reader that missed reads the database and then offers its row with {@link #offer}, together with the
 *       {@link #generation()} it saw <em>before</em> the read. The row is kept only if no commit touched the cache in
 *       between, so a row read before a commit can never be cached after that commit.</li>
 *   <li>After a commit, the store {@linkplain #put puts} the records it wrote, in commit order (under its write
 *       lock), or {@linkplain #invalidate invalidates} them when commits are not ordered. A versioned record (orders)
 *       never replaces a newer version.</li>
 *   <li>After a failed commit (a compare-and-swap that lost, an exception), the keys it touched are invalidated, so a
 *       retry reads the database: a row changed behind the store's back heals on the first conflict.</li>
 * </ul>
 *
 * @param <K> the key type
 * @param <V> the record type (immutable)
 */
final class ReadCache<K, V> {
    private final int capacity;
    private final ToLongFunction<V> version; // null: unversioned records
    private final Map<K, Optional<V>> map;
    private long generation;
    private long hits;
    private long misses;

    /**
     * @param capacity most keys kept (the least recently used is dropped)
     * @param version the version of a record, or null when records have none
     */
    ReadCache(int capacity, ToLongFunction<V> version) {
        this.capacity = capacity;
        this.version = version;
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Optional<V>> eldest) {
                return size() > ReadCache.this.capacity;
            }
        };
    }

    /** The cached record ({@code Optional.empty()} = known absent), or null when the key is not cached. */
    synchronized Optional<V> get(K key) {
        Optional<V> v = map.get(key);
        if (v == null) {
            misses++;
        } else {
            hits++;
        }
        return v;
    }

    /** The commit generation, to pass to {@link #offer} after a database read. */
    synchronized long generation() {
        return generation;
    }

    /** Caches a row read from the database, unless a commit touched the cache since {@code seenGeneration}. */
    synchronized void offer(K key, Optional<V> row, long seenGeneration) {
        if (generation == seenGeneration && !map.containsKey(key)) {
            map.put(key, row);
        }
    }

    /** Caches a record the store has just committed (a versioned record never replaces a newer one). */
    synchronized void put(K key, V value) {
        generation++;
        if (version != null) {
            Optional<V> cur = map.get(key);
            if (cur != null && cur.isPresent() && version.applyAsLong(cur.get()) > version.applyAsLong(value)) {
                return;
            }
        }
        map.put(key, Optional.of(value));
    }

    /** Forgets a key, so the next read of it goes to the database. */
    synchronized void invalidate(K key) {
        generation++;
        map.remove(key);
    }

    /** Forgets everything. */
    synchronized void clear() {
        generation++;
        map.clear();
    }

    synchronized int size() {
        return map.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}

package network.mostro.server.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The coherence rules of {@link ReadCache}: what a reader may cache after a commit, versions, bounds. */
class ReadCacheTest {

    /** A versioned value: key, version. */
    record V(String key, long version) {}

    private final ReadCache<String, V> cache = new ReadCache<>(4, V::version);

    @Test
    void aRowReadBeforeACommitIsNotCachedAfterIt() {
        long seen = cache.generation();
        // the reader read version 1 from the database; meanwhile the writer committed version 2 and cached it
        cache.put("a", new V("a", 2));
        cache.offer("a", Optional.of(new V("a", 1)), seen);
        assertThat(cache.get("a")).contains(new V("a", 2));
        // also when the writer's commit only invalidated the key
        long seen2 = cache.generation();
        cache.invalidate("a");
        cache.offer("a", Optional.of(new V("a", 2)), seen2);
        assertThat(cache.get("a")).isNull();
    }

    @Test
    void aRowReadWithNoCommitInBetweenIsCachedAndAbsenceToo() {
        long seen = cache.generation();
        cache.offer("a", Optional.of(new V("a", 1)), seen);
        cache.offer("b", Optional.empty(), seen);
        assertThat(cache.get("a")).contains(new V("a", 1));
        assertThat(cache.get("b")).isEmpty(); // known absent, not "not cached"
        assertThat(cache.get("c")).isNull();
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void anOfferNeverReplacesWhatIsCached() {
        cache.put("a", new V("a", 3));
        cache.offer("a", Optional.of(new V("a", 1)), cache.generation());
        assertThat(cache.get("a")).contains(new V("a", 3));
    }

    @Test
    void anOlderVersionNeverReplacesANewerOneButUnversionedValuesAlwaysReplace() {
        cache.put("a", new V("a", 5));
        cache.put("a", new V("a", 4));
        assertThat(cache.get("a")).contains(new V("a", 5));
        cache.put("a", new V("a", 6));
        assertThat(cache.get("a")).contains(new V("a", 6));
        ReadCache<String, V> unversioned = new ReadCache<>(4, null);
        unversioned.put("a", new V("a", 5));
        unversioned.put("a", new V("a", 4));
        assertThat(unversioned.get("a")).contains(new V("a", 4));
    }

    @Test
    void theLeastRecentlyUsedKeyIsDroppedBeyondCapacityAndClearEmpties() {
        for (String k : List.of("a", "b", "c", "d")) {
            cache.put(k, new V(k, 0));
        }
        cache.get("a"); // a is now the most recently used
        cache.put("e", new V("e", 0));
        assertThat(cache.size()).isEqualTo(4);
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isPresent();
        cache.clear();
        assertThat(cache.size()).isZero();
    }

    /**
     * Readers and one writer race over a few keys; the "database" is a map the writer updates before it tells the
     * cache (as a commit does), and readers follow the cache's protocol. After the writer stops, every cached value
     * must equal the database's: a stale read can never outlive the commit that superseded it.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void concurrentReadersNeverLeaveAStaleValueBehind(long seed) throws Exception {
        ReadCache<String, V> c = new ReadCache<>(16, V::version);
        String[] keys = {"k0", "k1", "k2", "k3"};
        java.util.concurrent.ConcurrentHashMap<String, V> db = new java.util.concurrent.ConcurrentHashMap<>();
        for (String k : keys) {
            db.put(k, new V(k, 0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong stop = new AtomicLong();
        List<Future<?>> fs = new ArrayList<>();
        try {
            for (int r = 0; r < 3; r++) {
                Random rnd = new Random(seed * 31 + r);
                fs.add(pool.submit(() -> {
                    go.await();
                    while (stop.get() == 0) {
                        String k = keys[rnd.nextInt(keys.length)];
                        if (c.get(k) == null) {
                            long g = c.generation();
                            V row = db.get(k);
                            Thread.yield();
                            c.offer(k, Optional.of(row), g);
                        }
                    }
                    return null;
                }));
            }
            Random rnd = new Random(seed);
            go.countDown();
            for (int i = 0; i < 20_000; i++) {
                String k = keys[rnd.nextInt(keys.length)];
                V next = new V(k, db.get(k).version() + 1);
                db.put(k, next); // the commit
                if (rnd.nextBoolean()) {
                    c.put(k, next);
                } else {
                    c.invalidate(k);
                }
            }
            stop.set(1);
            for (Future<?> f : fs) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (String k : keys) {
            Optional<V> cached = c.get(k);
            if (cached != null) {
                assertThat(cached).as(k).contains(db.get(k));
            }
        }
    }
}

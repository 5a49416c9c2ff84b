package network.mostro.server.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import network.mostro.server.store.StoreException;

/**
 * Where the store gets its connections: a small fixed pool it owns, or a caller's {@link DataSource}. Thread-safe.
 */
public abstract class ConnectionSource implements AutoCloseable {

    /** Opens one new connection. */
    @FunctionalInterface
    public interface Opener {
        /** A new, open connection. */
        Connection open() throws SQLException;
    }

    /** Borrows a connection; give it back with {@link #release}. */
    abstract Connection acquire() throws SQLException;

    /** Gives a connection back; {@code broken} connections are closed instead of reused. */
    abstract void release(Connection c, boolean broken);

    @Override
    public abstract void close();

    /**
     * The prepared-statement cache of a connection this source lent and keeps open for reuse, or null if its
     * connections are closed after each use (a caller's data source, whose own pool may cache statements). The
     * cache is closed when the connection is discarded or the source is closed.
     */
    StatementCache statements(Connection c) {
        return null;
    }

    /** How many prepared statements this source keeps open over all its connections (for tests). */
    int cachedStatements() {
        return 0;
    }

    /** A pool of at most {@code size} connections from {@code opener}, opened lazily and reused. */
    public static ConnectionSource pool(Opener opener, int size) {
        return new Pool(opener, size);
    }

    /** Connections from a caller's data source (usually a pool), closed after each use. */
    public static ConnectionSource of(DataSource ds) {
        return new ConnectionSource() {
            @Override
            Connection acquire() throws SQLException {
                return ds.getConnection();
            }

            @Override
            void release(Connection c, boolean broken) {
                closeQuietly(c);
            }

            @Override
            public void close() {}
        };
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // nothing more to do with a connection we are discarding
        }
    }

    private static final class Pool extends ConnectionSource {
        private static final long ACQUIRE_TIMEOUT_SECONDS = 30;
        private final Opener opener;
        private final Semaphore permits;
        private final Deque<Connection> idle = new ArrayDeque<>();
        private final Map<Connection, StatementCache> caches = new IdentityHashMap<>();
        private boolean closed;

        Pool(Opener opener, int size) {
            this.opener = opener;
            this.permits = new Semaphore(size, true);
        }

        @Override
        Connection acquire() throws SQLException {
            try {
                if (!permits.tryAcquire(ACQUIRE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new StoreException("no database connection free after " + ACQUIRE_TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for a database connection", e);
            }
            Connection c;
            synchronized (this) {
                if (closed) {
                    permits.release();
                    throw new StoreException("store is closed");
                }
                c = idle.pollFirst();
            }
            if (c != null) {
                return c;
            }
            try {
                return opener.open();
            } catch (SQLException | RuntimeException e) {
                permits.release();
                throw e;
            }
        }

        @Override
        StatementCache statements(Connection c) {
            synchronized (this) {
                return caches.computeIfAbsent(c, StatementCache::new);
            }
        }

        @Override
        void release(Connection c, boolean broken) {
            boolean keep;
            StatementCache cache = null;
            synchronized (this) {
                keep = !closed && !broken;
                if (keep) {
                    idle.addFirst(c);
                } else {
                    cache = caches.remove(c);
                }
            }
            if (!keep) {
                discard(c, cache);
            }
            permits.release();
        }

        private static void discard(Connection c, StatementCache cache) {
            if (cache != null) {
                cache.close();
            }
            closeQuietly(c);
        }

        @Override
        synchronized int cachedStatements() {
            return caches.values().stream().mapToInt(StatementCache::size).sum();
        }

        @Override
        public void close() {
            Map<Connection, StatementCache> toClose = new IdentityHashMap<>();
            synchronized (this) {
                closed = true;
                for (Connection c : idle) {
                    toClose.put(c, caches.remove(c));
                }
                idle.clear();
            }
            toClose.forEach(Pool::discard);
        }
    }
}

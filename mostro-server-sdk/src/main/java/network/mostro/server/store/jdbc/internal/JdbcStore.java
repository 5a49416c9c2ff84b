package network.mostro.server.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderStatus;
import network.mostro.server.store.DisputeRecord;
import network.mostro.server.store.OrderRecord;
import network.mostro.server.store.OrderStore;
import network.mostro.server.store.OutboxEntry;
import network.mostro.server.store.SolverRecord;
import network.mostro.server.store.StoreException;
import network.mostro.server.store.UserRecord;
import network.mostro.server.store.Write;

/**
 * The JDBC {@link OrderStore}: reads on pooled connections, commits in database transactions in which order and
 * dispute updates are {@code UPDATE … WHERE id = ? AND version = ?} checked by update count and inserts are
 * {@code INSERT … ON CONFLICT DO NOTHING} checked the same way; a failed check rolls back everything the commit
 * wrote and the commit returns false. Without {@code serialiseWrites} (PostgreSQL) each commit is its own
 * transaction. With it (SQLite) commits go through one writer under an in-process lock, and concurrent commits are
 * grouped: one transaction, one savepoint per commit, one COMMIT (one fsync) for the group, results handed out after
 * the COMMIT returned (see {@link #commit}). The fixed write statements are prepared once per writer connection.
 * Transactions the database aborted for a deadlock or serialization failure (PostgreSQL) or a busy file (SQLite)
 * are run again a few times. Thread-safe.
 */
public final class JdbcStore implements OrderStore {

    private static final int MAX_ATTEMPTS = 5;

    private static final String ORDER_INSERT = "INSERT INTO orders (" + Rows.names(Rows.ORDER) + ") VALUES ("
            + Rows.placeholders(Rows.ORDER) + ") ON CONFLICT DO NOTHING";
    private static final String ORDER_UPDATE = "UPDATE orders SET " + Rows.ORDER.stream().skip(1)
            .map(c -> c.name() + " = ?").collect(Collectors.joining(", ")) + " WHERE id = ? AND version = ?";
    private static final String DISPUTE_INSERT = "INSERT INTO disputes (" + Rows.names(Rows.DISPUTE) + ") SELECT "
            + Rows.placeholders(Rows.DISPUTE) + " WHERE EXISTS (SELECT 1 FROM orders WHERE id = ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String DISPUTE_UPDATE = "UPDATE disputes SET " + Rows.DISPUTE.stream().skip(2)
            .map(c -> c.name() + " = ?").collect(Collectors.joining(", "))
            + " WHERE id = ? AND order_id = ? AND version = ?";
    private static final String USER_PUT = "INSERT INTO users (" + Rows.names(Rows.USER) + ") VALUES ("
            + Rows.placeholders(Rows.USER) + ") ON CONFLICT (identity_pubkey) DO UPDATE SET "
            + Rows.USER.stream().skip(1).map(c -> c.name() + " = excluded." + c.name())
                    .collect(Collectors.joining(", "));

    private static final String SOLVER_PUT = "INSERT INTO solvers (pubkey, can_write, created_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (pubkey) DO UPDATE SET can_write = excluded.can_write, created_at = excluded.created_at";
    private static final String OUTBOX_INSERT =
            "INSERT INTO outbox (event_json, purpose, attempts, not_before) VALUES (?, ?, ?, ?)";
    private static final String OUTBOX_DUE = "SELECT * FROM outbox WHERE not_before <= ? ORDER BY seq LIMIT ?";
    private static final String OUTBOX_DELETE = "DELETE FROM outbox WHERE seq = ?";
    private static final String OUTBOX_RESCHEDULE = "UPDATE outbox SET attempts = ?, not_before = ? WHERE seq = ?";
    private static final String PROCESSED_INSERT =
            "INSERT INTO processed (event_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING";
    private static final String PROCESSED_PRUNE = "DELETE FROM processed WHERE at < ?";
    private static final String META_PUT =
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

    /** Most commits one group transaction takes (bounds a leader's work and a rolled-back group's redo). */
    static final int MAX_GROUP = 64;

    private final Dialect dialect;
    private final ConnectionSource readers;
    private final ConnectionSource writers;
    private final ReentrantLock writeLock;
    private final ConcurrentLinkedQueue<Pending> queue;
    private volatile boolean groupCommit = true;
    private final LongAdder serialisedCommits = new LongAdder();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder groupsCommitted = new LongAdder();
    private final LongAdder groupFallbacks = new LongAdder();
    private final String insertionOrder;
    /** Most orders and users each read cache keeps. */
    static final int READ_CACHE_SIZE = 8_192;
    private final ReadCache<UUID, OrderRecord> orderCache = new ReadCache<>(READ_CACHE_SIZE, OrderRecord::version);
    private final ReadCache<String, UserRecord> userCache = new ReadCache<>(READ_CACHE_SIZE, null);
    private volatile boolean readCache = true;

    /**
     * Opens the store and migrates the schema.
     *
     * @throws StoreException if the database is unreachable, its schema is newer than this code, or a migration
     *     failed (the connection sources are closed then)
     */
    public JdbcStore(Dialect dialect, ConnectionSource readers, ConnectionSource writers, boolean serialiseWrites) {
        this.dialect = dialect;
        this.readers = readers;
        this.writers = writers;
        this.writeLock = serialiseWrites ? new ReentrantLock(true) : null;
        this.queue = serialiseWrites ? new ConcurrentLinkedQueue<>() : null;
        this.insertionOrder = dialect.insertionOrder();
        try {
            withWriter(c -> Migrations.migrate(c, dialect));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @FunctionalInterface
    private interface SqlFn<T> {
        T apply(Connection c) throws SQLException;
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private <T> T read(String what, SqlFn<T> fn) {
        return on(readers, what + " failed: ", fn);
    }

    private <T> T withWriter(SqlFn<T> fn) {
        if (writeLock != null) {
            writeLock.lock();
        }
        try {
            return onWriter(fn);
        } finally {
            if (writeLock != null) {
                writeLock.unlock();
            }
        }
    }

    /** Runs {@code fn} on a writer connection (under the write lock if writes are serialised). */
    private <T> T onWriter(SqlFn<T> fn) {
        return on(writers, "database write failed: ", fn);
    }

    /**
     * Runs {@code fn} on a connection of {@code source}; an {@link SQLException} becomes a {@link StoreException} whose
     * message starts with {@code failurePrefix}. A connection that no longer answers after a failure is discarded.
     */
    private static <T> T on(ConnectionSource source, String failurePrefix, SqlFn<T> fn) {
        Connection c;
        try {
            c = source.acquire();
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the database: " + e.getMessage(), e);
        }
        boolean broken = false;
        try {
            return fn.apply(c);
        } catch (SQLException e) {
            broken = !valid(c);
            throw new StoreException(failurePrefix + e.getMessage(), e);
        } catch (RuntimeException e) {
            broken = !valid(c);
            throw e;
        } finally {
            source.release(c, broken);
        }
    }

    private static void requireArg(Object arg, String what) {
        if (arg == null) {
            throw new InvalidInputException(what + ": null argument");
        }
    }

    // ---------------------------------------------------------------- reads

    private static <T> List<T> list(PreparedStatement ps, RowFn<T> fn) throws SQLException {
        List<T> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(fn.apply(rs));
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface RowFn<T> {
        T apply(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface StatementFn<T> {
        T apply(PreparedStatement ps) throws SQLException;
    }

    /**
     * Runs {@code fn} on the reader connection's cached statement for {@code sql} (prepared once per pooled
     * connection; a statement that failed is dropped and prepared again next time), or on a fresh one when the
     * connections come from a caller's data source.
     */
    private <T> T query(Connection c, String sql, StatementFn<T> fn) throws SQLException {
        StatementCache cache = readers.statements(c);
        if (cache == null) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                return fn.apply(ps);
            }
        }
        PreparedStatement ps = cache.get(sql);
        try {
            return fn.apply(ps);
        } catch (SQLException | RuntimeException e) {
            cache.evict(sql);
            throw e;
        }
    }

    private <T> Optional<T> one(String what, String sql, String key, RowFn<T> fn) {
        return read(what, c -> query(c, sql, ps -> {
            ps.setString(1, key);
            List<T> rows = list(ps, fn);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }));
    }

    @Override
    public Optional<OrderRecord> order(UUID id) {
        requireArg(id, "order");
        return cached(orderCache, id, () -> one("order", "SELECT * FROM orders WHERE id = ?", id.toString(),
                Rows::order));
    }

    /** A read through {@code cache}: a hit, or the database row, offered to the cache as {@link ReadCache} says. */
    private <K, V> Optional<V> cached(ReadCache<K, V> cache, K key, java.util.function.Supplier<Optional<V>> db) {
        if (!readCache) {
            return db.get();
        }
        Optional<V> hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        long generation = cache.generation();
        Optional<V> row = db.get();
        cache.offer(key, row, generation);
        return row;
    }

    private static String in(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static <E> Set<E> distinct(Collection<E> values, String what) {
        requireArg(values, what);
        Set<E> out = new LinkedHashSet<>();
        for (E v : values) {
            requireArg(v, what);
            out.add(v);
        }
        return out;
    }

    @Override
    public List<OrderRecord> ordersByStatus(Collection<OrderStatus> statuses) {
        Set<OrderStatus> wanted = distinct(statuses, "ordersByStatus");
        if (wanted.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT * FROM orders WHERE status IN (" + in(wanted.size()) + ") ORDER BY created_at, "
                + insertionOrder;
        return read("ordersByStatus", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (OrderStatus s : wanted) {
                    ps.setString(i++, s.wireName());
                }
                return list(ps, Rows::order);
            }
        });
    }

    @Override
    public List<OrderRecord> ordersByIdentity(String identityHex) {
        requireArg(identityHex, "ordersByIdentity");
        String sql = "SELECT * FROM orders WHERE master_buyer_pubkey = ? OR master_seller_pubkey = ?"
                + " ORDER BY created_at, " + insertionOrder;
        return read("ordersByIdentity", c -> query(c, sql, ps -> {
            ps.setString(1, identityHex);
            ps.setString(2, identityHex);
            return list(ps, Rows::order);
        }));
    }

    @Override
    public Optional<DisputeRecord> dispute(UUID disputeId) {
        requireArg(disputeId, "dispute");
        return one("dispute", "SELECT * FROM disputes WHERE id = ?", disputeId.toString(), Rows::dispute);
    }

    @Override
    public Optional<DisputeRecord> disputeOfOrder(UUID orderId) {
        requireArg(orderId, "disputeOfOrder");
        return one("disputeOfOrder", "SELECT * FROM disputes WHERE order_id = ?", orderId.toString(),
                Rows::dispute);
    }

    @Override
    public List<DisputeRecord> disputesByStatus(Collection<DisputeStatus> statuses) {
        Set<DisputeStatus> wanted = distinct(statuses, "disputesByStatus");
        if (wanted.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT * FROM disputes WHERE status IN (" + in(wanted.size()) + ") ORDER BY created_at, "
                + insertionOrder;
        return read("disputesByStatus", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (DisputeStatus s : wanted) {
                    ps.setString(i++, s.wireName());
                }
                return list(ps, Rows::dispute);
            }
        });
    }

    @Override
    public Optional<UserRecord> user(String identityHex) {
        requireArg(identityHex, "user");
        return cached(userCache, identityHex, () -> one("user", "SELECT * FROM users WHERE identity_pubkey = ?",
                identityHex, Rows::user));
    }

    @Override
    public Optional<SolverRecord> solver(String pubkeyHex) {
        requireArg(pubkeyHex, "solver");
        return one("solver", "SELECT * FROM solvers WHERE pubkey = ?", pubkeyHex, Rows::solver);
    }

    @Override
    public List<OutboxEntry> outboxDue(long now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return read("outboxDue", c -> query(c, OUTBOX_DUE, ps -> {
            ps.setLong(1, now);
            ps.setInt(2, limit);
            return list(ps, Rows::outbox);
        }));
    }

    @Override
    public long outboxSize() {
        return read("outboxSize", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public boolean processed(String eventId) {
        requireArg(eventId, "processed");
        return one("processed", "SELECT event_id FROM processed WHERE event_id = ?", eventId, rs -> Boolean.TRUE)
                .isPresent();
    }

    @Override
    public Optional<String> meta(String key) {
        requireArg(key, "meta");
        return one("meta", "SELECT value FROM meta WHERE key = ?", key, rs -> {
            String v = rs.getString(1);
            if (v == null) {
                throw new StoreException("corrupt meta row: value of " + key + " is NULL");
            }
            return v;
        });
    }

    // ---------------------------------------------------------------- commit

    @Override
    public boolean commit(List<Write> writes) {
        requireArg(writes, "commit");
        List<Write> ws = new ArrayList<>(writes.size());
        for (Write w : writes) {
            requireArg(w, "commit (write)");
            ws.add(w);
        }
        if (ws.isEmpty()) {
            return true;
        }
        if (writeLock == null) {
            try {
                return committed(ws, withWriter(c -> retrying(c, ws, true)), false);
            } catch (RuntimeException | Error e) {
                failed(ws);
                throw e;
            }
        }
        serialisedCommits.increment();
        if (!groupCommit) {
            try {
                return withWriter(c -> committed(ws, retrying(c, ws, true), true));
            } catch (RuntimeException | Error e) {
                failed(ws);
                throw e;
            }
        }
        return groupCommit(ws);
    }

    /**
     * Brings the read caches up to date with a commit's outcome and returns it. The records of a commit that applied
     * are cached when commits are {@code ordered} (serialised: this runs under the write lock, in commit order);
     * unordered commits (PostgreSQL, concurrent) only forget what they wrote, because a put that arrives late
     * could otherwise cache an older version after a newer one was evicted or forgotten. The keys of a commit that
     * did not apply are forgotten.
     */
    private boolean committed(List<Write> ws, boolean applied, boolean ordered) {
        if (!applied || !ordered) {
            failed(ws);
            return applied;
        }
        for (Write w : ws) {
            if (w instanceof Write.InsertOrder ins) {
                orderCache.put(ins.order().id(), ins.order());
            } else if (w instanceof Write.UpdateOrder up) {
                orderCache.put(up.order().id(), up.order());
            } else if (w instanceof Write.PutUser pu) {
                userCache.put(pu.user().identityPubkey(), pu.user());
            }
        }
        return true;
    }

    /**
     * Forgets the cached records a commit touched (a failed or refused one, or any unordered one), so the next read
     * goes to the database.
     */
    private void failed(List<Write> ws) {
        for (Write w : ws) {
            if (w instanceof Write.InsertOrder ins) {
                orderCache.invalidate(ins.order().id());
            } else if (w instanceof Write.UpdateOrder up) {
                orderCache.invalidate(up.order().id());
            } else if (w instanceof Write.PutUser pu) {
                userCache.invalidate(pu.user().identityPubkey());
            }
        }
    }

    /**
     * Turns the order and user read caches on (the default) or off (for benchmarks and tests); turning them off
     * empties them. The caches assume this store is the only writer of the database, as the node does (a row changed
     * behind its back is read again after the first commit that conflicts with it).
     */
    public void readCache(boolean enabled) {
        this.readCache = enabled;
        if (!enabled) {
            orderCache.clear();
            userCache.clear();
        }
    }

    /** Read-cache hits so far (orders and users). */
    public long readCacheHits() {
        return orderCache.hits() + userCache.hits();
    }

    /** Read-cache misses so far (orders and users). */
    public long readCacheMisses() {
        return orderCache.misses() + userCache.misses();
    }

    /** Today's commit loop: one transaction, run again on a retryable failure up to {@link #MAX_ATTEMPTS}. */
    private boolean retrying(Connection c, List<Write> ws, boolean interruptible) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction(c, ws);
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || !dialect.retryable(e) || !valid(c)) {
                    throw e;
                }
                backoff(attempt, interruptible);
            }
        }
    }

    /**
     * Sleeps before another attempt. {@code interruptible}: an interrupt ends the commit with a
     * {@link StoreException}; otherwise (a leader running other threads' commits, which its own interrupt must not
     * fail) the sleep runs to its end and the interrupt is kept for the caller.
     */
    private static void backoff(int attempt, boolean interruptible) {
        long nanos = TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(1, 5L << attempt));
        if (interruptible) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while retrying a commit", e);
            }
            return;
        }
        boolean interrupted = Thread.interrupted();
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean transaction(Connection c, List<Write> ws) throws SQLException {
        transactions.increment();
        StatementCache cache = writers.statements(c);
        c.setAutoCommit(false);
        try {
            for (Write w : ws) {
                if (!apply(c, cache, w)) {
                    c.rollback();
                    return false;
                }
            }
            c.commit();
            return true;
        } catch (SQLException | RuntimeException | Error e) {
            Migrations.rollbackQuietly(c); // before setAutoCommit(true), which would commit what was applied
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    // ---------------------------------------------------------------- group commit (serialised writers)

    /** One commit waiting for a leader. Its fields are written and read only under {@link #writeLock}. */
    private static final class Pending {
        final List<Write> writes;
        boolean done;
        boolean result;
        Throwable failure;

        Pending(List<Write> writes) {
            this.writes = writes;
        }

        void succeed(boolean r) {
            result = r;
            done = true;
        }

        void fail(Throwable t) {
            failure = t;
            done = true;
        }

        boolean outcome() {
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error err) {
                throw err;
            }
            if (failure != null) {
                throw new StoreException("database write failed: " + failure.getMessage(), failure);
            }
            return result;
        }
    }

    /**
     * Leader/follower group commit. The caller queues its writes and takes the write lock. If a leader before it
     * already ran them, it returns that result; otherwise it leads: it takes up to {@link #MAX_GROUP} queued commits
     * (oldest first, its own among them sooner or later) and runs them as one transaction with a savepoint per
     * member, so one fsync covers the group. A member whose check fails is rolled back to its savepoint and gets
     * false. Results are handed out only after the COMMIT returned. A member that throws, or a failed COMMIT, rolls
     * the group back and every member runs again alone exactly as without grouping, so failures stay its own.
     */
    private boolean groupCommit(List<Write> ws) {
        Pending me = new Pending(ws);
        queue.add(me);
        writeLock.lock(); // not interruptible: a queued commit may already be in a leader's group
        try {
            if (!me.done) {
                lead(me);
            }
        } finally {
            writeLock.unlock();
        }
        return me.outcome();
    }

    /**
     * Runs groups until {@code me} is done; every commit taken from the queue is done before this returns. An
     * interrupt never fails a queued commit (it may already be in a group, and the leader's interrupt is not its
     * members' business): the leader works with its interrupt flag cleared and sets it again at the end.
     */
    private void lead(Pending me) {
        boolean interrupted = Thread.interrupted();
        try {
            while (!me.done) {
                List<Pending> group = new ArrayList<>(Math.min(MAX_GROUP, queue.size() + 1));
                for (Pending p; group.size() < MAX_GROUP && (p = queue.poll()) != null; ) {
                    group.add(p);
                }
                try {
                    runGroup(group);
                } catch (Throwable t) {
                    for (Pending p : group) {
                        if (!p.done) {
                            failed(p.writes);
                            p.fail(t);
                        }
                    }
                }
                interrupted |= Thread.interrupted();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runGroup(List<Pending> group) {
        if (group.size() == 1) {
            runAlone(group.get(0));
            return;
        }
        boolean[] results;
        try {
            results = onWriter(c -> {
                for (int attempt = 1; ; attempt++) {
                    try {
                        return groupTransaction(c, group);
                    } catch (SQLException e) {
                        if (attempt >= MAX_ATTEMPTS || !dialect.retryable(e) || !valid(c)) {
                            throw e;
                        }
                        backoff(attempt, false);
                    }
                }
            });
        } catch (RuntimeException e) {
            groupFallbacks.increment();
            for (Pending p : group) {
                runAlone(p);
            }
            return;
        }
        groupsCommitted.increment();
        for (int i = 0; i < results.length; i++) {
            group.get(i).succeed(committed(group.get(i).writes, results[i], true));
        }
    }

    /** Runs one commit in its own transaction with the retry policy of an ungrouped commit. */
    private void runAlone(Pending p) {
        boolean interrupted = Thread.interrupted(); // an interrupt during the last one must not fail this one
        try {
            p.succeed(committed(p.writes, onWriter(c -> retrying(c, p.writes, false)), true));
        } catch (RuntimeException | Error e) {
            failed(p.writes);
            p.fail(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean[] groupTransaction(Connection c, List<Pending> group) throws SQLException {
        transactions.increment();
        StatementCache cache = writers.statements(c);
        boolean[] results = new boolean[group.size()];
        c.setAutoCommit(false);
        try {
            for (int i = 0; i < results.length; i++) {
                Savepoint sp = c.setSavepoint();
                boolean ok = true;
                for (Write w : group.get(i).writes) {
                    if (!apply(c, cache, w)) {
                        ok = false;
                        break;
                    }
                }
                if (!ok) {
                    c.rollback(sp);
                }
                c.releaseSavepoint(sp);
                results[i] = ok;
            }
            c.commit();
            return results;
        } catch (SQLException | RuntimeException | Error e) {
            Migrations.rollbackQuietly(c); // before setAutoCommit(true), which would commit what was applied
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Turns group commit of a serialised-writer store on (the default) or off (for benchmarks and tests). */
    public void groupCommit(boolean enabled) {
        this.groupCommit = enabled;
    }

    /** Commits that went through the serialised writer (for tests and benchmarks). */
    public long serialisedCommits() {
        return serialisedCommits.sum();
    }

    /** Database write transactions begun, counting every attempt and group (for tests and benchmarks). */
    public long transactions() {
        return transactions.sum();
    }

    /** Groups of two or more commits that committed as one transaction (for tests and benchmarks). */
    public long groupsCommitted() {
        return groupsCommitted.sum();
    }

    /** Groups rolled back and run again member by member after a failure (for tests). */
    public long groupFallbacks() {
        return groupFallbacks.sum();
    }

    /** Commits queued for a leader (for tests). */
    public int queuedCommits() {
        return queue == null ? 0 : queue.size();
    }

    /** Whether a thread holds the write lock (for tests). */
    public boolean writerBusy() {
        return writeLock != null && writeLock.isLocked();
    }

    /** Prepared statements the writer connections keep open (for tests). */
    public int cachedWriterStatements() {
        return writers.cachedStatements();
    }

    private static int update(Connection c, StatementCache cache, String sql, Binder binder) throws SQLException {
        if (cache == null) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                return ps.executeUpdate();
            }
        }
        PreparedStatement ps = cache.get(sql);
        try {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            cache.evict(sql);
            throw e;
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private boolean apply(Connection c, StatementCache cache, Write w) throws SQLException {
        if (w instanceof Write.InsertOrder ins) {
            return update(c, cache, ORDER_INSERT, ps -> Rows.bind(ps, 1, Rows.ORDER, ins.order())) == 1;
        } else if (w instanceof Write.UpdateOrder up) {
            OrderRecord o = up.order();
            return update(c, cache, ORDER_UPDATE, ps -> {
                int i = Rows.bind(ps, 1, Rows.ORDER.subList(1, Rows.ORDER.size()), o);
                ps.setString(i++, o.id().toString());
                ps.setLong(i, o.version() - 1);
            }) == 1;
        } else if (w instanceof Write.InsertDispute ins) {
            DisputeRecord d = ins.dispute();
            return update(c, cache, DISPUTE_INSERT, ps -> {
                int i = Rows.bind(ps, 1, Rows.DISPUTE, d);
                ps.setString(i, d.orderId().toString());
            }) == 1;
        } else if (w instanceof Write.UpdateDispute up) {
            DisputeRecord d = up.dispute();
            return update(c, cache, DISPUTE_UPDATE, ps -> {
                int i = Rows.bind(ps, 1, Rows.DISPUTE.subList(2, Rows.DISPUTE.size()), d);
                ps.setString(i++, d.id().toString());
                ps.setString(i++, d.orderId().toString());
                ps.setLong(i, d.version() - 1);
            }) == 1;
        } else if (w instanceof Write.PutUser pu) {
            update(c, cache, USER_PUT, ps -> Rows.bind(ps, 1, Rows.USER, pu.user()));
            return true;
        } else if (w instanceof Write.PutSolver ps0) {
            SolverRecord s = ps0.solver();
            update(c, cache, SOLVER_PUT, ps -> {
                        ps.setString(1, s.pubkey());
                        ps.setBoolean(2, s.canWrite());
                        ps.setLong(3, s.createdAt());
                    });
            return true;
        } else if (w instanceof Write.Enqueue en) {
            OutboxEntry e = en.entry();
            update(c, cache, OUTBOX_INSERT, ps -> {
                ps.setString(1, e.eventJson());
                ps.setString(2, e.purpose());
                ps.setInt(3, e.attempts());
                ps.setLong(4, e.notBefore());
            });
            return true;
        } else if (w instanceof Write.Dequeue dq) {
            update(c, cache, OUTBOX_DELETE, ps -> ps.setLong(1, dq.seq()));
            return true;
        } else if (w instanceof Write.Reschedule rs) {
            update(c, cache, OUTBOX_RESCHEDULE, ps -> {
                ps.setInt(1, rs.attempts());
                ps.setLong(2, rs.notBefore());
                ps.setLong(3, rs.seq());
            });
            return true;
        } else if (w instanceof Write.MarkProcessed mp) {
            return update(c, cache, PROCESSED_INSERT, ps -> {
                ps.setString(1, mp.eventId());
                ps.setLong(2, mp.at());
            }) == 1;
        } else if (w instanceof Write.PruneProcessed pp) {
            update(c, cache, PROCESSED_PRUNE, ps -> ps.setLong(1, pp.before()));
            return true;
        } else if (w instanceof Write.PutMeta pm) {
            update(c, cache, META_PUT, ps -> {
                        ps.setString(1, pm.key());
                        ps.setString(2, pm.value());
                    });
            return true;
        }
        throw new IllegalStateException("unknown write " + w);
    }

    @Override
    public void close() {
        readers.close();
        if (writers != readers) {
            writers.close();
        }
    }
}

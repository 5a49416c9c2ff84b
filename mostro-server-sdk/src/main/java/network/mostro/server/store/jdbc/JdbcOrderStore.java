package network.mostro.server.store.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
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
import network.mostro.server.store.jdbc.internal.ConnectionSource;
import network.mostro.server.store.jdbc.internal.Dialect;
import network.mostro.server.store.jdbc.internal.JdbcStore;
import network.mostro.server.store.jdbc.internal.Migrations;

/**
 * An {@link OrderStore} in a relational database: SQLite (one file, the embedded default) or PostgreSQL.
 *
 * <p>Opening a store migrates its schema to the version this code knows ({@link #schemaVersion()}) with the
 * versioned scripts under {@code network/mostro/server/store/jdbc/<dialect>/}, and refuses, with a
 * {@link StoreException}, a database whose schema is newer. Every {@link #commit commit} is atomic (SQLite runs
 * concurrent commits as one transaction with a savepoint each, so one fsync covers them, and answers each only after
 * that transaction committed; see {@code docs/storage.md}, "Group commit"); order and dispute updates are compare-and-swap on the stored version ({@code UPDATE … WHERE id = ?
 * AND version = ?}, checked by update count), so of many concurrent updates from one version exactly one wins.
 * <pre>{@code
 * try (OrderStore store = JdbcOrderStore.sqlite(Path.of("mostro.db"))) {
 *     store.commit(List.of(new Write.InsertOrder(order)));
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe; share one instance per database. SQLite: commits are serialised by an in-process
 * lock on one write connection, reads run in parallel on up to {@value #SQLITE_READERS} read connections (WAL mode,
 * so reads never wait for a commit). PostgreSQL: up to {@value #POSTGRES_CONNECTIONS} pooled connections (or the
 * caller's {@link DataSource}) shared by reads and commits, which run concurrently and are serialised per row by
 * the database. Close the store to release its connections.
 */
public final class JdbcOrderStore implements OrderStore {

    /** Read connections of a SQLite store. */
    public static final int SQLITE_READERS = 4;

    /** Connections a PostgreSQL store opens at most. */
    public static final int POSTGRES_CONNECTIONS = 8;

    /** SQLite busy timeout in milliseconds: how long a commit waits for another process holding the file. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private final JdbcStore store;
    private final String description;

    private JdbcOrderStore(JdbcStore store, String description) {
        this.store = store;
        this.description = description;
    }

    /** The schema version this code writes (the highest migration it knows). */
    public static int schemaVersion() {
        return Migrations.LATEST;
    }

    /**
     * Opens (creating it and its parent folders if needed) a SQLite database file: WAL journal, synchronous FULL
     * (a commit that returned survives a crash or power loss), a 10 s busy timeout, foreign keys on, transactions
     * begun IMMEDIATE.
     *
     * @throws InvalidInputException if {@code file} is null
     * @throws StoreException if the file cannot be opened or migrated, or its schema is newer than this code
     */
    public static JdbcOrderStore sqlite(Path file) {
        if (file == null) {
            throw new InvalidInputException("sqlite: null file");
        }
        Path abs = file.toAbsolutePath();
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of " + abs + ": " + e.getMessage(), e);
        }
        String url = "jdbc:sqlite:" + abs;
        org.sqlite.JDBC driver = new org.sqlite.JDBC();
        ConnectionSource.Opener opener = () -> {
            Properties p = new Properties();
            p.setProperty("journal_mode", "WAL");
            p.setProperty("synchronous", "FULL");
            p.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
            p.setProperty("foreign_keys", "true");
            p.setProperty("transaction_mode", "IMMEDIATE");
            // Statement journals (one per savepoint of a group commit) in memory, not a temporary file opened,
            // written and unlinked per statement.
            p.setProperty("temp_store", "MEMORY");
            // No "SELECT last_insert_rowid()" after every insert: nothing here reads generated keys.
            p.setProperty("jdbc.get_generated_keys", "false");
            Connection c = driver.connect(url, p);
            if (c == null) {
                throw new SQLException("sqlite driver refused " + url);
            }
            return c;
        };
        ConnectionSource writer = ConnectionSource.pool(opener, 1);
        ConnectionSource readers = ConnectionSource.pool(opener, SQLITE_READERS);
        return new JdbcOrderStore(new JdbcStore(Dialect.SQLITE, readers, writer, true), "sqlite:" + abs);
    }

    /**
     * Opens a PostgreSQL database ({@code jdbc:postgresql://host:port/db}) with a small pool of its own.
     *
     * @throws InvalidInputException if {@code jdbcUrl} is null or not a {@code jdbc:postgresql:} URL
     * @throws StoreException if the database is unreachable or cannot be migrated, or its schema is newer than this
     *     code
     */
    public static JdbcOrderStore postgres(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new InvalidInputException("postgres: not a jdbc:postgresql: URL");
        }
        org.postgresql.Driver driver = new org.postgresql.Driver();
        ConnectionSource.Opener opener = () -> {
            Properties p = new Properties();
            if (user != null) {
                p.setProperty("user", user);
            }
            if (password != null) {
                p.setProperty("password", password);
            }
            p.setProperty("ApplicationName", "mostro-node");
            p.setProperty("tcpKeepAlive", "true");
            Connection c = driver.connect(jdbcUrl, p);
            if (c == null) {
                throw new SQLException("postgres driver refused the URL");
            }
            return c;
        };
        ConnectionSource pool = ConnectionSource.pool(opener, POSTGRES_CONNECTIONS);
        return new JdbcOrderStore(new JdbcStore(Dialect.POSTGRES, pool, pool, false), stripQuery(jdbcUrl));
    }

    /**
     * Opens a PostgreSQL database through the caller's data source (usually a connection pool), which then decides
     * how many commits run at once. Connections are borrowed per read or commit and closed (returned) after.
     *
     * @throws InvalidInputException if {@code dataSource} is null
     * @throws StoreException if the database is unreachable or cannot be migrated, or its schema is newer than this
     *     code
     */
    public static JdbcOrderStore postgres(DataSource dataSource) {
        if (dataSource == null) {
            throw new InvalidInputException("postgres: null data source");
        }
        ConnectionSource source = ConnectionSource.of(dataSource);
        return new JdbcOrderStore(new JdbcStore(Dialect.POSTGRES, source, source, false), "postgres:data-source");
    }

    private static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    @Override
    public Optional<OrderRecord> order(UUID id) {
        return store.order(id);
    }

    @Override
    public List<OrderRecord> ordersByStatus(Collection<OrderStatus> statuses) {
        return store.ordersByStatus(statuses);
    }

    @Override
    public List<OrderRecord> ordersByIdentity(String identityHex) {
        return store.ordersByIdentity(identityHex);
    }

    @Override
    public Optional<DisputeRecord> dispute(UUID disputeId) {
        return store.dispute(disputeId);
    }

    @Override
    public Optional<DisputeRecord> disputeOfOrder(UUID orderId) {
        return store.disputeOfOrder(orderId);
    }

    @Override
    public List<DisputeRecord> disputesByStatus(Collection<DisputeStatus> statuses) {
        return store.disputesByStatus(statuses);
    }

    @Override
    public Optional<UserRecord> user(String identityHex) {
        return store.user(identityHex);
    }

    @Override
    public Optional<SolverRecord> solver(String pubkeyHex) {
        return store.solver(pubkeyHex);
    }

    @Override
    public List<OutboxEntry> outboxDue(long now, int limit) {
        return store.outboxDue(now, limit);
    }

    @Override
    public long outboxSize() {
        return store.outboxSize();
    }

    @Override
    public boolean processed(String eventId) {
        return store.processed(eventId);
    }

    @Override
    public Optional<String> meta(String key) {
        return store.meta(key);
    }

    @Override
    public boolean commit(List<Write> writes) {
        return store.commit(writes);
    }

    @Override
    public void close() {
        store.close();
    }

    /** The engine behind this store (for tests of its internals). */
    JdbcStore engine() {
        return store;
    }

    /** The database this store uses (no credentials). */
    @Override
    public String toString() {
        return "JdbcOrderStore[" + description + "]";
    }
}

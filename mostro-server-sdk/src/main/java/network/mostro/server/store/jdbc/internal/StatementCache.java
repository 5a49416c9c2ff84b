package network.mostro.server.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The prepared statements of one pooled connection, by SQL text, so the fixed write statements are prepared once per
 * connection instead of once per write. Closed by its {@link ConnectionSource} before the connection is discarded.
 * Not thread-safe: used only by the thread that holds the connection (the pool hands it over with a
 * happens-before edge).
 */
final class StatementCache {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** The statement for {@code sql}, prepared on first use; bind every parameter before executing it. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Closes and forgets the statement for {@code sql} (after it failed, so the next use prepares a fresh one). */
    void evict(String sql) {
        PreparedStatement ps = statements.remove(sql);
        if (ps != null) {
            closeQuietly(ps);
        }
    }

    /** How many statements are open. */
    int size() {
        return statements.size();
    }

    /** Closes every statement. */
    void close() {
        List<PreparedStatement> all = new ArrayList<>(statements.values());
        statements.clear();
        all.forEach(StatementCache::closeQuietly);
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException | RuntimeException ignored) {
            // a statement of a connection we are discarding or a statement that already failed
        }
    }
}

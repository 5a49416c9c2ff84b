package network.mostro.server.store.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import network.mostro.server.store.StoreException;

/**
 * Versioned schema migrations: {@code V<n>__<name>.sql} scripts per dialect, applied in order, each in its own
 * transaction together with its row in {@code schema_version}. A database whose schema is newer than the code is
 * refused. Stateless and thread-safe; concurrent openers of one database are serialised by the database (SQLite's
 * write lock, a PostgreSQL advisory lock).
 */
public final class Migrations {

    /** The scripts, oldest first; script {@code i} brings the schema to version {@code i + 1}. */
    static final List<String> SCRIPTS = List.of("V1__init.sql");

    /** The schema version this code writes. */
    public static final int LATEST = SCRIPTS.size();

    private static final String RESOURCE_ROOT = "/network/mostro/server/store/jdbc/";
    private static final long PG_LOCK_KEY = 0x4d6f7374726f0001L; // "Mostro" + 1

    private Migrations() {}

    /** The text of a dialect's script (for tests and tools). */
    public static String script(Dialect dialect, String name) {
        String path = RESOURCE_ROOT + dialect.resourceDir() + "/" + name;
        try (InputStream in = Migrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new StoreException("migration script missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration script " + path, e);
        }
    }

    /**
     * Brings the database to {@link #LATEST}.
     *
     * @return the schema version found before migrating (0 for an empty database)
     * @throws StoreException if the schema is newer than the code knows, or a script fails
     */
    public static int migrate(Connection c, Dialect dialect) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            int found = -1;
            for (int v = current(c, dialect); v < LATEST; v = current(c, dialect)) {
                if (found < 0) {
                    found = v;
                }
                apply(c, dialect, v + 1);
            }
            int now = current(c, dialect);
            c.commit();
            if (now > LATEST) {
                throw new StoreException("the database has schema version " + now + ", newer than the "
                        + LATEST + " this version of the Mostro SDK knows; upgrade the SDK (never downgrade a node "
                        + "over a newer database)");
            }
            return found < 0 ? now : found;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Reads the schema version, creating the version table if needed; leaves a transaction open. */
    private static int current(Connection c, Dialect dialect) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (dialect == Dialect.POSTGRES) {
                st.execute("SELECT pg_advisory_xact_lock(" + PG_LOCK_KEY + ")");
            }
            // (SQLite connections begin transactions IMMEDIATE, so the write lock is already held here.)
            st.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                    + " description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void apply(Connection c, Dialect dialect, int version) throws SQLException {
        String name = SCRIPTS.get(version - 1);
        String sql = script(dialect, name);
        try (Statement st = c.createStatement()) {
            for (String statement : statements(sql)) {
                st.execute(statement);
            }
        } catch (SQLException e) {
            throw new StoreException("migration " + dialect.resourceDir() + "/" + name + " failed: "
                    + e.getMessage(), e);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            ps.setInt(1, version);
            ps.setString(2, name);
            ps.setLong(3, System.currentTimeMillis() / 1000);
            ps.executeUpdate();
        }
        c.commit();
    }

    /** Splits a script into statements: {@code --} comments dropped, split at {@code ;} ending a line. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = cur.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the original failure is what the caller needs to see
        }
    }
}

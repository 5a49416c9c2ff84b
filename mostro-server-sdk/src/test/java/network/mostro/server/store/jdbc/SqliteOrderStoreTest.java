package network.mostro.server.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import network.mostro.server.store.OrderStore;
import network.mostro.server.store.StoreException;
import network.mostro.server.store.Write;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the store contract against {@link JdbcOrderStore#sqlite} on a real SQLite file. */
class SqliteOrderStoreTest extends JdbcOrderStoreContract {

    @TempDir
    Path dir;

    private Path file;
    private int counter;

    @Override
    protected OrderStore newStore() {
        file = dir.resolve("sub/dir/mostro-" + (counter++) + ".db");
        return JdbcOrderStore.sqlite(file);
    }

    @Override
    protected OrderStore reopen() {
        return JdbcOrderStore.sqlite(file);
    }

    @Override
    protected Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    @Override
    protected List<String> indexedColumns() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = raw(); Statement st = c.createStatement()) {
            // Every column that leads an index (including the implicit ones of PRIMARY KEY and UNIQUE).
            try (ResultSet rs = st.executeQuery("SELECT m.name, ii.name FROM sqlite_master m,"
                    + " pragma_index_list(m.name) il, pragma_index_info(il.name) ii"
                    + " WHERE m.type = 'table' AND ii.seqno = 0")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
            // INTEGER PRIMARY KEY is the rowid itself.
            try (ResultSet rs = st.executeQuery("SELECT m.name, p.name FROM sqlite_master m,"
                    + " pragma_table_info(m.name) p WHERE m.type = 'table' AND p.pk = 1 AND p.type = 'INTEGER'")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
        }
        return out;
    }

    @Test
    void connectionsUseWalForeignKeysBusyTimeoutAndFullSync() throws Exception {
        assertThat(store.commit(List.of(new Write.PutMeta("k", "v")))).isTrue();
        try (Connection c = raw(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal"); // persistent in the file
            }
        }
        // Per-connection settings, read through the store's own pooled connection.
        var engine = JdbcOrderStore.class.getDeclaredField("store");
        engine.setAccessible(true);
        Object jdbcStore = engine.get(store);
        var writers = jdbcStore.getClass().getDeclaredField("writers");
        writers.setAccessible(true);
        Object source = writers.get(jdbcStore);
        var acquire = source.getClass().getSuperclass().getDeclaredMethod("acquire");
        acquire.setAccessible(true);
        var release = source.getClass().getSuperclass().getDeclaredMethod("release", Connection.class,
                boolean.class);
        release.setAccessible(true);
        Connection c = (Connection) acquire.invoke(source);
        try (Statement st = c.createStatement()) {
            assertThat(pragma(st, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(st, "busy_timeout")).isEqualTo(Integer.toString(JdbcOrderStore.SQLITE_BUSY_TIMEOUT_MS));
            assertThat(pragma(st, "synchronous")).isEqualTo("2"); // FULL
        } finally {
            release.invoke(source, c, false);
        }
    }

    private static String pragma(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsAStoreException() throws IOException {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "this is not an SQLite database, just text long enough to fill a header......");
        assertThatThrownBy(() -> JdbcOrderStore.sqlite(junk)).isInstanceOf(StoreException.class);
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        assertThatThrownBy(() -> JdbcOrderStore.sqlite(folder)).isInstanceOf(StoreException.class);
    }

    @Test
    void twoStoresOnOneFileSeeEachOthersCommits() {
        try (OrderStore second = reopen()) {
            assertThat(second.commit(List.of(new Write.PutMeta("from", "second")))).isTrue();
            assertThat(store.meta("from")).contains("second");
            assertThat(store.commit(List.of(new Write.PutMeta("from", "first")))).isTrue();
            assertThat(second.meta("from")).contains("first");
        }
    }
}

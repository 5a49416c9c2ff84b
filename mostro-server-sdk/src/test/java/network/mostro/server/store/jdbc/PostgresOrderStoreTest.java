package network.mostro.server.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.mostro.server.store.OrderRecord;
import network.mostro.server.store.OrderStore;
import network.mostro.server.store.StoreException;
import network.mostro.server.store.StoreFixtures;
import network.mostro.server.store.Write;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs the store contract against {@link JdbcOrderStore#postgres} on a throwaway PostgreSQL cluster (one per
 * class, one fresh database per test). Without PostgreSQL binaries the class is skipped loudly; with {@code CI=true}
 * it fails instead.
 */
class PostgresOrderStoreTest extends JdbcOrderStoreContract {

    private static PostgresCluster cluster;
    private static int counter;
    private String db;

    @BeforeAll
    static void startCluster() throws Exception {
        Optional<Path> bin = PostgresCluster.findBinaries();
        if (bin.isEmpty()) {
            String msg = "\n************************************************************************\n"
                    + "* PostgreSQL binaries (initdb, pg_ctl) NOT FOUND: the PostgreSQL store  *\n"
                    + "* tests are SKIPPED. Install them: apt-get install -y postgresql         *\n"
                    + "* (or set PG_BIN to the folder holding initdb and pg_ctl).               *\n"
                    + "************************************************************************";
            System.err.println(msg);
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true and no PostgreSQL binaries: " + msg);
            }
            Assumptions.abort(msg);
        }
        cluster = PostgresCluster.start(bin.get());
        System.out.println("PostgreSQL test cluster from " + bin.get() + " on port " + cluster.port()
                + " ready in " + cluster.startMillis() + " ms");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @Override
    protected OrderStore newStore() {
        db = "store_test_" + (counter++);
        try {
            cluster.createDatabase(db);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return JdbcOrderStore.postgres(cluster.url(db), PostgresCluster.USER, "unused");
    }

    @Override
    protected OrderStore reopen() {
        return JdbcOrderStore.postgres(cluster.url(db), PostgresCluster.USER, "unused");
    }

    @Override
    protected Connection raw() throws SQLException {
        return cluster.connect(db);
    }

    @Override
    protected List<String> indexedColumns() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = raw(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT t.relname, a.attname FROM pg_index i"
                        + " JOIN pg_class t ON t.oid = i.indrelid"
                        + " JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'"
                        + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "." + rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void aCallersDataSourceWorksToo() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(cluster.url(db));
        ds.setUser(PostgresCluster.USER);
        ds.setPassword("unused");
        store.close();
        store = JdbcOrderStore.postgres(ds);
        // (A connection per call: a small workload keeps this quick.)
        OrderRecord o = StoreFixtures.pending();
        assertThat(store.commit(List.of(new Write.InsertOrder(o), new Write.PutMeta("via", "data-source"))))
                .isTrue();
        assertThat(store.commit(List.of(new Write.UpdateOrder(o.nextVersion().nextVersion())))).isFalse();
        assertThat(store.commit(List.of(new Write.UpdateOrder(o.nextVersion())))).isTrue();
        assertThat(store.order(o.id())).contains(o.nextVersion());
        try (OrderStore own = reopen()) {
            assertThat(own.meta("via")).contains("data-source");
        }
    }

    @Test
    void anUnreachableDatabaseIsAStoreExceptionWithoutThePassword() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> JdbcOrderStore.postgres("jdbc:postgresql://127.0.0.1:" + closedPort + "/x?connectTimeout=2",
                "u", "s3cret-password"))
                .isInstanceOf(StoreException.class)
                .hasMessageNotContaining("s3cret-password");
        assertThatThrownBy(() -> JdbcOrderStore.postgres(cluster.url("no_such_database"), PostgresCluster.USER, "x"))
                .isInstanceOf(StoreException.class);
    }

    /**
     * PostgreSQL commits run concurrently, so the read cache may not cache what they wrote (a late put could bring
     * back an older version): after each commit the next read of the order or user goes to the database.
     */
    @Test
    void concurrentCommitsForgetWhatTheyWroteInsteadOfCachingIt() throws Exception {
        java.lang.reflect.Field f = JdbcOrderStore.class.getDeclaredField("store");
        f.setAccessible(true);
        network.mostro.server.store.jdbc.internal.JdbcStore engine =
                (network.mostro.server.store.jdbc.internal.JdbcStore) f.get(store);
        OrderRecord o = StoreFixtures.pending();
        network.mostro.server.store.UserRecord u = network.mostro.server.store.UserRecord.first("cd", 1);
        assertThat(store.commit(List.of(new Write.InsertOrder(o), new Write.PutUser(u)))).isTrue();
        long misses = engine.readCacheMisses();
        assertThat(store.order(o.id())).contains(o);
        assertThat(store.user("cd")).contains(u);
        assertThat(engine.readCacheMisses()).isEqualTo(misses + 2);
        long hits = engine.readCacheHits();
        assertThat(store.order(o.id())).contains(o); // read from the database, then cached
        assertThat(engine.readCacheHits()).isEqualTo(hits + 1);
        OrderRecord next = o.nextVersion();
        assertThat(store.commit(List.of(new Write.UpdateOrder(next)))).isTrue();
        assertThat(store.order(o.id())).contains(next);
        assertThat(engine.readCacheMisses()).isEqualTo(misses + 3);
    }

    @Test
    void storesOnOneDatabaseShareState() {
        try (OrderStore second = reopen()) {
            assertThat(second.commit(List.of(new Write.PutMeta("from", "second")))).isTrue();
            assertThat(store.meta("from")).contains("second");
        }
    }
}

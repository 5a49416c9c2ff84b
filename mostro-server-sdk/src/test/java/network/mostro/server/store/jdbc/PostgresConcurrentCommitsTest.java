package network.mostro.server.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The concurrent commit mix of {@link ConcurrentCommitsContract} on a throwaway PostgreSQL cluster, where commits
 * run concurrently on pooled connections (no in-process grouping; the server groups WAL flushes itself). Skipped
 * without PostgreSQL binaries, failed with {@code CI=true}.
 */
class PostgresConcurrentCommitsTest extends ConcurrentCommitsContract {

    private static PostgresCluster cluster;
    private static int counter;
    private String db;

    @BeforeAll
    static void startCluster() throws Exception {
        Optional<Path> bin = PostgresCluster.findBinaries();
        if (bin.isEmpty()) {
            String msg = "PostgreSQL binaries (initdb, pg_ctl) NOT FOUND: concurrent PostgreSQL commits SKIPPED";
            System.err.println(msg);
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true and " + msg);
            }
            Assumptions.abort(msg);
        }
        cluster = PostgresCluster.start(bin.get());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @Override
    protected JdbcOrderStore open() {
        db = "concurrent_" + (counter++);
        try {
            cluster.createDatabase(db);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return reopen();
    }

    @Override
    protected JdbcOrderStore reopen() {
        return JdbcOrderStore.postgres(cluster.url(db), PostgresCluster.USER, "unused");
    }

    @Override
    protected void refuseMetaKey() throws SQLException {
        try (Connection c = cluster.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.key = '" + REFUSED_KEY + "' THEN RAISE EXCEPTION 'refused by trigger'; END IF;"
                    + " RETURN NEW; END $$");
            st.execute("CREATE TRIGGER refuse BEFORE INSERT ON meta FOR EACH ROW EXECUTE FUNCTION refuse()");
        }
    }
}

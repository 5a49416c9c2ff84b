package network.mostro.server.store.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import network.mostro.server.store.OrderStore;

/**
 * Fresh PostgreSQL databases for the node tests in {@code network.mostro.server}: one throwaway cluster per JVM
 * (stopped by its shutdown hook), one new database per call. Empty when PostgreSQL binaries are missing.
 */
public final class NodeTestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static PostgresCluster cluster;
    private static boolean tried;

    private NodeTestDatabases() {}

    /** A store on a new, empty PostgreSQL database, or empty without PostgreSQL binaries. */
    public static synchronized Optional<OrderStore> postgres() {
        if (!tried) {
            tried = true;
            Optional<Path> bin = PostgresCluster.findBinaries();
            if (bin.isPresent()) {
                try {
                    cluster = PostgresCluster.start(bin.get());
                } catch (Exception e) {
                    throw new IllegalStateException("could not start the test PostgreSQL cluster", e);
                }
            }
        }
        if (cluster == null) {
            return Optional.empty();
        }
        String db = "node_test_" + COUNTER.incrementAndGet();
        try {
            cluster.createDatabase(db);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Optional.of(JdbcOrderStore.postgres(cluster.url(db), PostgresCluster.USER, "unused"));
    }
}

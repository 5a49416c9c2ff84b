package network.mostro.benchmarks;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.state.BondPolicy;
import network.mostro.protocol.state.TradeContext;
import network.mostro.server.store.OrderRecord;
import network.mostro.server.store.OutboxEntry;
import network.mostro.server.store.Write;
import network.mostro.server.store.jdbc.JdbcOrderStore;
import network.mostro.server.store.jdbc.internal.JdbcStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Commits per second of the SQLite order store with 4 committing threads, as a node's handlers commit: each commit
 * inserts an order, marks the request event processed and enqueues a ~1 KB signed reply. {@code grouped} = true is
 * the store as shipped (concurrent commits share one transaction and one fsync); false turns grouping off through
 * the store's internal toggle, so every commit is its own transaction, as before group commit. The database is a
 * file in /tmp (a disk, not /dev/shm), WAL, synchronous=FULL.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(1)
@Threads(4)
@State(Scope.Benchmark)
public class StoreCommitBenchmark {

    @Param({"true", "false"})
    public boolean grouped;

    private Path dir;
    private JdbcOrderStore store;
    private JdbcStore engine;
    private String reply;
    private long commits0;
    private long transactions0;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "mostro-store-bench-");
        store = JdbcOrderStore.sqlite(dir.resolve("mostro.db"));
        Field f = JdbcOrderStore.class.getDeclaredField("store");
        f.setAccessible(true);
        engine = (JdbcStore) f.get(store);
        engine.groupCommit(grouped);
        StringBuilder sb = new StringBuilder("{\"id\":\"").append("ab".repeat(32)).append("\",\"pubkey\":\"")
                .append("cd".repeat(32)).append("\",\"created_at\":1700000000,\"kind\":1059,\"tags\":[[\"p\",\"")
                .append("ef".repeat(32)).append("\"]],\"content\":\"");
        while (sb.length() < 900) {
            sb.append("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo");
        }
        reply = sb.append("\",\"sig\":\"").append("01".repeat(64)).append("\"}").toString();
        commits0 = engine.serialisedCommits();
        transactions0 = engine.transactions();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        long commits = engine.serialisedCommits() - commits0;
        long tx = engine.transactions() - transactions0;
        System.out.printf("%ngrouped=%s: %d commits in %d transactions (%.1f commits per transaction)%n", grouped,
                commits, tx, tx == 0 ? 0.0 : (double) commits / tx);
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public boolean commit() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long now = 1_700_000_000L + r.nextInt(1_000_000);
        OrderRecord order = OrderRecord.builder()
                .id(new UUID(r.nextLong(), r.nextLong()))
                .kind(OrderKind.SELL)
                .status(OrderStatus.PENDING)
                .context(TradeContext.initial(BondPolicy.NONE))
                .creatorPubkey(HexFormat.of().formatHex(randomBytes(r, 32)))
                .fiatCode("USD")
                .fiatAmount(100)
                .paymentMethod("SEPA")
                .amount(10_000)
                .createdAt(now)
                .expiresAt(now + 86_400)
                .build();
        String eventId = HexFormat.of().formatHex(randomBytes(r, 32));
        return store.commit(List.of(new Write.InsertOrder(order), new Write.MarkProcessed(eventId, now),
                new Write.Enqueue(OutboxEntry.of(reply, "reply", 0))));
    }

    private static byte[] randomBytes(ThreadLocalRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}

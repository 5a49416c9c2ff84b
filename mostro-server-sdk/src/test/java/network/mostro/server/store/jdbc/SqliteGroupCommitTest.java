package network.mostro.server.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import network.mostro.server.store.OrderRecord;
import network.mostro.server.store.OutboxEntry;
import network.mostro.server.store.StoreException;
import network.mostro.server.store.StoreFixtures;
import network.mostro.server.store.Write;
import network.mostro.server.store.jdbc.internal.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit of the SQLite store on real files: the concurrent mix of {@link ConcurrentCommitsContract} (and that
 * it really was grouped), plus groups made deterministic by holding the file's write lock from a second connection
 * while a leader and then its followers queue up behind it.
 */
class SqliteGroupCommitTest extends ConcurrentCommitsContract {

    @TempDir
    Path dir;

    private Path file;
    private int counter;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Override
    protected JdbcOrderStore open() {
        file = dir.resolve("group-" + (counter++) + ".db");
        return JdbcOrderStore.sqlite(file);
    }

    @Override
    protected JdbcOrderStore reopen() {
        return JdbcOrderStore.sqlite(file);
    }

    private Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    @Override
    protected void refuseMetaKey() throws SQLException {
        try (Connection c = raw(); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TRIGGER refuse BEFORE INSERT ON meta WHEN NEW.key = '" + REFUSED_KEY + "'"
                    + " BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END");
        }
    }

    @Override
    protected void checkEngine(long commits, long transactions, long groups) {
        // 8 threads started together on a file that fsyncs every COMMIT: commits overlap, so groups form.
        assertThat(commits).isEqualTo(THREADS * COMMITS_PER_THREAD);
        assertThat(groups).isPositive();
        assertThat(transactions).isLessThan(commits);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(2);
        }
    }

    /**
     * Holds the file's write lock from another connection, starts {@code leader} (which takes the store's write lock
     * and blocks in SQLite), queues {@code followers} behind it in list order, runs {@code whileQueued}, then lets go.
     * The followers are all queued before the leader finishes, so the next leader takes all of them as one group,
     * in list order.
     */
    private <T> List<Future<T>> blockedThenReleased(Callable<T> leader, List<Callable<T>> followers,
            Runnable whileQueued) throws Exception {
        JdbcStore engine = store.engine();
        List<Future<T>> out = new ArrayList<>();
        try (Connection holder = raw(); Statement st = holder.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            out.add(pool.submit(leader));
            await(() -> engine.writerBusy() && engine.queuedCommits() == 0, "the leader holds the write lock");
            for (int i = 0; i < followers.size(); i++) {
                out.add(pool.submit(followers.get(i)));
                int queued = i + 1; // one at a time, so the queue (and so the group) is in list order
                await(() -> engine.queuedCommits() == queued, queued + " followers are queued");
            }
            whileQueued.run();
            st.execute("COMMIT");
        }
        return out;
    }

    private static List<Write> marked(String tag, Write... first) {
        List<Write> ws = new ArrayList<>(List.of(first));
        ws.add(new Write.MarkProcessed(tag, 1));
        ws.add(new Write.Enqueue(OutboxEntry.of(json(tag), "reply", 0)));
        return ws;
    }

    private Callable<Boolean> committing(List<Write> ws) {
        return () -> store.commit(ws);
    }

    private List<String> outboxTags() {
        return store.outboxDue(Long.MAX_VALUE, 1000).stream()
                .map(e -> e.eventJson().substring(8, e.eventJson().indexOf("\","))).toList();
    }

    @Test
    void aGroupCommitsInOneTransactionAndItsFalseMembersWriteNothing() throws Exception {
        store = open();
        OrderRecord hot = StoreFixtures.pending();
        assertThat(store.commit(List.of(new Write.InsertOrder(hot)))).isTrue();
        OrderRecord fresh = StoreFixtures.pending();
        long groups0 = store.engine().groupsCommitted();
        long fallbacks0 = store.engine().groupFallbacks();
        List<Callable<Boolean>> followers = List.of(
                committing(marked("win-1", new Write.UpdateOrder(hot.nextVersion()))),
                // Same version as the member before it, in the same group: it must see that update and lose.
                committing(marked("lose-cas", new Write.UpdateOrder(hot.nextVersion()))),
                committing(marked("win-2", new Write.InsertOrder(fresh))),
                // Its insert is applied before its mark conflicts: the savepoint must take the insert back too.
                committing(marked("lose-mark", new Write.InsertOrder(StoreFixtures.pending()),
                        new Write.MarkProcessed("win-2", 2))),
                committing(marked("lose-dup", new Write.InsertOrder(fresh))),
                committing(marked("win-3", new Write.UpdateOrder(hot.nextVersion().nextVersion()))));
        List<Future<Boolean>> results = blockedThenReleased(committing(marked("leader")), followers, () -> {});
        List<Boolean> got = new ArrayList<>();
        for (Future<Boolean> f : results) {
            got.add(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(got).containsExactly(true, true, false, true, false, false, true);
        assertThat(store.engine().groupsCommitted() - groups0).isEqualTo(1);
        assertThat(store.engine().groupFallbacks() - fallbacks0).isZero();
        store.close();
        store = reopen();
        assertThat(store.order(hot.id())).contains(hot.nextVersion().nextVersion());
        assertThat(store.order(fresh.id())).contains(fresh);
        assertThat(store.ordersByStatus(List.of(hot.status()))).hasSize(2);
        assertThat(outboxTags()).containsExactly("leader", "win-1", "win-2", "win-3");
        for (String tag : List.of("lose-cas", "lose-mark", "lose-dup")) {
            assertThat(store.processed(tag)).as(tag).isFalse();
        }
    }

    @Test
    void aThrowingMemberFailsAloneAndTheRestOfItsGroupCommits() throws Exception {
        store = open();
        refuseMetaKey();
        OrderRecord hot = StoreFixtures.pending();
        assertThat(store.commit(List.of(new Write.InsertOrder(hot)))).isTrue();
        long fallbacks0 = store.engine().groupFallbacks();
        List<Callable<Boolean>> followers = List.of(
                committing(marked("ok-1", new Write.UpdateOrder(hot.nextVersion()))),
                committing(marked("throws", new Write.PutMeta("fine", "x"), new Write.PutMeta(REFUSED_KEY, "x"))),
                committing(marked("lose-cas", new Write.UpdateOrder(hot.nextVersion()))),
                committing(marked("ok-2", new Write.PutMeta("fine", "y"))));
        List<Future<Boolean>> results = blockedThenReleased(committing(marked("leader")), followers, () -> {});
        assertThat(results.get(0).get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(results.get(1).get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(results.get(2)).failsWithin(60, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(StoreException.class).withMessageContaining("database write failed")
                .withMessageContaining("refused by trigger");
        assertThat(results.get(3).get(60, TimeUnit.SECONDS)).isFalse();
        assertThat(results.get(4).get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(store.engine().groupFallbacks() - fallbacks0).isEqualTo(1);
        store.close();
        store = reopen();
        assertThat(store.order(hot.id())).contains(hot.nextVersion());
        assertThat(outboxTags()).containsExactly("leader", "ok-1", "ok-2");
        assertThat(store.processed("throws")).isFalse();
        assertThat(store.processed("lose-cas")).isFalse();
        assertThat(store.meta("fine")).contains("y");
        assertThat(store.meta(REFUSED_KEY)).isEmpty();
    }

    @Test
    void interruptedWaitersStillGetTheirCommitAndKeepTheirInterrupt() throws Exception {
        store = open();
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Callable<String>> followers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<Write> ws = marked("f" + i);
            followers.add(() -> {
                threads.add(Thread.currentThread());
                boolean ok = store.commit(ws);
                return ok + "/" + Thread.currentThread().isInterrupted();
            });
        }
        List<Write> leaderWrites = marked("leader");
        Callable<String> leader = () -> {
            threads.add(Thread.currentThread());
            boolean ok = store.commit(leaderWrites);
            return ok + "/" + Thread.currentThread().isInterrupted();
        };
        List<Future<String>> results = blockedThenReleased(leader, followers,
                () -> threads.forEach(Thread::interrupt));
        for (Future<String> f : results) {
            assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo("true/true");
        }
        assertThat(outboxTags()).containsExactlyInAnyOrder("leader", "f0", "f1", "f2", "f3");
    }

    @Test
    void closingTheStoreWhileCommitsAreQueuedFailsThemInsteadOfHanging() throws Exception {
        store = open();
        List<Callable<Boolean>> followers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            followers.add(committing(marked("f" + i)));
        }
        List<Future<Boolean>> results = blockedThenReleased(committing(marked("leader")), followers, store::close);
        // The leader's transaction was under way on its connection: it completes.
        assertThat(results.get(0).get(60, TimeUnit.SECONDS)).isTrue();
        for (Future<Boolean> f : results.subList(1, results.size())) {
            assertThat(f).failsWithin(60, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(StoreException.class).withMessageContaining("closed");
        }
        store = reopen();
        assertThat(outboxTags()).containsExactly("leader");
        assertThat(store.engine().cachedWriterStatements()).isZero();
    }

    @Test
    void writeStatementsArePreparedOncePerConnectionAndClosedWithIt() throws Exception {
        store = open();
        JdbcStore engine = store.engine();
        for (int i = 0; i < 50; i++) {
            assertThat(store.commit(marked("s" + i, new Write.PutMeta("k", "v" + i)))).isTrue();
        }
        // Three distinct SQL texts (meta, processed, outbox), however many commits.
        assertThat(engine.cachedWriterStatements()).isEqualTo(3);
        store.close();
        assertThat(engine.cachedWriterStatements()).isZero();
        store = reopen();
        assertThat(store.meta("k")).contains("v49");
        assertThat(store.outboxSize()).isEqualTo(50);
    }

    @Test
    void withGroupingOffEveryCommitIsItsOwnTransaction() throws Exception {
        store = open();
        store.engine().groupCommit(false);
        long tx0 = store.engine().transactions();
        List<Future<Boolean>> fs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fs.add(pool.submit(committing(marked("n" + i))));
        }
        for (Future<Boolean> f : fs) {
            assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(store.engine().transactions() - tx0).isEqualTo(40);
        assertThat(store.engine().groupsCommitted()).isZero();
    }
}

package network.mostro.server.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.mostro.server.store.OrderRecord;
import network.mostro.server.store.OutboxEntry;
import network.mostro.server.store.StoreException;
import network.mostro.server.store.StoreFixtures;
import network.mostro.server.store.Write;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads committing at once on a real database: independent inserts, compare-and-swap updates of a few hot
 * orders, commits bound to fail a check and commits whose writes throw, each with a processed mark and an outbox
 * entry of its own. Exactly the expected commits must win, a commit that returned false or threw must have written
 * nothing, and everything must be there after a close and reopen.
 */
abstract class ConcurrentCommitsContract {

    static final int THREADS = 8;
    static final int COMMITS_PER_THREAD = 200;
    static final int HOT_ORDERS = 3;
    /** A meta key whose insert a trigger refuses, so that a commit's write throws inside the database. */
    static final String REFUSED_KEY = "refused-by-trigger";

    /** A new store on a new, empty database. */
    protected abstract JdbcOrderStore open();

    /** Another store on the database of the last {@link #open()}. */
    protected abstract JdbcOrderStore reopen();

    /** Installs a trigger that makes inserting meta key {@link #REFUSED_KEY} raise an error. */
    protected abstract void refuseMetaKey() throws SQLException;

    /** Checks what the store's engine counted while the concurrent commits ran (grouping, for SQLite). */
    protected void checkEngine(long commits, long transactions, long groups) {}

    protected JdbcOrderStore store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private enum Kind { INSERT, CAS, DUPLICATE_INSERT, MARKED_BEFORE, THROWS }

    /** What one commit tried and got; {@code fromVersion} and {@code amount} are for CAS updates. */
    private record Attempt(Kind kind, String tag, UUID orderId, long fromVersion, long amount, Boolean result,
            Throwable error) {}

    static String json(String tag) {
        // About 1 KB, like a signed gift-wrapped reply.
        return "{\"tag\":\"" + tag + "\",\"content\":\"" + "x".repeat(1000) + "\"}";
    }

    @Test
    void concurrentInsertsAndCasUpdatesHaveExactlyTheExpectedWinnersAndSurviveReopen() throws Exception {
        store = open();
        refuseMetaKey();
        List<OrderRecord> hot = new ArrayList<>();
        for (int i = 0; i < HOT_ORDERS; i++) {
            OrderRecord o = StoreFixtures.pending();
            hot.add(o);
            assertThat(store.commit(List.of(new Write.InsertOrder(o)))).isTrue();
        }
        assertThat(store.commit(List.of(new Write.MarkProcessed("marked-before", 1)))).isTrue();
        long commits0 = store.engine().serialisedCommits();
        long tx0 = store.engine().transactions();
        long groups0 = store.engine().groupsCommitted();

        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<Attempt>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> run(thread, hot, start)));
            }
            List<Attempt> all = new ArrayList<>();
            for (Future<List<Attempt>> f : futures) {
                all.addAll(f.get(5, TimeUnit.MINUTES));
            }
            checkEngine(store.engine().serialisedCommits() - commits0, store.engine().transactions() - tx0,
                    store.engine().groupsCommitted() - groups0);
            verify(all, hot);
            store.close();
            store = reopen();
            verify(all, hot);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Attempt> run(int thread, List<OrderRecord> hot, CyclicBarrier start) throws Exception {
        Random r = new Random(1000 + thread);
        List<Attempt> out = new ArrayList<>();
        start.await(1, TimeUnit.MINUTES);
        for (int i = 0; i < COMMITS_PER_THREAD; i++) {
            String tag = "t" + thread + "-" + i;
            int dice = r.nextInt(100);
            Kind kind = i % 50 == 25 ? Kind.THROWS
                    : dice < 40 ? Kind.INSERT : dice < 85 ? Kind.CAS : dice < 93 ? Kind.DUPLICATE_INSERT
                    : Kind.MARKED_BEFORE;
            List<Write> ws = new ArrayList<>();
            UUID orderId = null;
            long from = -1;
            long amount = -1;
            switch (kind) {
                case INSERT, THROWS, MARKED_BEFORE -> {
                    OrderRecord o = StoreFixtures.pending();
                    orderId = o.id();
                    ws.add(new Write.InsertOrder(o));
                }
                case DUPLICATE_INSERT -> {
                    OrderRecord o = hot.get(r.nextInt(hot.size()));
                    orderId = o.id();
                    ws.add(new Write.InsertOrder(o));
                }
                case CAS -> {
                    OrderRecord cur = store.order(hot.get(r.nextInt(hot.size())).id()).orElseThrow();
                    orderId = cur.id();
                    from = cur.version();
                    amount = 1_000_000L + thread * 10_000L + i;
                    ws.add(new Write.UpdateOrder(cur.nextVersion().toBuilder().amount(amount).build()));
                }
            }
            ws.add(new Write.MarkProcessed(kind == Kind.MARKED_BEFORE ? "marked-before" : tag, i));
            ws.add(new Write.Enqueue(OutboxEntry.of(json(tag), "reply", 0)));
            ws.add(new Write.MarkProcessed("also-" + tag, i));
            if (kind == Kind.THROWS) {
                ws.add(new Write.PutMeta(REFUSED_KEY, tag));
            }
            try {
                out.add(new Attempt(kind, tag, orderId, from, amount, store.commit(ws), null));
            } catch (StoreException e) {
                out.add(new Attempt(kind, tag, orderId, from, amount, null, e));
            }
        }
        return out;
    }

    private void verify(List<Attempt> all, List<OrderRecord> hot) {
        assertThat(all).hasSize(THREADS * COMMITS_PER_THREAD);
        Set<String> expectedTags = new HashSet<>();
        Map<UUID, List<Attempt>> winners = new HashMap<>();
        for (Attempt a : all) {
            switch (a.kind()) {
                case INSERT -> assertThat(a.result()).as(a.tag()).isTrue();
                case DUPLICATE_INSERT, MARKED_BEFORE -> assertThat(a.result()).as(a.tag()).isFalse();
                case THROWS -> assertThat(a.error()).as(a.tag()).isInstanceOf(StoreException.class)
                        .hasMessageContaining("database write failed");
                case CAS -> assertThat(a.result()).as(a.tag()).isNotNull();
            }
            boolean won = Boolean.TRUE.equals(a.result());
            if (won) {
                expectedTags.add(a.tag());
            }
            if (a.kind() == Kind.CAS && won) {
                winners.computeIfAbsent(a.orderId(), k -> new ArrayList<>()).add(a);
            }
            // A commit that returned false or threw wrote nothing: no mark, no order, no outbox entry.
            assertThat(store.processed(a.tag())).as(a.tag()).isEqualTo(won && a.kind() != Kind.MARKED_BEFORE);
            assertThat(store.processed("also-" + a.tag())).as(a.tag()).isEqualTo(won);
            if (a.kind() == Kind.INSERT || a.kind() == Kind.THROWS || a.kind() == Kind.MARKED_BEFORE) {
                assertThat(store.order(a.orderId()).isPresent()).as(a.tag()).isEqualTo(won);
            }
        }
        long casWins = 0;
        for (OrderRecord h : hot) {
            OrderRecord now = store.order(h.id()).orElseThrow();
            List<Attempt> ws = winners.getOrDefault(h.id(), List.of());
            casWins += ws.size();
            // Every win moved the version by one, from a distinct version: no lost update, no double win.
            assertThat(now.version()).isEqualTo(ws.size());
            assertThat(ws.stream().map(Attempt::fromVersion).sorted().toList())
                    .isEqualTo(java.util.stream.LongStream.range(0, ws.size()).boxed().toList());
            if (!ws.isEmpty()) {
                Attempt last = ws.stream().filter(a -> a.fromVersion() == ws.size() - 1).findFirst().orElseThrow();
                assertThat(now.amount()).isEqualTo(last.amount());
            }
        }
        long casTries = all.stream().filter(a -> a.kind() == Kind.CAS).count();
        assertThat(casWins).isPositive().isLessThanOrEqualTo(casTries);
        List<String> tags = new ArrayList<>();
        for (OutboxEntry e : store.outboxDue(Long.MAX_VALUE, 100_000)) {
            String j = e.eventJson();
            tags.add(j.substring("{\"tag\":\"".length(), j.indexOf("\",")));
        }
        assertThat(tags).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedTags);
        assertThat(store.meta(REFUSED_KEY)).isEmpty();
    }
}

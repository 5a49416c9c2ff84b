package network.mostro.server.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderStatus;
import network.mostro.server.store.DisputeRecord;
import network.mostro.server.store.OrderRecord;
import network.mostro.server.store.OrderStore;
import network.mostro.server.store.OrderStoreContract;
import network.mostro.server.store.OutboxEntry;
import network.mostro.server.store.SolverRecord;
import network.mostro.server.store.StoreException;
import network.mostro.server.store.StoreFixtures;
import network.mostro.server.store.UserRecord;
import network.mostro.server.store.Write;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link OrderStoreContract} plus what a database-backed store must also do: keep everything across a close and
 * reopen, migrate its schema once, refuse a newer schema, and report corrupt rows as {@link StoreException}.
 */
abstract class JdbcOrderStoreContract extends OrderStoreContract {

    /** Opens another store on the database of the last {@link #newStore()}. */
    protected abstract OrderStore reopen();

    /** A plain JDBC connection to the database of the last {@link #newStore()}, autocommit on. */
    protected abstract Connection raw() throws SQLException;

    private void exec(String sql) throws SQLException {
        try (Connection c = raw(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    /**
     * Changes the database behind the store's back and reopens the store, as a node starting on a file that was
     * damaged or edited while it was stopped: a running store serves the orders and users it wrote from its read
     * cache (see {@link #aRowChangedBehindARunningStoreIsReadAgainAfterTheFirstConflict}).
     */
    private void execAndReopen(String... sql) throws SQLException {
        for (String q : sql) {
            exec(q);
        }
        store.close();
        store = reopen();
    }

    private long scalar(String sql) throws SQLException {
        try (Connection c = raw(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void reopeningReturnsEverything() {
        StoreFixtures.Snapshot written = StoreFixtures.populate(store, new Random(42));
        store.close();
        store = reopen();
        StoreFixtures.assertHolds(store, written);
        // And it keeps working after the reopen: CAS continues from the stored versions, seqs keep growing.
        OrderRecord some = written.orders().get(0);
        assertThat(commit(new Write.UpdateOrder(some))).isFalse();
        assertThat(commit(new Write.UpdateOrder(some.nextVersion()))).isTrue();
        long maxSeq = written.outbox().stream().mapToLong(OutboxEntry::seq).max().orElseThrow();
        assertThat(commit(new Write.Enqueue(OutboxEntry.of("after", "reply", 0)))).isTrue();
        assertThat(store.outboxDue(Long.MAX_VALUE, 1000)).last().satisfies(e -> {
            assertThat(e.eventJson()).isEqualTo("after");
            assertThat(e.seq()).isGreaterThan(maxSeq);
        });
    }

    @Test
    void schemaIsMigratedOnceAndVersioned() throws SQLException {
        assertThat(JdbcOrderStore.schemaVersion()).isEqualTo(1);
        assertThat(scalar("SELECT MAX(version) FROM schema_version")).isEqualTo(JdbcOrderStore.schemaVersion());
        store.close();
        store = reopen();
        store.close();
        store = reopen();
        assertThat(scalar("SELECT COUNT(*) FROM schema_version")).isEqualTo(JdbcOrderStore.schemaVersion());
    }

    @Test
    void aNewerSchemaIsRefused() throws SQLException {
        exec("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'V99__future.sql', 0)");
        store.close();
        store = null;
        assertThatThrownBy(this::reopen).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("newer");
    }

    private OrderRecord storedOrder() {
        OrderRecord o = StoreFixtures.pending();
        assertThat(commit(new Write.InsertOrder(o))).isTrue();
        return o;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "status = 'bogus'",
        "kind = 'SELL'",
        "range_parent_id = 'not-a-uuid'",
        "range_parent_id = '1-2-3-4-5'",
        "ctx_hold_invoice = 'MAYBE'",
        "ctx_bond_policy = 'none'",
        "ctx_cooperative_cancel_by = 'MAKER'",
        "ctx_dispute = 'IN_PROGRESS'",
        "ctx_dispute_assignee = 'NODE_ADMIN'",
        "ctx_bond_payout = 'PAID'",
        "ctx_taker_bonds = 3000000000",
        "ctx_taker_bonds = -1",
        "amount = -5",
        "payment_attempts = -1",
    })
    void corruptOrderRowsAreStoreExceptions(String corruption) throws SQLException {
        OrderRecord o = storedOrder();
        execAndReopen("UPDATE orders SET " + corruption + " WHERE id = '" + o.id() + "'");
        assertThatThrownBy(() -> store.order(o.id())).isInstanceOf(StoreException.class)
                .hasMessageContaining("corrupt orders row");
        if (!corruption.startsWith("status")) { // a row with an unknown status matches no status filter
            assertThatThrownBy(() -> store.ordersByStatus(List.of(OrderStatus.values())))
                    .isInstanceOf(StoreException.class);
        }
    }

    @Test
    void corruptRowsOfEveryOtherTableAreStoreExceptions() throws SQLException {
        OrderRecord o = storedOrder();
        DisputeRecord d = new DisputeRecord(UUID.randomUUID(), o.id(), DisputeStatus.INITIATED, 0,
                network.mostro.protocol.DisputeInitiator.BUYER, "ab", null, 1, null, 1);
        assertThat(commit(new Write.InsertDispute(d), new Write.PutUser(UserRecord.first("u", 1)),
                new Write.PutSolver(new SolverRecord("s", true, 1)),
                new Write.Enqueue(OutboxEntry.of("{}", "reply", 0)))).isTrue();
        execAndReopen("UPDATE disputes SET initiator = 'nobody'", "UPDATE users SET last_rating = -1",
                "UPDATE outbox SET attempts = -1");
        assertThatThrownBy(() -> store.dispute(d.id())).isInstanceOf(StoreException.class)
                .hasMessageContaining("corrupt disputes row");
        assertThatThrownBy(() -> store.disputeOfOrder(o.id())).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.user("u")).isInstanceOf(StoreException.class)
                .hasMessageContaining("corrupt users row");
        assertThatThrownBy(() -> store.outboxDue(0, 10)).isInstanceOf(StoreException.class)
                .hasMessageContaining("corrupt outbox row");
        exec("UPDATE disputes SET initiator = 'buyer', id = 'zzz'");
        assertThatThrownBy(() -> store.disputeOfOrder(o.id())).isInstanceOf(StoreException.class)
                .hasMessageContaining("column id");
    }

    @Test
    void aRowChangedBehindARunningStoreIsReadAgainAfterTheFirstConflict() throws SQLException {
        OrderRecord o = storedOrder();
        UserRecord u = UserRecord.first("ab", 1);
        assertThat(commit(new Write.PutUser(u))).isTrue();
        assertThat(store.order(o.id())).contains(o);
        exec("UPDATE orders SET amount = 777, version = 5 WHERE id = '" + o.id() + "'");
        // The running store answers from its cache (it assumes it is the database's only writer) ...
        assertThat(store.order(o.id())).contains(o);
        // ... until a commit conflicts with the row: the compare-and-swap runs in the database and fails, and the
        // next read returns the row as the database has it.
        assertThat(commit(new Write.UpdateOrder(o.nextVersion()))).isFalse();
        assertThat(store.order(o.id())).hasValueSatisfying(r -> {
            assertThat(r.amount()).isEqualTo(777);
            assertThat(r.version()).isEqualTo(5);
        });
        // Its own writes are read back at once, and a reopened store reads what the database has.
        OrderRecord next = store.order(o.id()).orElseThrow().nextVersion();
        assertThat(commit(new Write.UpdateOrder(next))).isTrue();
        assertThat(store.order(o.id())).contains(next);
        assertThat(store.user("ab")).contains(u);
        exec("DELETE FROM users WHERE identity_pubkey = 'ab'");
        store.close();
        store = reopen();
        assertThat(store.user("ab")).isEmpty();
        assertThat(store.order(o.id())).contains(next);
    }

    @Test
    void aDroppedTableIsAStoreExceptionNotACrash() throws SQLException {
        exec("DROP TABLE meta");
        assertThatThrownBy(() -> store.meta("k")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.commit(List.of(new Write.PutMeta("k", "v"))))
                .isInstanceOf(StoreException.class);
        // The store stays usable for the tables that are fine.
        assertThat(commit(new Write.MarkProcessed("x", 1))).isTrue();
        assertThat(store.processed("x")).isTrue();
    }

    /** Indexed columns exist for every read filter (checked by name in the catalog of each dialect). */
    protected abstract List<String> indexedColumns() throws SQLException;

    @Test
    void everyReadFilterIsIndexed() throws SQLException {
        assertThat(indexedColumns()).contains(
                "orders.id", "orders.status", "orders.master_buyer_pubkey", "orders.master_seller_pubkey",
                "orders.created_at", "disputes.id", "disputes.order_id", "disputes.status", "users.identity_pubkey",
                "solvers.pubkey", "outbox.seq", "outbox.not_before", "processed.event_id", "processed.at",
                "meta.key");
    }
}

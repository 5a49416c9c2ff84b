package network.mostro.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderStatus;

/** Fills a store with one of everything and checks a store holds it (for durability tests). */
public final class StoreFixtures {

    private StoreFixtures() {}

    /** What {@link #populate} wrote, as the store should return it. */
    public record Snapshot(List<OrderRecord> orders, List<DisputeRecord> disputes, List<UserRecord> users,
            List<SolverRecord> solvers, List<OutboxEntry> outbox, List<String> processed, List<String> meta) {}

    /** A plain pending order. */
    public static OrderRecord pending() {
        return TestRecords.pending(new Random(), 1);
    }

    /** Writes orders of every shape (some updated), disputes, users, solvers, outbox entries, marks and meta. */
    public static Snapshot populate(OrderStore store, Random r) {
        List<OrderRecord> orders = new ArrayList<>();
        List<Write> ws = new ArrayList<>();
        for (int i = 0; i < TestRecords.VARIANTS; i++) {
            OrderRecord o = TestRecords.order(i, r);
            orders.add(o);
            ws.add(new Write.InsertOrder(o));
        }
        assertThat(store.commit(ws)).isTrue();
        for (int i = 0; i < orders.size(); i += 3) {
            OrderRecord next = orders.get(i).nextVersion().toBuilder().status(OrderStatus.DISPUTE).build();
            assertThat(store.commit(List.of(new Write.UpdateOrder(next)))).isTrue();
            orders.set(i, next);
        }
        List<DisputeRecord> disputes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            DisputeRecord d = TestRecords.dispute(r, orders.get(i).id(), 1000 + i);
            disputes.add(d);
            assertThat(store.commit(List.of(new Write.InsertDispute(d)))).isTrue();
        }
        List<UserRecord> users = List.of(UserRecord.first(TestRecords.hex(r), 5),
                new UserRecord(TestRecords.hex(r), 7, 2, 4.5, 4, 4, 5, 6));
        List<SolverRecord> solvers = List.of(new SolverRecord(TestRecords.hex(r), true, 1),
                new SolverRecord(TestRecords.hex(r), false, 2));
        List<Write> misc = new ArrayList<>();
        users.forEach(u -> misc.add(new Write.PutUser(u)));
        solvers.forEach(s -> misc.add(new Write.PutSolver(s)));
        for (int i = 0; i < 5; i++) {
            misc.add(new Write.Enqueue(OutboxEntry.of("{\"n\":" + i + "}", "reply", i * 10L)));
            misc.add(new Write.MarkProcessed("event-" + i, 100 + i));
        }
        misc.add(new Write.PutMeta("since", "1700000000"));
        misc.add(new Write.PutMeta("node", "ünïcødé"));
        assertThat(store.commit(misc)).isTrue();
        List<OutboxEntry> outbox = store.outboxDue(Long.MAX_VALUE, 100);
        assertThat(store.commit(List.of(new Write.Dequeue(outbox.get(0).seq()),
                new Write.Reschedule(outbox.get(1).seq(), 2, 500)))).isTrue();
        outbox = store.outboxDue(Long.MAX_VALUE, 100);
        assertThat(outbox).hasSize(4);
        return new Snapshot(orders, disputes, users, solvers, outbox,
                List.of("event-0", "event-1", "event-2", "event-3", "event-4"), List.of("since", "node"));
    }

    /** Checks {@code store} returns exactly what {@code s} says. */
    public static void assertHolds(OrderStore store, Snapshot s) {
        for (OrderRecord o : s.orders()) {
            assertThat(store.order(o.id())).contains(o);
        }
        assertThat(store.ordersByStatus(EnumSet.allOf(OrderStatus.class))).containsExactlyInAnyOrderElementsOf(s.orders());
        for (DisputeRecord d : s.disputes()) {
            assertThat(store.dispute(d.id())).contains(d);
            assertThat(store.disputeOfOrder(d.orderId())).contains(d);
        }
        assertThat(store.disputesByStatus(EnumSet.allOf(DisputeStatus.class))).containsExactlyElementsOf(s.disputes());
        s.users().forEach(u -> assertThat(store.user(u.identityPubkey())).contains(u));
        s.solvers().forEach(x -> assertThat(store.solver(x.pubkey())).contains(x));
        assertThat(store.outboxDue(Long.MAX_VALUE, 100)).containsExactlyElementsOf(s.outbox());
        assertThat(store.outboxSize()).isEqualTo(s.outbox().size());
        s.processed().forEach(id -> assertThat(store.processed(id)).as(id).isTrue());
        assertThat(store.meta("since")).contains("1700000000");
        assertThat(store.meta("node")).contains("ünïcødé");
    }
}

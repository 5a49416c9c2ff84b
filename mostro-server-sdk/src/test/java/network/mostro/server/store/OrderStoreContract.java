package network.mostro.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.state.TradeContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link OrderStore} must have. Each implementation's test class extends this and supplies a
 * fresh, empty store per test.
 */
public abstract class OrderStoreContract {

    /** A new, empty store. */
    protected abstract OrderStore newStore();

    protected OrderStore store;
    protected final Random random = new Random(0x5eed);

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected static List<Write> writes(Write... w) {
        return Arrays.asList(w);
    }

    protected boolean commit(Write... w) {
        return store.commit(writes(w));
    }

    // ------------------------------------------------------------------ round trips

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void everyOrderComponentRoundTrips(long seed) {
        Random r = new Random(seed);
        List<OrderRecord> orders = new ArrayList<>();
        List<Write> ws = new ArrayList<>();
        for (int i = 0; i < TestRecords.VARIANTS; i++) {
            OrderRecord o = TestRecords.order(i, r);
            orders.add(o);
            ws.add(new Write.InsertOrder(o));
        }
        assertThat(store.commit(ws)).isTrue();
        for (OrderRecord o : orders) {
            assertThat(store.order(o.id())).contains(o);
        }
        // The generator really covers every enum constant and both sides of every Optional and nullable field.
        Set<Object> seen = new java.util.HashSet<>();
        for (OrderRecord o : orders) {
            TradeContext c = o.context();
            seen.addAll(List.of(o.status(), o.kind(), c.bondPolicy(), c.holdInvoice(), c.disputeAssignee(),
                    c.bondPayout(), "coop:" + c.cooperativeCancelBy(), "dispute:" + c.dispute(),
                    "to:" + c.bondPayoutTo(), "buyer:" + (o.buyerPubkey() == null), "tib:" + (o.tradeIndexBuyer() == null)));
        }
        assertThat(seen).containsAll(EnumSet.allOf(OrderStatus.class))
                .containsAll(EnumSet.allOf(network.mostro.protocol.OrderKind.class))
                .containsAll(EnumSet.allOf(network.mostro.protocol.state.BondPolicy.class))
                .containsAll(EnumSet.allOf(network.mostro.protocol.state.HoldInvoiceState.class))
                .containsAll(EnumSet.allOf(network.mostro.protocol.state.DisputeAssignee.class))
                .containsAll(EnumSet.allOf(network.mostro.protocol.state.BondPayoutState.class))
                .contains("coop:Optional.empty", "coop:Optional[BUYER]", "coop:Optional[SELLER]",
                        "dispute:Optional.empty", "to:Optional.empty", "to:Optional[BUYER]", "to:Optional[SELLER]",
                        "buyer:true", "buyer:false", "tib:true", "tib:false");
        for (DisputeStatus s : DisputeStatus.values()) {
            assertThat(seen).contains("dispute:Optional[" + s + "]");
        }
    }

    @Test
    void updateReplacesEveryComponent() {
        Random r = new Random(7);
        OrderRecord first = TestRecords.order(0, r);
        assertThat(commit(new Write.InsertOrder(first))).isTrue();
        // Same id, every other component from a differently shaped variant (nulls where values were and back).
        OrderRecord other = TestRecords.order(1, r);
        OrderRecord next = other.toBuilder().id(first.id()).version(1).build();
        assertThat(commit(new Write.UpdateOrder(next))).isTrue();
        assertThat(store.order(first.id())).contains(next);
        OrderRecord back = first.toBuilder().version(2).build();
        assertThat(commit(new Write.UpdateOrder(back))).isTrue();
        assertThat(store.order(first.id())).contains(back);
    }

    @Test
    void oneOfEverythingReadsBack() {
        StoreFixtures.assertHolds(store, StoreFixtures.populate(store, new Random(11)));
    }

    @Test
    void missingRowsReadAsEmpty() {
        assertThat(store.order(UUID.randomUUID())).isEmpty();
        assertThat(store.dispute(UUID.randomUUID())).isEmpty();
        assertThat(store.disputeOfOrder(UUID.randomUUID())).isEmpty();
        assertThat(store.user("00")).isEmpty();
        assertThat(store.solver("00")).isEmpty();
        assertThat(store.meta("nope")).isEmpty();
        assertThat(store.processed("nope")).isFalse();
        assertThat(store.outboxDue(Long.MAX_VALUE, 10)).isEmpty();
        assertThat(store.outboxSize()).isZero();
        assertThat(store.ordersByStatus(EnumSet.allOf(OrderStatus.class))).isEmpty();
        assertThat(store.ordersByIdentity("00")).isEmpty();
        assertThat(store.disputesByStatus(EnumSet.allOf(DisputeStatus.class))).isEmpty();
    }

    // ------------------------------------------------------------------ reads

    @Test
    void ordersByStatusFiltersAndSortsOldestFirstWithTiesInInsertionOrder() {
        OrderRecord a = TestRecords.pending(random, 300);
        OrderRecord b = TestRecords.pending(random, 100);
        OrderRecord c = TestRecords.pending(random, 200).toBuilder().status(OrderStatus.ACTIVE).build();
        OrderRecord d = TestRecords.pending(random, 200);
        OrderRecord e = TestRecords.pending(random, 200).toBuilder().status(OrderStatus.SUCCESS).build();
        OrderRecord f = TestRecords.pending(random, 200);
        assertThat(commit(new Write.InsertOrder(a), new Write.InsertOrder(b), new Write.InsertOrder(c))).isTrue();
        assertThat(commit(new Write.InsertOrder(d), new Write.InsertOrder(e), new Write.InsertOrder(f))).isTrue();

        assertThat(store.ordersByStatus(List.of(OrderStatus.PENDING))).containsExactly(b, d, f, a);
        assertThat(store.ordersByStatus(List.of(OrderStatus.PENDING, OrderStatus.ACTIVE, OrderStatus.PENDING)))
                .containsExactly(b, c, d, f, a);
        assertThat(store.ordersByStatus(EnumSet.of(OrderStatus.SUCCESS))).containsExactly(e);
        assertThat(store.ordersByStatus(EnumSet.of(OrderStatus.DISPUTE))).isEmpty();
        assertThat(store.ordersByStatus(List.of())).isEmpty();

        // An update moves an order between statuses and keeps its place among ties.
        OrderRecord d1 = d.toBuilder().version(1).status(OrderStatus.ACTIVE).build();
        assertThat(commit(new Write.UpdateOrder(d1))).isTrue();
        assertThat(store.ordersByStatus(List.of(OrderStatus.PENDING))).containsExactly(b, f, a);
        assertThat(store.ordersByStatus(List.of(OrderStatus.ACTIVE))).containsExactly(c, d1);
    }

    @Test
    void ordersByIdentityMatchesMasterBuyerOrMasterSeller() {
        String alice = TestRecords.hex(random);
        String bob = TestRecords.hex(random);
        OrderRecord asBuyer = TestRecords.pending(random, 10).toBuilder().masterBuyerPubkey(alice).build();
        OrderRecord asSeller = TestRecords.pending(random, 5).toBuilder().masterSellerPubkey(alice)
                .masterBuyerPubkey(bob).build();
        OrderRecord tradeKeyOnly = TestRecords.pending(random, 1).toBuilder().buyerPubkey(alice)
                .sellerPubkey(alice).build();
        OrderRecord creatorOnly = TestRecords.pending(random, 2).toBuilder().creatorPubkey(alice).build();
        assertThat(commit(new Write.InsertOrder(asBuyer), new Write.InsertOrder(asSeller),
                new Write.InsertOrder(tradeKeyOnly), new Write.InsertOrder(creatorOnly))).isTrue();

        assertThat(store.ordersByIdentity(alice)).containsExactly(asSeller, asBuyer);
        assertThat(store.ordersByIdentity(bob)).containsExactly(asSeller);
        assertThat(store.ordersByIdentity(TestRecords.hex(random))).isEmpty();
    }

    @Test
    void disputesAreReadByIdOrderAndStatus() {
        OrderRecord o1 = TestRecords.pending(random, 1);
        OrderRecord o2 = TestRecords.pending(random, 2);
        OrderRecord o3 = TestRecords.pending(random, 3);
        DisputeRecord d1 = TestRecords.dispute(random, o1.id(), 500);
        DisputeRecord d2 = TestRecords.dispute(random, o2.id(), 400);
        DisputeRecord d3 = new DisputeRecord(UUID.randomUUID(), o3.id(), DisputeStatus.SETTLED, 0,
                network.mostro.protocol.DisputeInitiator.SELLER, TestRecords.hex(random), TestRecords.hex(random),
                450, 460L, Long.MAX_VALUE);
        assertThat(commit(new Write.InsertOrder(o1), new Write.InsertOrder(o2), new Write.InsertOrder(o3),
                new Write.InsertDispute(d1), new Write.InsertDispute(d2), new Write.InsertDispute(d3))).isTrue();

        assertThat(store.dispute(d1.id())).contains(d1);
        assertThat(store.dispute(d3.id())).contains(d3);
        assertThat(store.disputeOfOrder(o2.id())).contains(d2);
        assertThat(store.disputesByStatus(List.of(DisputeStatus.INITIATED))).containsExactly(d2, d1);
        assertThat(store.disputesByStatus(List.of(DisputeStatus.INITIATED, DisputeStatus.SETTLED)))
                .containsExactly(d2, d3, d1);
        assertThat(store.disputesByStatus(List.of(DisputeStatus.IN_PROGRESS))).isEmpty();
        assertThat(store.disputesByStatus(List.of())).isEmpty();

        DisputeRecord taken = new DisputeRecord(d1.id(), d1.orderId(), DisputeStatus.IN_PROGRESS, 1, d1.initiator(),
                d1.initiatorPubkey(), TestRecords.hex(random), d1.createdAt(), 600L, 601);
        assertThat(commit(new Write.UpdateDispute(taken))).isTrue();
        assertThat(store.dispute(d1.id())).contains(taken);
        assertThat(store.disputeOfOrder(o1.id())).contains(taken);
        assertThat(store.disputesByStatus(List.of(DisputeStatus.INITIATED))).containsExactly(d2);
    }

    @Test
    void usersAndSolversArePutAndReplaced() {
        UserRecord u = UserRecord.first(TestRecords.hex(random), 1000);
        assertThat(commit(new Write.PutUser(u))).isTrue();
        assertThat(store.user(u.identityPubkey())).contains(u);
        UserRecord rated = new UserRecord(u.identityPubkey(), Long.MAX_VALUE, 3, 4.666666666666667, 5, 3, 5, 1000);
        assertThat(commit(new Write.PutUser(rated))).isTrue();
        assertThat(store.user(u.identityPubkey())).contains(rated);
        UserRecord tiny = new UserRecord(TestRecords.hex(random), 0, 1, Double.MIN_VALUE, 1, 1, 1, 0);
        assertThat(commit(new Write.PutUser(tiny))).isTrue();
        assertThat(store.user(tiny.identityPubkey())).contains(tiny);

        SolverRecord s = new SolverRecord(TestRecords.hex(random), false, 5);
        assertThat(commit(new Write.PutSolver(s))).isTrue();
        assertThat(store.solver(s.pubkey())).contains(s);
        SolverRecord upgraded = new SolverRecord(s.pubkey(), true, 6);
        assertThat(commit(new Write.PutSolver(upgraded))).isTrue();
        assertThat(store.solver(s.pubkey())).contains(upgraded);
    }

    @Test
    void metaIsSetAndOverwritten() {
        assertThat(commit(new Write.PutMeta("since", "100"), new Write.PutMeta("other", ""))).isTrue();
        assertThat(store.meta("since")).contains("100");
        assertThat(store.meta("other")).contains("");
        assertThat(commit(new Write.PutMeta("since", "200 ünïcødé"))).isTrue();
        assertThat(store.meta("since")).contains("200 ünïcødé");
    }

    // ------------------------------------------------------------------ commit semantics

    @Test
    void aFailingCheckInTheMiddleAppliesNothing() {
        OrderRecord existing = TestRecords.pending(random, 1);
        UserRecord oldUser = UserRecord.first(TestRecords.hex(random), 1);
        assertThat(commit(new Write.InsertOrder(existing), new Write.PutUser(oldUser), new Write.PutMeta("k", "old"),
                new Write.Enqueue(OutboxEntry.of("{\"e\":0}", "reply", 0)),
                new Write.MarkProcessed("ev-old", 10))).isTrue();
        long seq = store.outboxDue(Long.MAX_VALUE, 10).get(0).seq();

        OrderRecord fresh = TestRecords.pending(random, 2);
        UserRecord newUser = new UserRecord(oldUser.identityPubkey(), 9, 1, 5.0, 5, 5, 5, 1);
        OrderRecord stale = existing.toBuilder().version(2).status(OrderStatus.ACTIVE).build(); // stored is 0
        boolean ok = commit(
                new Write.InsertOrder(fresh),
                new Write.PutUser(newUser),
                new Write.PutSolver(new SolverRecord("s", true, 1)),
                new Write.PutMeta("k", "new"),
                new Write.Enqueue(OutboxEntry.of("{\"e\":1}", "reply", 0)),
                new Write.Reschedule(seq, 3, 99),
                new Write.MarkProcessed("ev-new", 20),
                new Write.PruneProcessed(Long.MAX_VALUE),
                new Write.UpdateOrder(stale),
                new Write.Dequeue(seq),
                new Write.PutMeta("k2", "v2"));
        assertThat(ok).isFalse();

        assertThat(store.order(fresh.id())).isEmpty();
        assertThat(store.order(existing.id())).contains(existing);
        assertThat(store.user(oldUser.identityPubkey())).contains(oldUser);
        assertThat(store.solver("s")).isEmpty();
        assertThat(store.meta("k")).contains("old");
        assertThat(store.meta("k2")).isEmpty();
        assertThat(store.outboxSize()).isEqualTo(1);
        assertThat(store.outboxDue(Long.MAX_VALUE, 10)).containsExactly(new OutboxEntry(seq, "{\"e\":0}", "reply", 0, 0));
        assertThat(store.processed("ev-new")).isFalse();
        assertThat(store.processed("ev-old")).isTrue();

        // The same commit without the stale update goes through whole.
        assertThat(commit(new Write.InsertOrder(fresh), new Write.PutMeta("k", "new"))).isTrue();
        assertThat(store.order(fresh.id())).contains(fresh);
        assertThat(store.meta("k")).contains("new");
    }

    @Test
    void everyKindOfConflictRollsBackTheCommit() {
        OrderRecord o = TestRecords.pending(random, 1);
        DisputeRecord d = TestRecords.dispute(random, o.id(), 2);
        assertThat(commit(new Write.InsertOrder(o), new Write.InsertDispute(d), new Write.MarkProcessed("e", 1)))
                .isTrue();
        List<Write> conflicts = List.of(
                new Write.InsertOrder(o),
                new Write.UpdateOrder(o.toBuilder().version(5).build()),
                new Write.InsertDispute(TestRecords.dispute(random, o.id(), 3)),
                new Write.UpdateDispute(new DisputeRecord(d.id(), d.orderId(), d.status(), 2, d.initiator(),
                        d.initiatorPubkey(), null, 2, null, 2)),
                new Write.MarkProcessed("e", 5));
        for (Write conflict : conflicts) {
            assertThat(store.commit(List.of(new Write.PutMeta("marker", conflict.toString()), conflict)))
                    .as("%s", conflict).isFalse();
            assertThat(store.meta("marker")).as("%s", conflict).isEmpty();
        }
    }

    @Test
    void compareAndSwapOnOrderVersion() {
        OrderRecord v0 = TestRecords.pending(random, 1);
        assertThat(commit(new Write.InsertOrder(v0))).isTrue();
        assertThat(commit(new Write.InsertOrder(v0.toBuilder().status(OrderStatus.ACTIVE).build())))
                .as("insert of an existing id").isFalse();
        assertThat(store.order(v0.id())).contains(v0);

        OrderRecord v1 = v0.toBuilder().version(1).status(OrderStatus.WAITING_BUYER_INVOICE).build();
        assertThat(commit(new Write.UpdateOrder(v1))).isTrue();
        OrderRecord otherV1 = v0.toBuilder().version(1).status(OrderStatus.CANCELED).build();
        assertThat(commit(new Write.UpdateOrder(otherV1))).as("second update from version 0").isFalse();
        assertThat(commit(new Write.UpdateOrder(v1.toBuilder().version(3).build()))).as("skips a version").isFalse();
        assertThat(store.order(v0.id())).contains(v1);

        OrderRecord v2 = v1.nextVersion();
        assertThat(commit(new Write.UpdateOrder(v2))).isTrue();
        assertThat(store.order(v0.id()).map(OrderRecord::version)).contains(2L);
        assertThat(commit(new Write.UpdateOrder(TestRecords.pending(random, 1).nextVersion())))
                .as("update of a missing order").isFalse();
    }

    @Test
    void compareAndSwapOnDisputeVersionAndOneDisputePerOrder() {
        OrderRecord o = TestRecords.pending(random, 1);
        OrderRecord other = TestRecords.pending(random, 1);
        DisputeRecord d = TestRecords.dispute(random, o.id(), 10);
        assertThat(commit(new Write.InsertOrder(o), new Write.InsertOrder(other))).isTrue();
        assertThat(commit(new Write.InsertDispute(TestRecords.dispute(random, UUID.randomUUID(), 10))))
                .as("dispute of a missing order").isFalse();
        assertThat(commit(new Write.InsertDispute(d))).isTrue();
        assertThat(commit(new Write.InsertDispute(TestRecords.dispute(random, o.id(), 11))))
                .as("second dispute of one order").isFalse();
        DisputeRecord sameIdOtherOrder = new DisputeRecord(d.id(), other.id(), d.status(), 0, d.initiator(),
                d.initiatorPubkey(), null, 10, null, 10);
        assertThat(commit(new Write.InsertDispute(sameIdOtherOrder))).as("duplicate dispute id").isFalse();
        assertThat(store.disputeOfOrder(other.id())).isEmpty();

        DisputeRecord d1 = new DisputeRecord(d.id(), o.id(), DisputeStatus.IN_PROGRESS, 1, d.initiator(),
                d.initiatorPubkey(), "solver", 10, 20L, 20);
        assertThat(commit(new Write.UpdateDispute(d1))).isTrue();
        assertThat(commit(new Write.UpdateDispute(d1))).as("stale dispute version").isFalse();
        DisputeRecord moved = new DisputeRecord(d.id(), other.id(), DisputeStatus.SETTLED, 2, d.initiator(),
                d.initiatorPubkey(), "solver", 10, 20L, 30);
        assertThat(commit(new Write.UpdateDispute(moved))).as("dispute moved to another order").isFalse();
        DisputeRecord missing = new DisputeRecord(UUID.randomUUID(), o.id(), DisputeStatus.SETTLED, 1,
                d.initiator(), d.initiatorPubkey(), null, 10, null, 10);
        assertThat(commit(new Write.UpdateDispute(missing))).as("update of a missing dispute").isFalse();
        assertThat(store.dispute(d.id())).contains(d1);
    }

    @Test
    void emptyCommitSucceeds() {
        assertThat(store.commit(List.of())).isTrue();
    }

    @Test
    void nullArgumentsAreTypedErrors() {
        assertThatThrownBy(() -> store.commit(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.commit(Collections.singletonList(null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.order(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.ordersByStatus(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.ordersByStatus(Collections.singletonList(null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.ordersByIdentity(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.dispute(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.disputeOfOrder(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.disputesByStatus(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.user(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.solver(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.processed(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.meta(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Write.Reschedule(1, -1, 0)).isInstanceOf(InvalidInputException.class);
    }

    // ------------------------------------------------------------------ outbox, processed marks

    @Test
    void outboxIsDeliveredInSequenceOrderFilteredByDueTime() {
        assertThat(commit(
                new Write.Enqueue(OutboxEntry.of("e1", "reply", 0)),
                new Write.Enqueue(OutboxEntry.of("e2", "order-event", 50)),
                new Write.Enqueue(OutboxEntry.of("e3", "reply", 10)))).isTrue();
        assertThat(commit(new Write.Enqueue(new OutboxEntry(999, "e4", "info", 2, 0)))).isTrue();
        List<OutboxEntry> all = store.outboxDue(Long.MAX_VALUE, 100);
        assertThat(all).extracting(OutboxEntry::eventJson).containsExactly("e1", "e2", "e3", "e4");
        assertThat(all).extracting(OutboxEntry::seq).isSorted().doesNotHaveDuplicates().doesNotContain(999L);
        assertThat(all.get(3).attempts()).isEqualTo(2);
        assertThat(all.get(1)).isEqualTo(new OutboxEntry(all.get(1).seq(), "e2", "order-event", 0, 50));
        assertThat(store.outboxSize()).isEqualTo(4);

        assertThat(store.outboxDue(9, 100)).extracting(OutboxEntry::eventJson).containsExactly("e1", "e4");
        assertThat(store.outboxDue(10, 100)).extracting(OutboxEntry::eventJson).containsExactly("e1", "e3", "e4");
        assertThat(store.outboxDue(50, 2)).extracting(OutboxEntry::eventJson).containsExactly("e1", "e2");
        assertThat(store.outboxDue(50, 0)).isEmpty();

        long s1 = all.get(0).seq();
        long s4 = all.get(3).seq();
        assertThat(commit(new Write.Reschedule(s1, 1, 30), new Write.Dequeue(s4))).isTrue();
        assertThat(store.outboxDue(9, 100)).isEmpty();
        assertThat(store.outboxDue(29, 100)).containsExactly(all.get(2));
        assertThat(store.outboxDue(30, 100)).containsExactly(new OutboxEntry(s1, "e1", "reply", 1, 30),
                all.get(2));
        assertThat(store.outboxSize()).isEqualTo(3);

        // Gone entries: no conflict, nothing changes.
        assertThat(commit(new Write.Dequeue(s4), new Write.Reschedule(s4, 5, 5), new Write.Dequeue(123456))).isTrue();
        assertThat(store.outboxSize()).isEqualTo(3);

        // A sequence number is never reused, even after the newest entry was dequeued.
        assertThat(commit(new Write.Enqueue(OutboxEntry.of("e5", "reply", 0)))).isTrue();
        OutboxEntry e5 = store.outboxDue(Long.MAX_VALUE, 100).get(3);
        assertThat(e5.eventJson()).isEqualTo("e5");
        assertThat(e5.seq()).isGreaterThan(s4);
    }

    @Test
    void processedMarksAreUniqueAndPrunedStrictlyBefore() {
        assertThat(commit(new Write.MarkProcessed("a", 100), new Write.MarkProcessed("b", 200),
                new Write.MarkProcessed("c", 300))).isTrue();
        assertThat(store.processed("a")).isTrue();
        assertThat(commit(new Write.PutMeta("x", "y"), new Write.MarkProcessed("b", 999))).isFalse();
        assertThat(store.meta("x")).isEmpty();
        assertThat(commit(new Write.MarkProcessed("d", 1), new Write.MarkProcessed("d", 1)))
                .as("same id twice in one commit").isFalse();
        assertThat(store.processed("d")).isFalse();

        assertThat(commit(new Write.PruneProcessed(200))).isTrue();
        assertThat(store.processed("a")).isFalse();
        assertThat(store.processed("b")).isTrue();
        assertThat(store.processed("c")).isTrue();
        assertThat(commit(new Write.MarkProcessed("a", 400))).as("a pruned id can be marked again").isTrue();
        assertThat(commit(new Write.PruneProcessed(Long.MAX_VALUE))).isTrue();
        assertThat(store.processed("a") || store.processed("b") || store.processed("c")).isFalse();
    }

    // ------------------------------------------------------------------ concurrency

    private <T> List<T> race(int threads, java.util.function.IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> c = task.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return c.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ofHundredConcurrentUpdatesFromOneVersionExactlyOneWins() throws Exception {
        OrderRecord v0 = TestRecords.pending(random, 1);
        assertThat(commit(new Write.InsertOrder(v0))).isTrue();
        List<OrderRecord> attempts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            attempts.add(v0.toBuilder().version(1).status(OrderStatus.WAITING_BUYER_INVOICE)
                    .buyerPubkey(TestRecords.hex(random)).build());
        }
        List<Boolean> results = race(100, i -> () -> store.commit(List.of(
                new Write.UpdateOrder(attempts.get(i)),
                new Write.Enqueue(OutboxEntry.of("take " + i, "reply", 0)))));
        assertThat(results.stream().filter(b -> b).count()).isEqualTo(1);
        int winner = results.indexOf(true);
        assertThat(store.order(v0.id())).contains(attempts.get(winner));
        assertThat(store.outboxDue(Long.MAX_VALUE, 1000)).extracting(OutboxEntry::eventJson)
                .containsExactly("take " + winner);
    }

    @Test
    void ofConcurrentDisputeOpeningsAndProcessedMarksExactlyOneWins() throws Exception {
        OrderRecord o = TestRecords.pending(random, 1);
        assertThat(commit(new Write.InsertOrder(o))).isTrue();
        List<DisputeRecord> ds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ds.add(TestRecords.dispute(random, o.id(), i));
        }
        List<Boolean> results = race(50, i -> () -> store.commit(List.of(
                new Write.InsertDispute(ds.get(i)), new Write.MarkProcessed("event-" + i, 1))));
        assertThat(results.stream().filter(b -> b).count()).isEqualTo(1);
        assertThat(store.disputeOfOrder(o.id())).contains(ds.get(results.indexOf(true)));

        List<Boolean> marks = race(50, i -> () -> store.commit(List.of(new Write.MarkProcessed("same", i))));
        assertThat(marks.stream().filter(b -> b).count()).isEqualTo(1);
    }

    @Test
    void concurrentIndependentCommitsAllLand() throws Exception {
        List<OrderRecord> orders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            orders.add(TestRecords.pending(random, i));
        }
        List<Boolean> results = race(40, i -> () -> {
            boolean a = store.commit(List.of(new Write.InsertOrder(orders.get(i)),
                    new Write.Enqueue(OutboxEntry.of("new " + i, "order-event", 0))));
            boolean b = store.commit(List.of(new Write.UpdateOrder(orders.get(i).nextVersion())));
            Optional<OrderRecord> read = store.order(orders.get(i).id());
            return a && b && read.isPresent() && read.get().version() == 1;
        });
        assertThat(results).containsOnly(true);
        assertThat(store.outboxSize()).isEqualTo(40);
        assertThat(store.ordersByStatus(List.of(OrderStatus.PENDING))).hasSize(40);
    }
}

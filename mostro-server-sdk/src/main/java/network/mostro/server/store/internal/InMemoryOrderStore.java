package network.mostro.server.store.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderStatus;
import network.mostro.server.store.DisputeRecord;
import network.mostro.server.store.OrderRecord;
import network.mostro.server.store.OrderStore;
import network.mostro.server.store.OutboxEntry;
import network.mostro.server.store.SolverRecord;
import network.mostro.server.store.UserRecord;
import network.mostro.server.store.Write;

/**
 * {@link OrderStore} in memory. Commits are serialised by one lock and applied to copies, so a failed commit leaves
 * nothing behind. Thread-safe.
 */
public final class InMemoryOrderStore implements OrderStore {

    private static final class State {
        final Map<UUID, OrderRecord> orders = new LinkedHashMap<>();
        final Map<UUID, DisputeRecord> disputes = new LinkedHashMap<>();
        final Map<String, UserRecord> users = new HashMap<>();
        final Map<String, SolverRecord> solvers = new HashMap<>();
        final TreeMap<Long, OutboxEntry> outbox = new TreeMap<>();
        final Map<String, Long> processed = new HashMap<>();
        final Map<String, String> meta = new HashMap<>();
        long nextSeq = 1;

        State copy() {
            State s = new State();
            s.orders.putAll(orders);
            s.disputes.putAll(disputes);
            s.users.putAll(users);
            s.solvers.putAll(solvers);
            s.outbox.putAll(outbox);
            s.processed.putAll(processed);
            s.meta.putAll(meta);
            s.nextSeq = nextSeq;
            return s;
        }
    }

    private State state = new State();

    @Override
    public synchronized Optional<OrderRecord> order(UUID id) {
        return Optional.ofNullable(state.orders.get(id));
    }

    @Override
    public synchronized List<OrderRecord> ordersByStatus(Collection<OrderStatus> statuses) {
        Set<OrderStatus> wanted = Set.copyOf(statuses);
        return sortedOrders(state.orders.values().stream().filter(o -> wanted.contains(o.status())).toList());
    }

    @Override
    public synchronized List<OrderRecord> ordersByIdentity(String identityHex) {
        return sortedOrders(state.orders.values().stream()
                .filter(o -> identityHex.equals(o.masterBuyerPubkey()) || identityHex.equals(o.masterSellerPubkey()))
                .toList());
    }

    private static List<OrderRecord> sortedOrders(List<OrderRecord> list) {
        List<OrderRecord> out = new ArrayList<>(list);
        out.sort(Comparator.comparingLong(OrderRecord::createdAt));
        return out;
    }

    @Override
    public synchronized Optional<DisputeRecord> dispute(UUID disputeId) {
        return Optional.ofNullable(state.disputes.get(disputeId));
    }

    @Override
    public synchronized Optional<DisputeRecord> disputeOfOrder(UUID orderId) {
        return state.disputes.values().stream().filter(d -> d.orderId().equals(orderId)).findFirst();
    }

    @Override
    public synchronized List<DisputeRecord> disputesByStatus(Collection<DisputeStatus> statuses) {
        Set<DisputeStatus> wanted = Set.copyOf(statuses);
        List<DisputeRecord> out = new ArrayList<>(
                state.disputes.values().stream().filter(d -> wanted.contains(d.status())).toList());
        out.sort(Comparator.comparingLong(DisputeRecord::createdAt));
        return out;
    }

    @Override
    public synchronized Optional<UserRecord> user(String identityHex) {
        return Optional.ofNullable(state.users.get(identityHex));
    }

    @Override
    public synchronized Optional<SolverRecord> solver(String pubkeyHex) {
        return Optional.ofNullable(state.solvers.get(pubkeyHex));
    }

    @Override
    public synchronized List<OutboxEntry> outboxDue(long now, int limit) {
        return state.outbox.values().stream().filter(e -> e.notBefore() <= now).limit(Math.max(0, limit)).toList();
    }

    @Override
    public synchronized long outboxSize() {
        return state.outbox.size();
    }

    @Override
    public synchronized boolean processed(String eventId) {
        return state.processed.containsKey(eventId);
    }

    @Override
    public synchronized Optional<String> meta(String key) {
        return Optional.ofNullable(state.meta.get(key));
    }

    @Override
    public synchronized boolean commit(List<Write> writes) {
        State next = state.copy();
        for (Write w : List.copyOf(writes)) {
            if (!apply(next, w)) {
                return false;
            }
        }
        state = next;
        return true;
    }

    private static boolean apply(State s, Write w) {
        if (w instanceof Write.InsertOrder ins) {
            return s.orders.putIfAbsent(ins.order().id(), ins.order()) == null;
        } else if (w instanceof Write.UpdateOrder up) {
            OrderRecord cur = s.orders.get(up.order().id());
            if (cur == null || cur.version() != up.order().version() - 1) {
                return false;
            }
            s.orders.put(up.order().id(), up.order());
            return true;
        } else if (w instanceof Write.InsertDispute ins) {
            DisputeRecord d = ins.dispute();
            if (s.disputes.containsKey(d.id())
                    || s.disputes.values().stream().anyMatch(x -> x.orderId().equals(d.orderId()))) {
                return false;
            }
            s.disputes.put(d.id(), d);
            return true;
        } else if (w instanceof Write.UpdateDispute up) {
            DisputeRecord cur = s.disputes.get(up.dispute().id());
            if (cur == null || cur.version() != up.dispute().version() - 1) {
                return false;
            }
            s.disputes.put(up.dispute().id(), up.dispute());
            return true;
        } else if (w instanceof Write.PutUser pu) {
            s.users.put(pu.user().identityPubkey(), pu.user());
            return true;
        } else if (w instanceof Write.PutSolver ps) {
            s.solvers.put(ps.solver().pubkey(), ps.solver());
            return true;
        } else if (w instanceof Write.Enqueue en) {
            long seq = s.nextSeq++;
            OutboxEntry e = en.entry();
            s.outbox.put(seq, new OutboxEntry(seq, e.eventJson(), e.purpose(), e.attempts(), e.notBefore()));
            return true;
        } else if (w instanceof Write.Dequeue dq) {
            s.outbox.remove(dq.seq());
            return true;
        } else if (w instanceof Write.Reschedule rs) {
            OutboxEntry e = s.outbox.get(rs.seq());
            if (e != null) {
                s.outbox.put(rs.seq(), new OutboxEntry(rs.seq(), e.eventJson(), e.purpose(), rs.attempts(),
                        rs.notBefore()));
            }
            return true;
        } else if (w instanceof Write.MarkProcessed mp) {
            return s.processed.putIfAbsent(mp.eventId(), mp.at()) == null;
        } else if (w instanceof Write.PruneProcessed pp) {
            s.processed.values().removeIf(at -> at < pp.before());
            return true;
        } else if (w instanceof Write.PutMeta pm) {
            s.meta.put(pm.key(), pm.value());
            return true;
        }
        throw new IllegalStateException("unknown write " + w);
    }

    @Override
    public void close() {}
}

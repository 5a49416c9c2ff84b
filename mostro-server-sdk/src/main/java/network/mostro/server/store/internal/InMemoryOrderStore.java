package network.mostro.server.store.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import network.mostro.nostr.InvalidInputException;
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
 * {@link OrderStore} in memory. One lock serialises reads and commits. A commit applies its writes in place and
 * records, for every map entry it touches, how to put the entry back (an undo log); if a write conflicts or throws,
 * the log is replayed backwards, so a failed commit leaves nothing behind. Thread-safe.
 */
public final class InMemoryOrderStore implements OrderStore {

    private final Map<UUID, OrderRecord> orders = new LinkedHashMap<>();
    private final Map<UUID, DisputeRecord> disputes = new LinkedHashMap<>();
    private final Map<UUID, UUID> disputeByOrder = new HashMap<>();
    private final Map<String, UserRecord> users = new HashMap<>();
    private final Map<String, SolverRecord> solvers = new HashMap<>();
    private final TreeMap<Long, OutboxEntry> outbox = new TreeMap<>();
    private final Map<String, Long> processedAt = new HashMap<>();
    private final Map<String, String> meta = new HashMap<>();
    private long nextSeq = 1;

    /** The undo log of the commit in progress (only touched under the lock). */
    private final Deque<Runnable> undo = new ArrayDeque<>();

    private static void requireArg(Object arg, String what) {
        if (arg == null) {
            throw new InvalidInputException(what + ": null argument");
        }
    }

    private static <E> Set<E> wanted(Collection<E> values, String what) {
        requireArg(values, what);
        for (E v : values) {
            requireArg(v, what);
        }
        return Set.copyOf(values);
    }

    @Override
    public synchronized Optional<OrderRecord> order(UUID id) {
        requireArg(id, "order");
        return Optional.ofNullable(orders.get(id));
    }

    @Override
    public synchronized List<OrderRecord> ordersByStatus(Collection<OrderStatus> statuses) {
        Set<OrderStatus> wanted = wanted(statuses, "ordersByStatus");
        return oldestFirst(orders.values().stream().filter(o -> wanted.contains(o.status())).toList(),
                OrderRecord::createdAt);
    }

    @Override
    public synchronized List<OrderRecord> ordersByIdentity(String identityHex) {
        requireArg(identityHex, "ordersByIdentity");
        return oldestFirst(orders.values().stream()
                .filter(o -> identityHex.equals(o.masterBuyerPubkey()) || identityHex.equals(o.masterSellerPubkey()))
                .toList(), OrderRecord::createdAt);
    }

    /** Stable sort: records created in the same second stay in insertion order. */
    private static <T> List<T> oldestFirst(List<T> list, java.util.function.ToLongFunction<T> createdAt) {
        List<T> out = new ArrayList<>(list);
        out.sort(Comparator.comparingLong(createdAt));
        return out;
    }

    @Override
    public synchronized Optional<DisputeRecord> dispute(UUID disputeId) {
        requireArg(disputeId, "dispute");
        return Optional.ofNullable(disputes.get(disputeId));
    }

    @Override
    public synchronized Optional<DisputeRecord> disputeOfOrder(UUID orderId) {
        requireArg(orderId, "disputeOfOrder");
        UUID id = disputeByOrder.get(orderId);
        return id == null ? Optional.empty() : Optional.of(disputes.get(id));
    }

    @Override
    public synchronized List<DisputeRecord> disputesByStatus(Collection<DisputeStatus> statuses) {
        Set<DisputeStatus> wanted = wanted(statuses, "disputesByStatus");
        return oldestFirst(disputes.values().stream().filter(d -> wanted.contains(d.status())).toList(),
                DisputeRecord::createdAt);
    }

    @Override
    public synchronized Optional<UserRecord> user(String identityHex) {
        requireArg(identityHex, "user");
        return Optional.ofNullable(users.get(identityHex));
    }

    @Override
    public synchronized Optional<SolverRecord> solver(String pubkeyHex) {
        requireArg(pubkeyHex, "solver");
        return Optional.ofNullable(solvers.get(pubkeyHex));
    }

    @Override
    public synchronized List<OutboxEntry> outboxDue(long now, int limit) {
        return outbox.values().stream().filter(e -> e.notBefore() <= now).limit(Math.max(0, limit)).toList();
    }

    @Override
    public synchronized long outboxSize() {
        return outbox.size();
    }

    @Override
    public synchronized boolean processed(String eventId) {
        requireArg(eventId, "processed");
        return processedAt.containsKey(eventId);
    }

    @Override
    public synchronized Optional<String> meta(String key) {
        requireArg(key, "meta");
        return Optional.ofNullable(meta.get(key));
    }

    @Override
    public synchronized boolean commit(List<Write> writes) {
        requireArg(writes, "commit");
        List<Write> ws = new ArrayList<>(writes);
        for (Write w : ws) {
            requireArg(w, "commit (write)");
        }
        undo.clear();
        long seqBefore = nextSeq;
        boolean ok = false;
        try {
            for (Write w : ws) {
                if (!apply(w)) {
                    return false;
                }
            }
            ok = true;
            return true;
        } finally {
            if (!ok) {
                while (!undo.isEmpty()) {
                    undo.pop().run();
                }
                nextSeq = seqBefore;
            }
            undo.clear();
        }
    }

    /** Sets {@code map[key] = value} (or removes it if {@code value} is null), logging how to restore the entry. */
    private <K, V> void set(Map<K, V> map, K key, V value) {
        boolean had = map.containsKey(key);
        V old = map.get(key);
        // Restoring with put keeps a LinkedHashMap entry in its place; an entry that was absent is removed again.
        undo.push(had ? () -> map.put(key, old) : () -> map.remove(key));
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    private boolean apply(Write w) {
        if (w instanceof Write.InsertOrder ins) {
            if (orders.containsKey(ins.order().id())) {
                return false;
            }
            set(orders, ins.order().id(), ins.order());
            return true;
        } else if (w instanceof Write.UpdateOrder up) {
            OrderRecord cur = orders.get(up.order().id());
            if (cur == null || cur.version() != up.order().version() - 1) {
                return false;
            }
            set(orders, up.order().id(), up.order());
            return true;
        } else if (w instanceof Write.InsertDispute ins) {
            DisputeRecord d = ins.dispute();
            if (disputes.containsKey(d.id()) || disputeByOrder.containsKey(d.orderId())
                    || !orders.containsKey(d.orderId())) {
                return false;
            }
            set(disputes, d.id(), d);
            set(disputeByOrder, d.orderId(), d.id());
            return true;
        } else if (w instanceof Write.UpdateDispute up) {
            DisputeRecord d = up.dispute();
            DisputeRecord cur = disputes.get(d.id());
            if (cur == null || cur.version() != d.version() - 1 || !cur.orderId().equals(d.orderId())) {
                return false;
            }
            set(disputes, d.id(), d);
            return true;
        } else if (w instanceof Write.PutUser pu) {
            set(users, pu.user().identityPubkey(), pu.user());
            return true;
        } else if (w instanceof Write.PutSolver ps) {
            set(solvers, ps.solver().pubkey(), ps.solver());
            return true;
        } else if (w instanceof Write.Enqueue en) {
            long seq = nextSeq++;
            OutboxEntry e = en.entry();
            set(outbox, seq, new OutboxEntry(seq, e.eventJson(), e.purpose(), e.attempts(), e.notBefore()));
            return true;
        } else if (w instanceof Write.Dequeue dq) {
            if (outbox.containsKey(dq.seq())) {
                set(outbox, dq.seq(), null);
            }
            return true;
        } else if (w instanceof Write.Reschedule rs) {
            OutboxEntry e = outbox.get(rs.seq());
            if (e != null) {
                set(outbox, rs.seq(), new OutboxEntry(rs.seq(), e.eventJson(), e.purpose(), rs.attempts(),
                        rs.notBefore()));
            }
            return true;
        } else if (w instanceof Write.MarkProcessed mp) {
            if (processedAt.containsKey(mp.eventId())) {
                return false;
            }
            set(processedAt, mp.eventId(), mp.at());
            return true;
        } else if (w instanceof Write.PruneProcessed pp) {
            List<String> old = processedAt.entrySet().stream().filter(e -> e.getValue() < pp.before())
                    .map(Map.Entry::getKey).toList();
            for (String id : old) {
                set(processedAt, id, null);
            }
            return true;
        } else if (w instanceof Write.PutMeta pm) {
            set(meta, pm.key(), pm.value());
            return true;
        }
        throw new IllegalStateException("unknown write " + w);
    }

    @Override
    public void close() {}
}

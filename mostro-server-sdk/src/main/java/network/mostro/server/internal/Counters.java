package network.mostro.server.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import network.mostro.protocol.CantDoReason;
import network.mostro.server.DropReason;
import network.mostro.server.NodeCounters;

/** The node's counters. Thread-safe. */
final class Counters {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLongArray dropped = new AtomicLongArray(DropReason.values().length);
    final AtomicLongArray cantDo = new AtomicLongArray(CantDoReason.values().length);
    final AtomicLong payoutsOk = new AtomicLong();
    final AtomicLong payoutsFailed = new AtomicLong();
    final AtomicLong publishFailures = new AtomicLong();
    final AtomicLong escrowAlerts = new AtomicLong();

    void drop(DropReason r) {
        dropped.incrementAndGet(r.ordinal());
    }

    void cantDo(CantDoReason r) {
        cantDo.incrementAndGet(r.ordinal());
    }

    NodeCounters snapshot(long outboxSize, long outboxRetrying) {
        Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            long v = dropped.get(r.ordinal());
            if (v > 0) {
                d.put(r, v);
            }
        }
        Map<CantDoReason, Long> c = new EnumMap<>(CantDoReason.class);
        for (CantDoReason r : CantDoReason.values()) {
            long v = cantDo.get(r.ordinal());
            if (v > 0) {
                c.put(r, v);
            }
        }
        return new NodeCounters(accepted.get(), d, c, payoutsOk.get(), payoutsFailed.get(), publishFailures.get(),
                outboxSize, outboxRetrying, escrowAlerts.get());
    }
}

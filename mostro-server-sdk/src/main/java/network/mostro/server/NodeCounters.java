package network.mostro.server;

import java.util.Map;
import network.mostro.protocol.CantDoReason;

/**
 * A snapshot of a node's counters since it started. Immutable and thread-safe.
 *
 * @param accepted inbound messages that reached a handler and changed state or got a reply
 * @param dropped inbound events dropped silently, by reason
 * @param cantDo {@code cant-do} replies sent, by reason
 * @param payoutsSucceeded buyer payouts that succeeded
 * @param payoutsFailed buyer payout attempts that failed
 * @param publishFailures outbox publish attempts no relay accepted
 * @param outboxSize events waiting in the outbox
 * @param outboxRetrying outbox entries that failed to publish at least once and are waiting for a retry (they
 *     are never dropped; the back-off is capped at 5 minutes)
 * @param escrowAlerts escrow inconsistencies found by the periodic reconciliation, e.g. an order whose escrow
 *     must be settled but whose hold invoice is canceled (each is also logged at error level)
 */
public record NodeCounters(long accepted, Map<DropReason, Long> dropped, Map<CantDoReason, Long> cantDo,
        long payoutsSucceeded, long payoutsFailed, long publishFailures, long outboxSize, long outboxRetrying,
        long escrowAlerts) {
    /** Copies the maps. */
    public NodeCounters {
        dropped = Map.copyOf(dropped);
        cantDo = Map.copyOf(cantDo);
    }

    /** The counters without the outbox-retry and escrow-alert figures (both zero). */
    public NodeCounters(long accepted, Map<DropReason, Long> dropped, Map<CantDoReason, Long> cantDo,
            long payoutsSucceeded, long payoutsFailed, long publishFailures, long outboxSize) {
        this(accepted, dropped, cantDo, payoutsSucceeded, payoutsFailed, publishFailures, outboxSize, 0, 0);
    }

    /** Events dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    /** {@code cant-do} replies with {@code reason}. */
    public long cantDo(CantDoReason reason) {
        return cantDo.getOrDefault(reason, 0L);
    }
}

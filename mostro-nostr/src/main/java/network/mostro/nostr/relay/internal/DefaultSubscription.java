package network.mostro.nostr.relay.internal;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import network.mostro.nostr.Event;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.RelayDiagnostic;
import network.mostro.nostr.relay.Subscription;
import network.mostro.nostr.relay.SubscriptionListener;

/** A pool subscription: de-duplication, filter matching, bounded serial delivery, EOSE bookkeeping. */
final class DefaultSubscription implements Subscription {
    private final DefaultRelayPool pool;
    private final String id;
    private final List<Filter> filters;
    private final SubscriptionListener listener;
    private final Set<URI> targets; // null = every relay of the pool
    private final IdWindow delivered;
    private final SerialQueue queue;
    private final int queueLimit;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    // EOSE bookkeeping, guarded by this
    private final Set<URI> awaitingEose = new LinkedHashSet<>();
    private boolean eoseDone;
    private ScheduledFuture<?> eoseTimer;

    DefaultSubscription(DefaultRelayPool pool, String id, List<Filter> filters, SubscriptionListener listener,
                        Set<URI> targets, PoolConfig cfg, java.util.concurrent.Executor callbacks) {
        this.pool = pool;
        this.id = id;
        this.filters = List.copyOf(filters);
        this.listener = listener;
        this.targets = targets == null ? null : Set.copyOf(targets);
        this.delivered = new IdWindow(cfg.dedupWindow());
        this.queueLimit = cfg.maxPendingEvents();
        this.queue = new SerialQueue(callbacks, queueLimit);
    }

    boolean appliesTo(URI relay) {
        return targets == null || targets.contains(relay);
    }

    /** Called once, before the subscription is sent anywhere. */
    void startEose(Set<URI> relays, long timeoutMillis) {
        boolean fireNow;
        synchronized (this) {
            awaitingEose.addAll(relays);
            fireNow = awaitingEose.isEmpty();
            if (fireNow) {
                eoseDone = true;
            } else {
                eoseTimer = pool.schedule(this::eoseTimedOut, timeoutMillis);
            }
        }
        if (fireNow) {
            queue.force(() -> {
                if (!closed) {
                    listener.onEoseComplete(Set.of());
                }
            });
        }
    }

    boolean matches(Event e) {
        for (Filter f : filters) {
            if (f.matches(e)) {
                return true;
            }
        }
        return false;
    }

    boolean alreadyDelivered(String eventId) {
        return delivered.contains(eventId);
    }

    /** Delivers a verified, matching event unless already delivered; overflow drops it with a diagnostic. */
    void deliver(Event e, URI relay) {
        if (closed || !delivered.add(e.id())) {
            return;
        }
        boolean queued = queue.offer(() -> {
            if (!closed) {
                listener.onEvent(e, relay);
            }
        });
        if (!queued && !closed) {
            delivered.remove(e.id());
            dropped.incrementAndGet();
            pool.diagnostic(new RelayDiagnostic.SubscriptionOverflow(relay, id, e.id(), queueLimit));
        }
    }

    void relayEose(URI relay) {
        queue.force(() -> {
            if (!closed) {
                listener.onEose(relay);
            }
        });
        eoseProgress(relay);
    }

    void relayClosed(URI relay, String message) {
        queue.force(() -> {
            if (!closed) {
                listener.onClosed(relay, message);
            }
        });
        eoseProgress(relay);
    }

    private void eoseProgress(URI relay) {
        synchronized (this) {
            if (eoseDone || !awaitingEose.remove(relay) || !awaitingEose.isEmpty()) {
                return;
            }
            eoseDone = true;
            if (eoseTimer != null) {
                eoseTimer.cancel(false);
            }
        }
        queue.force(() -> {
            if (!closed) {
                listener.onEoseComplete(Set.of());
            }
        });
    }

    private void eoseTimedOut() {
        Set<URI> missing;
        synchronized (this) {
            if (eoseDone) {
                return;
            }
            eoseDone = true;
            missing = Set.copyOf(awaitingEose);
        }
        queue.force(() -> {
            if (!closed) {
                listener.onEoseComplete(missing);
            }
        });
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<Filter> filters() {
        return filters;
    }

    @Override
    public long droppedEvents() {
        return dropped.get();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.unsubscribe(this);
        terminate();
    }

    /** Stops delivery without sending CLOSE (the pool is closing). */
    void terminate() {
        closed = true;
        queue.shutdown();
        synchronized (this) {
            eoseDone = true;
            if (eoseTimer != null) {
                eoseTimer.cancel(false);
            }
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + id + "]";
    }
}

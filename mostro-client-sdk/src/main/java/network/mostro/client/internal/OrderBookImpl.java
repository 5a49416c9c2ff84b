package network.mostro.client.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import network.mostro.client.OrderBook;
import network.mostro.client.OrderBookEntry;
import network.mostro.client.OrderBookFilter;
import network.mostro.client.OrderBookListener;
import network.mostro.nostr.Event;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.relay.Subscription;
import network.mostro.protocol.event.OrderEvent;

/**
 * {@link OrderBook} over a kind-38383 subscription: newest revision per order wins (higher {@code created_at}, then
 * lower id), expired orders are dropped by {@link #sweep(long)}. Thread-safe (synchronized on the book).
 */
public final class OrderBookImpl implements OrderBook {
    private final PublicKey node;
    private final OrderBookFilter filter;
    private final Executor callbacks;
    private final Consumer<String> ignored;
    private final Map<UUID, OrderBookEntry> newest = new HashMap<>();
    private final Map<UUID, OrderBookEntry> visible = new HashMap<>();
    private final List<OrderBookListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Subscription subscription;
    private volatile boolean closed;
    private final Runnable onClose;
    private final java.time.Clock clock;

    OrderBookImpl(PublicKey node, OrderBookFilter filter, Executor callbacks, Consumer<String> ignored,
            Runnable onClose, java.time.Clock clock) {
        this.clock = clock;
        this.node = node;
        this.filter = filter;
        this.callbacks = callbacks;
        this.ignored = ignored;
        this.onClose = onClose;
    }

    void attach(Subscription s) {
        this.subscription = s;
        if (closed) {
            s.close();
        }
    }

    /** Parses an event into an entry, or null (reported) when it is not a valid order event of this node. */
    static OrderBookEntry entryOf(Event e, PublicKey node, Consumer<String> ignored) {
        if (!e.pubkey().equals(node)) {
            ignored.accept("order event from another author");
            return null;
        }
        try {
            OrderEvent o = OrderEvent.parse(e);
            UUID id = UUID.fromString(o.orderId());
            return new OrderBookEntry(id, node, o.kind(), o.status(), o.fiatCode(), o.amount(), o.fiatAmount(),
                    o.paymentMethods(), o.premium(), o.rating(), o.expiresAt(), o.expiration(), o.network(),
                    e.createdAt(), e.id());
        } catch (NostrException | IllegalArgumentException | NullPointerException ex) {
            ignored.accept("malformed order event " + e.id() + ": " + ex.getMessage());
            return null;
        }
    }

    /** Handles one event at {@code now} (Unix seconds). */
    void onEvent(Event e, long now) {
        OrderBookEntry entry = entryOf(e, node, ignored);
        if (entry == null) {
            return;
        }
        synchronized (this) {
            OrderBookEntry old = newest.get(entry.orderId());
            if (old != null && (old.createdAt() > entry.createdAt()
                    || (old.createdAt() == entry.createdAt() && old.eventId().compareTo(entry.eventId()) <= 0))) {
                return;
            }
            newest.put(entry.orderId(), entry);
            update(entry.orderId(), entry, now);
        }
    }

    private void update(UUID id, OrderBookEntry entry, long now) {
        OrderBookEntry before = visible.get(id);
        boolean show = entry != null && filter.matches(entry) && !entry.isExpiredAt(now);
        if (show) {
            visible.put(id, entry);
            if (before == null) {
                fire(l -> l.onAdded(entry));
            } else if (before != entry) {
                fire(l -> l.onUpdated(before, entry));
            }
        } else if (before != null) {
            visible.remove(id);
            fire(l -> l.onRemoved(before));
        }
    }

    /** Removes entries that expired by {@code now}. */
    synchronized void sweep(long now) {
        for (OrderBookEntry e : new ArrayList<>(visible.values())) {
            if (e.isExpiredAt(now)) {
                update(e.orderId(), null, now);
            }
        }
    }

    private void fire(Consumer<OrderBookListener> call) {
        if (closed) {
            return;
        }
        for (OrderBookListener l : listeners) {
            callbacks.execute(() -> {
                if (!closed) {
                    call.accept(l);
                }
            });
        }
    }

    @Override
    public synchronized List<OrderBookEntry> snapshot() {
        long now = clock.instant().getEpochSecond();
        return visible.values().stream().filter(e -> !e.isExpiredAt(now))
                .sorted(Comparator.comparingLong(OrderBookEntry::createdAt).reversed()).toList();
    }

    @Override
    public synchronized Optional<OrderBookEntry> get(UUID orderId) {
        return Optional.ofNullable(visible.get(orderId));
    }

    @Override
    public OrderBookFilter filter() {
        return filter;
    }

    @Override
    public void addListener(OrderBookListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(OrderBookListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        closed = true;
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        onClose.run();
    }
}

package network.mostro.examples.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import network.mostro.nostr.Event;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.PublishResult;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.RelayStatus;
import network.mostro.nostr.relay.Subscription;
import network.mostro.nostr.relay.SubscriptionListener;

/**
 * A {@link RelayPool} view that hands each subscription's stored events to its listener oldest first, after the end of
 * stored events, and live events as they come. NIP-01 relays send stored events newest first; a client that was offline
 * across several Mostro notifications (every CLI invocation is) would otherwise apply them in reverse order, and its
 * status tracking would stall (for example {@code fiat-sent-ok} before {@code buyer-took-order}). Events of the same
 * second keep the reverse of the relay's order, which for a newest-first relay is their publication order. Thread-safe;
 * does not own the delegate ({@link #close()} is a no-op).
 */
final class OrderedBacklogPool implements RelayPool {
    private final RelayPool delegate;

    OrderedBacklogPool(RelayPool delegate) {
        this.delegate = delegate;
    }

    @Override
    public Set<URI> relays() {
        return delegate.relays();
    }

    @Override
    public Map<URI, RelayStatus> statuses() {
        return delegate.statuses();
    }

    @Override
    public void addRelay(URI relay) {
        delegate.addRelay(relay);
    }

    @Override
    public boolean removeRelay(URI relay) {
        return delegate.removeRelay(relay);
    }

    @Override
    public CompletionStage<PublishResult> publish(Event event) {
        return delegate.publish(event);
    }

    @Override
    public CompletionStage<PublishResult> publish(Event event, Set<URI> relays) {
        return delegate.publish(event, relays);
    }

    @Override
    public Subscription subscribe(List<Filter> filters, SubscriptionListener listener) {
        return delegate.subscribe(filters, new Ordering(listener));
    }

    @Override
    public Subscription subscribe(List<Filter> filters, SubscriptionListener listener, Set<URI> relays) {
        return delegate.subscribe(filters, new Ordering(listener), relays);
    }

    @Override
    public void close() {
        // the session closes the real pool
    }

    /** Buffers until the end of stored events, then replays oldest first. */
    private static final class Ordering implements SubscriptionListener {
        private final SubscriptionListener target;
        private List<Event> backlog = new ArrayList<>();
        private List<URI> from = new ArrayList<>();

        Ordering(SubscriptionListener target) {
            this.target = target;
        }

        @Override
        public void onEvent(Event event, URI relay) {
            synchronized (this) {
                if (backlog != null) {
                    backlog.add(event);
                    from.add(relay);
                    return;
                }
            }
            target.onEvent(event, relay);
        }

        @Override
        public void onEose(URI relay) {
            target.onEose(relay);
        }

        @Override
        public void onEoseComplete(Set<URI> timedOut) {
            List<Integer> order = new ArrayList<>();
            List<Event> events;
            List<URI> relays;
            synchronized (this) {
                events = backlog;
                relays = from;
                backlog = null;
                from = null;
                if (events == null) {
                    events = List.of();
                    relays = List.of();
                }
                for (int i = events.size() - 1; i >= 0; i--) {
                    order.add(i);
                }
                List<Event> ev = events;
                // stable: same-second events keep the reversed relay order
                order.sort(Comparator.comparingLong(i -> ev.get(i).createdAt()));
                for (int i : order) {
                    target.onEvent(events.get(i), relays.get(i));
                }
            }
            target.onEoseComplete(timedOut);
        }

        @Override
        public void onClosed(URI relay, String message) {
            target.onClosed(relay, message);
        }
    }
}

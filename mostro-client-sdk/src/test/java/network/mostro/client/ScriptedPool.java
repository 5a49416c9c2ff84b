package network.mostro.client;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import network.mostro.nostr.Event;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.PublishResult;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.RelayStatus;
import network.mostro.nostr.relay.Subscription;
import network.mostro.nostr.relay.SubscriptionListener;

/**
 * A {@link RelayPool} without a network for tests that must control exactly when a subscription sees events and
 * end-of-stored-events: it records every subscription (filters, listener, whether closed) and can announce EOSE from
 * inside {@code subscribe}, before it returns. Publishing is accepted by nobody. Thread-safe.
 */
final class ScriptedPool implements RelayPool {
    static final URI RELAY = URI.create("wss://scripted.invalid");

    /** One recorded subscription. */
    static final class Sub implements Subscription {
        final List<Filter> filters;
        final SubscriptionListener listener;
        volatile boolean closed;

        Sub(List<Filter> filters, SubscriptionListener listener) {
            this.filters = List.copyOf(filters);
            this.listener = listener;
        }

        @Override
        public String id() {
            return "scripted-" + System.identityHashCode(this);
        }

        @Override
        public List<Filter> filters() {
            return filters;
        }

        @Override
        public long droppedEvents() {
            return 0;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    final List<Sub> subscriptions = new CopyOnWriteArrayList<>();
    /** Subscriptions matching this get end-of-stored-events before {@code subscribe} returns. */
    volatile Predicate<List<Filter>> eoseInsideSubscribe = f -> false;
    volatile boolean closed;

    @Override
    public Set<URI> relays() {
        return Set.of(RELAY);
    }

    @Override
    public Map<URI, RelayStatus> statuses() {
        return Map.of();
    }

    @Override
    public void addRelay(URI relay) {}

    @Override
    public boolean removeRelay(URI relay) {
        return false;
    }

    @Override
    public CompletionStage<PublishResult> publish(Event event) {
        return CompletableFuture.completedFuture(new PublishResult(event.id(), Map.of()));
    }

    @Override
    public CompletionStage<PublishResult> publish(Event event, Set<URI> relays) {
        return publish(event);
    }

    @Override
    public Subscription subscribe(List<Filter> filters, SubscriptionListener listener) {
        Sub s = new Sub(filters, listener);
        subscriptions.add(s);
        if (eoseInsideSubscribe.test(filters)) {
            listener.onEoseComplete(Set.of());
        }
        return s;
    }

    @Override
    public Subscription subscribe(List<Filter> filters, SubscriptionListener listener, Set<URI> relays) {
        return subscribe(filters, listener);
    }

    /** The subscriptions asking for {@code kind}. */
    List<Sub> withKind(int kind) {
        return subscriptions.stream().filter(s -> s.filters.stream().anyMatch(f -> f.kinds() != null
                && f.kinds().contains(kind))).toList();
    }

    @Override
    public void close() {
        closed = true;
    }
}

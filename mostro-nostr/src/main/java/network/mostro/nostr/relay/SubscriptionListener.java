package network.mostro.nostr.relay;

import java.net.URI;
import java.util.Set;
import network.mostro.nostr.Event;

/**
 * Receives the events of one {@link Subscription}. Only {@link #onEvent} is required.
 *
 * <p>Every event delivered has a valid id and signature (unless verification was switched off), matches at
 * least one of the subscription's filters, and is delivered at most once, whichever relays sent it and
 * however often (within the pool's de-duplication window). Calls for one subscription are made on the
 * pool's callback executor one at a time, in order; none is made after {@link Subscription#close()} returns
 * (except one already running).
 */
@FunctionalInterface
public interface SubscriptionListener {

    /** A new event, first received from {@code relay}. */
    void onEvent(Event event, URI relay);

    /** {@code relay} has sent all its stored events (EOSE); called at most once per relay. */
    default void onEose(URI relay) {}

    /**
     * Every target relay has sent EOSE or closed the subscription, or the pool's EOSE timeout passed; called
     * once. {@code timedOut} names the relays that had not answered by then (empty when all did).
     */
    default void onEoseComplete(Set<URI> timedOut) {}

    /**
     * {@code relay} ended the subscription with {@code ["CLOSED", id, message]} (after the pool's NIP-42
     * retry, if any). The subscription goes on at the other relays and is not re-issued to this one.
     */
    default void onClosed(URI relay, String message) {}
}

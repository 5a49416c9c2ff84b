package network.mostro.nostr.relay;

import java.util.List;

/**
 * A live subscription created by {@link RelayPool#subscribe}. Thread-safe.
 *
 * <p>It stays open across reconnects: after a connection is re-established the pool re-issues it with
 * {@code since} set from the newest event seen from that relay, less the pool's safety margin, and its
 * de-duplication hides the overlap. It ends when {@link #close()} is called or the pool is closed.
 */
public interface Subscription extends AutoCloseable {

    /** The subscription id sent to relays. */
    String id();

    /** The filters as given. */
    List<Filter> filters();

    /** Events dropped because the listener fell behind (see {@link RelayDiagnostic.SubscriptionOverflow}). */
    long droppedEvents();

    /** True once closed. */
    boolean isClosed();

    /** Sends {@code CLOSE} to every relay and stops delivery; idempotent. */
    @Override
    void close();
}

package network.mostro.nostr.relay;

/**
 * The connection state of one relay in a {@link RelayPool}, reported to {@link RelayPoolListener#onStatus}.
 *
 * <p>Typical life: {@code CONNECTING → CONNECTED → DISCONNECTED → BACKOFF → CONNECTING → … → CLOSED}.
 * {@link #CLOSED} is terminal (the pool was closed or the relay removed). Immutable and thread-safe.
 */
public enum RelayStatus {
    /** The opening handshake is in progress. */
    CONNECTING,
    /** The connection is open; subscriptions have been (re-)issued and pending publishes (re-)sent. */
    CONNECTED,
    /** The connection was lost or could not be opened. */
    DISCONNECTED,
    /** Waiting for the back-off delay before the next attempt. */
    BACKOFF,
    /** Terminal: the relay was removed from the pool or the pool was closed. */
    CLOSED
}

package network.mostro.nostr.relay;

import java.net.URI;

/**
 * Receives pool-wide events: connection states, relay notices, NIP-42 outcomes and diagnostics about dropped
 * input. Every method has a no-op default.
 *
 * <p>Calls are made on the pool's callback executor, one at a time and in order (never concurrently).
 * Implementations must not block for long: they delay every other pool-wide callback. Diagnostics beyond the
 * pool's listener-queue bound are counted and dropped rather than queued without limit; status changes are
 * never dropped.
 */
public interface RelayPoolListener {

    /** A relay's connection state changed. {@code detail} is a reason for DISCONNECTED, else empty. */
    default void onStatus(URI relay, RelayStatus status, String detail) {}

    /** A relay sent {@code ["NOTICE", message]}. */
    default void onNotice(URI relay, String message) {}

    /** A relay answered the pool's NIP-42 {@code AUTH} event. */
    default void onAuth(URI relay, boolean accepted, String message) {}

    /** The pool dropped some input from a relay. */
    default void onDiagnostic(RelayDiagnostic diagnostic) {}
}

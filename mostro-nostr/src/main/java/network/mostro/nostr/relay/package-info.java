/**
 * A NIP-01 relay pool: connections to N relays, publishing with per-relay {@code OK} results, subscriptions
 * with filters and end-of-stored-events, NIP-42 authentication, de-duplication across relays, signature
 * verification of everything received, reconnection with back-off, bounded queues.
 *
 * <p>Start with {@link network.mostro.nostr.relay.RelayPool#builder()}. The WebSocket implementation is
 * pluggable through {@link network.mostro.nostr.relay.WebSocketTransport} (the default uses
 * {@code java.net.http}). Packages named {@code internal} are not API.
 */
package network.mostro.nostr.relay;

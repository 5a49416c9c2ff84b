package network.mostro.testkit.internal;

import java.util.List;
import network.mostro.nostr.Event;
import network.mostro.nostr.relay.Filter;

/** A parsed client-to-relay NIP-01 message. Immutable and thread-safe. */
public sealed interface ClientMessage {
    /** {@code ["EVENT", <event>]}: the event is well formed but not yet verified. */
    record Publish(Event event) implements ClientMessage {}

    /** {@code ["REQ", <id>, <filter>...]}. */
    record Req(String subscriptionId, List<Filter> filters) implements ClientMessage {
        public Req {
            filters = List.copyOf(filters);
        }
    }

    /** {@code ["CLOSE", <id>]}. */
    record Close(String subscriptionId) implements ClientMessage {}

    /** {@code ["AUTH", <event>]} (NIP-42): the event is well formed but not yet verified. */
    record Auth(Event event) implements ClientMessage {}
}

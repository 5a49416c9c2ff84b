package network.mostro.testkit.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.relay.Filter;
import org.java_websocket.WebSocket;

/** Server-side state of one connection. {@link #subscriptions} is guarded by the relay lock. */
final class Client {
    final WebSocket socket;
    final String challenge;
    final Outbox outbox;
    final Map<String, List<Filter>> subscriptions = new HashMap<>();
    final Set<PublicKey> authenticated = ConcurrentHashMap.newKeySet();

    Client(WebSocket socket, String challenge, Outbox outbox) {
        this.socket = socket;
        this.challenge = challenge;
        this.outbox = outbox;
    }
}

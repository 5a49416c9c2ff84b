package network.mostro.testkit.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.relay.Filter;
import org.java_websocket.WebSocket;

/**
 * Server-side state of one connection. {@link #subscriptions} is guarded by the relay lock; the received frames
 * wait in {@link #inbox} and are handled in order by one task at a time.
 */
final class Client {
    final WebSocket socket;
    final String challenge;
    final Outbox outbox;
    final Inbox<Inbound> inbox;
    final Map<String, List<Filter>> subscriptions = new HashMap<>();
    final Set<PublicKey> authenticated = ConcurrentHashMap.newKeySet();

    Client(WebSocket socket, String challenge, Outbox outbox, ExecutorService handlers,
            BiConsumer<Client, List<Inbound>> handler) {
        this.socket = socket;
        this.challenge = challenge;
        this.outbox = outbox;
        this.inbox = new Inbox<>(handlers, batch -> handler.accept(this, batch));
    }
}

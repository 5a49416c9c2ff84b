package network.mostro.client.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import network.mostro.client.ClientListener;
import network.mostro.client.SessionStore;
import network.mostro.nostr.keys.MostroKeys;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.protocol.transport.PrivacyMode;

/**
 * The frozen configuration of a client. Immutable.
 *
 * @param relays relays to connect to when no pool is given
 * @param pool an existing pool, or null
 * @param keys the key tree
 * @param mode privacy mode
 * @param store session store
 * @param executor callback executor, or null for a client-owned thread
 * @param listener client listener
 * @param timeout request timeout
 * @param clock clock
 * @param chatHistoryLimit chat messages kept per trade (memory and store), newest
 */
public record ClientConfig(List<URI> relays, RelayPool pool, MostroKeys keys, PrivacyMode mode, SessionStore store,
        Executor executor, ClientListener listener, Duration timeout, Clock clock, int chatHistoryLimit) {}

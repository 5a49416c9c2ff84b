package network.mostro.protocol.transport;

import java.util.Collection;
import java.util.Set;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PublicKey;

/**
 * A mutable, thread-safe {@link KnownKeys} that a node rebuilds periodically (the daemon every
 * {@code active_pubkeys_refresh_interval}, 60 s by default) with {@link #replaceAll}. Reads never block: each
 * replacement publishes a new immutable snapshot.
 */
public final class KnownKeySet implements KnownKeys {
    private volatile Set<PublicKey> keys = Set.of();

    @Override
    public boolean isKnown(PublicKey key) {
        return key != null && keys.contains(key);
    }

    /** Replaces the whole set (the periodic rebuild). */
    public void replaceAll(Collection<PublicKey> newKeys) {
        if (newKeys == null) {
            throw new InvalidInputException("keys are required");
        }
        keys = Set.copyOf(newKeys);
    }

    /** The current snapshot. */
    public Set<PublicKey> snapshot() {
        return keys;
    }

    @Override
    public String toString() {
        return "KnownKeySet[" + keys.size() + " keys]";
    }
}

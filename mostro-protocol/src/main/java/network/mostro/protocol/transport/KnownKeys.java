package network.mostro.protocol.transport;

import java.util.Collection;
import java.util.Set;
import network.mostro.nostr.PublicKey;

/**
 * The node's set of known sender keys for the first-contact lane (SPEC §3.6 step 4b): trade keys of every order not in
 * a terminal status, plus solver keys of open disputes. Events from other keys must reach {@code pow_first_contact}.
 * Implementations must be thread-safe; {@link KnownKeySet} is the in-memory one.
 */
@FunctionalInterface
public interface KnownKeys {
    /** Whether events from {@code key} take the normal lane. */
    boolean isKnown(PublicKey key);

    /** An immutable snapshot of {@code keys}. */
    static KnownKeys of(Collection<PublicKey> keys) {
        Set<PublicKey> copy = Set.copyOf(keys);
        return copy::contains;
    }

    /** No key is known: every sender is on first contact. */
    static KnownKeys none() {
        return key -> false;
    }
}

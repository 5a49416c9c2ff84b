package network.mostro.testkit.internal;

import java.util.Comparator;
import network.mostro.nostr.Event;

/**
 * An accepted event with its wire JSON (serialized once) and its NIP-40 expiry. Immutable and thread-safe.
 *
 * @param event the verified event
 * @param json {@code event.toJson()}
 * @param expiresAt unix seconds from the {@code expiration} tag, or {@link Long#MAX_VALUE}
 */
public record Stored(Event event, String json, long expiresAt) {
    /** NIP-01 result order: newest first, then lowest id first. */
    public static final Comparator<Stored> NEWEST_FIRST = Comparator
            .comparingLong((Stored s) -> s.event.createdAt()).reversed()
            .thenComparing(s -> s.event.id());

    public static Stored of(Event e, long expiresAt) {
        return new Stored(e, e.toJson(), expiresAt);
    }

    public boolean expiredAt(long nowSeconds) {
        return expiresAt <= nowSeconds;
    }
}

package network.mostro.nostr.relay;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The per-relay outcome of {@link RelayPool#publish}: one {@link RelayReply} for every relay the event was
 * meant for. Immutable and thread-safe.
 *
 * @param eventId the published event's id
 * @param replies one entry per target relay, in the order the relays were given
 */
public record PublishResult(String eventId, Map<URI, RelayReply> replies) {
    public PublishResult {
        Objects.requireNonNull(eventId, "eventId");
        replies = Collections.unmodifiableMap(new LinkedHashMap<>(replies));
    }

    /** True when at least one relay accepted the event. */
    public boolean acceptedByAny() {
        return replies.values().stream().anyMatch(RelayReply::accepted);
    }

    /** The relays that accepted the event. */
    public Set<URI> acceptedBy() {
        return replies.entrySet().stream().filter(e -> e.getValue().accepted())
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    /** The reply of one relay, or null when it was not a target. */
    public RelayReply reply(URI relay) {
        return replies.get(relay);
    }
}

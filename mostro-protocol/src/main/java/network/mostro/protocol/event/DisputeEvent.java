package network.mostro.protocol.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.DisputeInitiator;
import network.mostro.protocol.DisputeStatus;

/**
 * A kind-38386 dispute event (SPEC §12.4), {@code d} = dispute id. Daemon tag order:
 * {@code d, expiration, s, initiator, created_at, y, z}. It does not carry the order id. Status and initiator are
 * kept as text because newer daemons add values ({@code cooperatively-canceled}, initiator {@code unknown}); use
 * {@link #knownStatus()} / {@link #knownInitiator()} for the typed forms. Required: {@code d, s}. Immutable and
 * thread-safe.
 *
 * @param disputeId {@code d}
 * @param expiration NIP-40 expiration, or null
 * @param status {@code s}
 * @param initiator {@code initiator}, or null
 * @param disputeCreatedAt the {@code created_at} tag (dispute open time, not the event's), or null
 * @param platform {@code y}, or null
 * @param z {@code z} ({@code "dispute"}), or null
 * @param unknownTags every other tag, in order (for example v0.19's {@code published_at})
 */
public record DisputeEvent(String disputeId, Long expiration, String status, String initiator, Long disputeCreatedAt,
        Platform platform, String z, List<Tag> unknownTags) {
    /** The event kind. */
    public static final int KIND = 38386;

    private static final Set<String> KNOWN = Set.of("d", "expiration", "s", "initiator", "created_at", "y", "z");

    /** @throws InvalidInputException if {@code disputeId} or {@code status} is null */
    public DisputeEvent {
        if (disputeId == null || status == null) {
            throw new InvalidInputException("dispute event needs d and s");
        }
        unknownTags = unknownTags == null ? List.of() : List.copyOf(unknownTags);
    }

    /** @throws EventParseException for the wrong kind, a missing required tag, or a malformed known tag */
    public static DisputeEvent parse(Event event) {
        TagReader.checkKind(event, KIND);
        return fromTags(event.tags());
    }

    /** @throws EventParseException for a missing required tag or a malformed known tag */
    public static DisputeEvent fromTags(List<Tag> tags) {
        TagReader r = new TagReader(tags, KNOWN);
        return new DisputeEvent(r.required("d"), r.optionalLong("expiration"), r.required("s"),
                r.optional("initiator"), r.optionalLong("created_at"), TagReader.platform(r), r.optional("z"),
                r.unknown());
    }

    /** {@link #status()} as a known dispute status, if it is one. */
    public Optional<DisputeStatus> knownStatus() {
        return DisputeStatus.fromWire(status);
    }

    /** {@link #initiator()} as a known initiator, if it is one. */
    public Optional<DisputeInitiator> knownInitiator() {
        return initiator == null ? Optional.empty() : DisputeInitiator.fromWire(initiator);
    }

    /** The tags in the daemon's order, then the unknown tags. */
    public List<Tag> toTags() {
        List<Tag> out = new ArrayList<>(8 + unknownTags.size());
        out.add(Tag.of("d", disputeId));
        TagReader.addIfPresent(out, "expiration", expiration);
        out.add(Tag.of("s", status));
        TagReader.addIfPresent(out, "initiator", initiator);
        TagReader.addIfPresent(out, "created_at", disputeCreatedAt);
        TagReader.addIfPresent(out, platform);
        TagReader.addIfPresent(out, "z", z);
        out.addAll(unknownTags);
        return List.copyOf(out);
    }

    /** The unsigned event ({@code content = ""}) to sign with the node key. */
    public UnsignedEvent toUnsignedEvent(PublicKey node, long createdAt) {
        return new UnsignedEvent(Objects.requireNonNull(node, "node"), createdAt, KIND, toTags(), "");
    }
}

package network.mostro.protocol.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;

/**
 * A kind-10002 relay list (NIP-65; SPEC §12.5): one {@code ["r", url]} per relay the node is connected to, with an
 * optional {@code read}/{@code write} marker. Non-{@code r} tags are kept as unknown. Immutable and thread-safe.
 *
 * @param relays the {@code r} tags in order
 * @param unknownTags every other tag, in order
 */
public record RelayListEvent(List<Relay> relays, List<Tag> unknownTags) {
    /** The event kind. */
    public static final int KIND = 10002;

    /**
     * One relay.
     *
     * @param url the relay URL
     * @param marker {@code read}, {@code write}, or null for both
     */
    public record Relay(String url, String marker) {
        public Relay {
            if (url == null) {
                throw new InvalidInputException("relay url is required");
            }
        }

        Tag toTag() {
            return marker == null ? Tag.of("r", url) : Tag.of("r", url, marker);
        }
    }

    public RelayListEvent {
        relays = List.copyOf(Objects.requireNonNull(relays, "relays"));
        unknownTags = unknownTags == null ? List.of() : List.copyOf(unknownTags);
    }

    /** A list of relays without markers. */
    public static RelayListEvent of(List<String> urls) {
        return new RelayListEvent(urls.stream().map(u -> new Relay(u, null)).toList(), List.of());
    }

    /** @throws EventParseException for the wrong kind or an {@code r} tag without a URL */
    public static RelayListEvent parse(Event event) {
        TagReader.checkKind(event, KIND);
        return fromTags(event.tags());
    }

    /** @throws EventParseException for an {@code r} tag without a URL */
    public static RelayListEvent fromTags(List<Tag> tags) {
        if (tags == null) {
            throw new EventParseException("tags", "tags are required");
        }
        List<Relay> relays = new ArrayList<>();
        List<Tag> unknown = new ArrayList<>();
        for (Tag t : tags) {
            if (t.name().equals("r")) {
                if (t.size() < 2 || t.get(1).isEmpty()) {
                    throw new EventParseException("r", "relay tag without a URL");
                }
                relays.add(new Relay(t.get(1), t.get(2)));
            } else {
                unknown.add(t);
            }
        }
        return new RelayListEvent(relays, unknown);
    }

    /** The relay URLs. */
    public List<String> urls() {
        return relays.stream().map(Relay::url).toList();
    }

    /** The {@code r} tags, then the unknown tags. */
    public List<Tag> toTags() {
        List<Tag> out = new ArrayList<>(relays.size() + unknownTags.size());
        for (Relay r : relays) {
            out.add(r.toTag());
        }
        out.addAll(unknownTags);
        return List.copyOf(out);
    }

    /** The unsigned event ({@code content = ""}) to sign with the node key. */
    public UnsignedEvent toUnsignedEvent(PublicKey node, long createdAt) {
        return new UnsignedEvent(Objects.requireNonNull(node, "node"), createdAt, KIND, toTags(), "");
    }
}

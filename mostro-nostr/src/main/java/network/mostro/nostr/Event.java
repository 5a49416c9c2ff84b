package network.mostro.nostr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.mostro.nostr.internal.EventJson;
import network.mostro.nostr.internal.EventSerializer;
import network.mostro.nostr.internal.Hex;

/**
 * A signed Nostr event (<a href="https://github.com/nostr-protocol/nips/blob/master/01.md">NIP-01</a>).
 *
 * <p>An {@code Event} is well formed by construction (hex lengths, kind range, tag shape) but not
 * necessarily authentic: call {@link #verify()} before trusting one that came from the network.
 * Create events with {@link UnsignedEvent#sign}; parse them with {@link #fromJson(String)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id 64 lowercase hex characters
 * @param pubkey the author
 * @param createdAt unix seconds
 * @param kind 0–65535
 * @param tags copied
 * @param content any string
 * @param sig 128 lowercase hex characters
 */
public record Event(String id, PublicKey pubkey, long createdAt, int kind, List<Tag> tags, String content, String sig) {
    public Event {
        Objects.requireNonNull(pubkey, "pubkey");
        Objects.requireNonNull(content, "content");
        tags = List.copyOf(tags);
        if (!Hex.isLowerHex(id, 64)) {
            throw new InvalidInputException("id must be 64 lowercase hex characters");
        }
        if (!Hex.isLowerHex(sig, 128)) {
            throw new InvalidInputException("sig must be 128 lowercase hex characters");
        }
        checkKindAndTime(kind, createdAt);
    }

    static void checkKindAndTime(int kind, long createdAt) {
        if (kind < 0 || kind > 65535) {
            throw new InvalidInputException("kind must be between 0 and 65535");
        }
        if (createdAt < 0) {
            throw new InvalidInputException("created_at must not be negative");
        }
    }

    /**
     * Parses an event with the default {@link EventLimits}. Does not verify it.
     *
     * @throws MalformedInputException if the text is not a JSON object
     * @throws InvalidInputException if a member is missing, has the wrong type or length, or breaks a limit
     * @throws CryptoException if the pubkey is not a curve point
     */
    public static Event fromJson(String json) {
        return fromJson(json, EventLimits.DEFAULT);
    }

    /** As {@link #fromJson(String)}, with explicit limits. */
    public static Event fromJson(String json, EventLimits limits) {
        return fromFields(EventJson.parse(json, limits));
    }

    /** Builds an event from parsed members (shared with the relay frame parser). */
    public static Event fromFields(EventJson.Fields f) {
        if (f.id == null || f.sig == null) {
            throw new InvalidInputException("event is missing id or sig");
        }
        UnsignedEvent u = UnsignedEvent.fromFields(f);
        return new Event(f.id, u.pubkey(), u.createdAt(), u.kind(), u.tags(), u.content(), f.sig);
    }

    /** The wire JSON, members in NIP-01 order, compact. */
    public String toJson() {
        return EventSerializer.toJson(id, pubkey.toHex(), createdAt, kind, tags, content, sig);
    }

    /** The id recomputed from the content (what {@link #id()} must equal). */
    public String computeId() {
        return EventSerializer.computeId(pubkey.toHex(), createdAt, kind, tags, content);
    }

    /** True when the id matches the content and the signature verifies against the author. */
    public boolean verify() {
        return computeId().equals(id) && verifySignature();
    }

    /** True when the signature verifies over {@link #id()}, without recomputing the id. */
    public boolean verifySignature() {
        return Schnorr.verify(pubkey, Hex.decode(id, 32, "id"), Hex.decode(sig, 64, "sig"));
    }

    /** The unsigned form (for re-signing or as a rumor). */
    public UnsignedEvent unsigned() {
        return new UnsignedEvent(pubkey, createdAt, kind, tags, content);
    }

    /** The value of the first tag named {@code name}. */
    public Optional<String> firstTagValue(String name) {
        for (Tag t : tags) {
            if (t.name().equals(name) && t.size() > 1) {
                return Optional.of(t.value());
            }
        }
        return Optional.empty();
    }

    /** The values of every tag named {@code name}, in order. */
    public List<String> tagValues(String name) {
        return tags.stream().filter(t -> t.name().equals(name) && t.size() > 1).map(Tag::value).toList();
    }

    /** The tags named {@code name}, in order. */
    public List<Tag> tags(String name) {
        return tags.stream().filter(t -> t.name().equals(name)).toList();
    }
}

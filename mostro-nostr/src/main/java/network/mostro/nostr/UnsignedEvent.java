package network.mostro.nostr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import network.mostro.nostr.internal.EventJson;
import network.mostro.nostr.internal.EventSerializer;
import network.mostro.nostr.internal.Hex;

/**
 * An event without a signature: the template you sign, and the NIP-59 "rumor". Its {@link #id()} is
 * computed per NIP-01. Immutable and thread-safe.
 *
 * @param pubkey author
 * @param createdAt unix seconds, ≥ 0
 * @param kind 0–65535
 * @param tags copied
 * @param content any string
 */
public record UnsignedEvent(PublicKey pubkey, long createdAt, int kind, List<Tag> tags, String content) {
    public UnsignedEvent {
        Objects.requireNonNull(pubkey, "pubkey");
        Objects.requireNonNull(content, "content");
        tags = List.copyOf(tags);
        Event.checkKindAndTime(kind, createdAt);
    }

    /** The NIP-01 id: lowercase hex SHA-256 of the canonical serialization. */
    public String id() {
        return EventSerializer.computeId(pubkey.toHex(), createdAt, kind, tags, content);
    }

    /**
     * Signs with {@code key}, which must be the key of {@link #pubkey()}.
     *
     * @throws InvalidInputException if {@code key} does not match the author
     */
    public Event sign(PrivateKey key) {
        return sign(key, null);
    }

    /** Signs with injected BIP-340 auxiliary randomness (tests, vectors; null: fresh secure randomness). */
    public Event sign(PrivateKey key, byte[] auxRand) {
        if (!key.publicKey().equals(pubkey)) {
            throw new InvalidInputException("signing key does not match the event author");
        }
        String id = id();
        byte[] digest = Hex.decode(id, 32, "id");
        // Without injected aux randomness, PrivateKey draws it from its shared SecureRandom.
        byte[] sig = auxRand == null ? key.sign(digest) : key.sign(digest, auxRand);
        return new Event(id, pubkey, createdAt, kind, tags, content, Hex.encode(sig));
    }

    /** Rumor JSON (NIP-59): the event object with {@code id} and without {@code sig}. */
    public String toJson() {
        return EventSerializer.toJson(id(), pubkey.toHex(), createdAt, kind, tags, content, null);
    }

    /**
     * Parses a rumor. A {@code sig} member, if present, is ignored; an {@code id} member, if present,
     * must match the content.
     *
     * @throws MalformedInputException if not a JSON object
     * @throws InvalidInputException if a member is missing, of the wrong type, or the id does not match
     * @throws CryptoException if the pubkey is not a curve point
     */
    public static UnsignedEvent fromJson(String json) {
        return fromJson(json, EventLimits.DEFAULT);
    }

    public static UnsignedEvent fromJson(String json, EventLimits limits) {
        EventJson.Fields f = EventJson.parse(json, limits);
        UnsignedEvent e = fromFields(f);
        if (f.id != null && !f.id.equals(e.id())) {
            throw new InvalidInputException("rumor id does not match its content");
        }
        return e;
    }

    static UnsignedEvent fromFields(EventJson.Fields f) {
        if (f.pubkey == null || f.createdAt < 0 || f.kind < 0 || f.tags == null || f.content == null) {
            throw new InvalidInputException("event is missing one of pubkey, created_at, kind, tags, content");
        }
        if (!Hex.isLowerHex(f.pubkey, 64)) {
            throw new InvalidInputException("pubkey must be 64 lowercase hex characters");
        }
        return new UnsignedEvent(PublicKey.fromHex(f.pubkey), f.createdAt, f.kind, f.tags, f.content);
    }

    /** A builder for templates; {@code createdAt} defaults to now. Not thread-safe. */
    public static Builder builder(int kind) {
        return new Builder(kind);
    }

    /** Mutable builder for {@link UnsignedEvent}. Not thread-safe. */
    public static final class Builder {
        private final int kind;
        private final List<Tag> tags = new ArrayList<>();
        private String content = "";
        private long createdAt = -1;

        private Builder(int kind) {
            this.kind = kind;
        }

        public Builder content(String content) {
            this.content = Objects.requireNonNull(content, "content");
            return this;
        }

        public Builder tag(Tag tag) {
            tags.add(Objects.requireNonNull(tag, "tag"));
            return this;
        }

        public Builder tag(String name, String... values) {
            return tag(Tag.of(name, values));
        }

        public Builder tags(List<Tag> more) {
            tags.addAll(more);
            return this;
        }

        /** Unix seconds (default: the current time when built). */
        public Builder createdAt(long unixSeconds) {
            this.createdAt = unixSeconds;
            return this;
        }

        public UnsignedEvent build(PublicKey author) {
            long at = createdAt >= 0 ? createdAt : System.currentTimeMillis() / 1000;
            return new UnsignedEvent(author, at, kind, tags, content);
        }

        /** Builds with the key's public key and signs. */
        public Event sign(PrivateKey key) {
            return build(key.publicKey()).sign(key);
        }
    }
}

package network.mostro.protocol.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.internal.RustDisplay;

/**
 * A kind-38384 rating event (SPEC §12.2). Daemon tag order:
 * {@code d, expiration, total_reviews, total_rating, last_rating, max_rate, min_rate, z, days}. The daemon's {@code d}
 * is the <em>rater's</em> trade key and it writes no {@code y} (SPEC §18 #10); a {@code y}, if set, is written after
 * {@code days}. Required: {@code d, total_reviews, total_rating, last_rating, max_rate, min_rate}. For display,
 * prefer the {@code rating} tag of order events. Immutable and thread-safe.
 *
 * @param d the {@code d} value (the rater's trade key hex on the daemon)
 * @param expiration NIP-40 expiration, or null
 * @param totalReviews {@code total_reviews}
 * @param totalRating {@code total_rating} (f64)
 * @param lastRating {@code last_rating} (1–5)
 * @param maxRate {@code max_rate}
 * @param minRate {@code min_rate}
 * @param z {@code z} ({@code "rating"}), or null
 * @param days {@code days}, or null
 * @param platform {@code y}, or null (the daemon writes none)
 * @param unknownTags every other tag, in order (for example v0.19's {@code since})
 */
public record RatingEvent(String d, Long expiration, long totalReviews, double totalRating, long lastRating,
        long maxRate, long minRate, String z, Long days, Platform platform, List<Tag> unknownTags) {
    /** The event kind. */
    public static final int KIND = 38384;

    private static final Set<String> KNOWN = Set.of("d", "expiration", "total_reviews", "total_rating",
            "last_rating", "max_rate", "min_rate", "z", "days", "y");

    /** @throws InvalidInputException if {@code d} is null or {@code totalRating} is not finite */
    public RatingEvent {
        if (d == null || !Double.isFinite(totalRating)) {
            throw new InvalidInputException("rating event needs d and a finite total_rating");
        }
        unknownTags = unknownTags == null ? List.of() : List.copyOf(unknownTags);
    }

    /** @throws EventParseException for the wrong kind, a missing required tag, or a malformed known tag */
    public static RatingEvent parse(Event event) {
        TagReader.checkKind(event, KIND);
        return fromTags(event.tags());
    }

    /** @throws EventParseException for a missing required tag or a malformed known tag */
    public static RatingEvent fromTags(List<Tag> tags) {
        TagReader r = new TagReader(tags, KNOWN);
        return new RatingEvent(r.required("d"), r.optionalLong("expiration"), nonNegative(r, "total_reviews"),
                r.requiredF64("total_rating"), nonNegative(r, "last_rating"), nonNegative(r, "max_rate"),
                nonNegative(r, "min_rate"), r.optional("z"), r.optionalLong("days"), TagReader.platform(r),
                r.unknown());
    }

    private static long nonNegative(TagReader r, String name) {
        long v = r.requiredLong(name);
        if (v < 0) {
            throw new EventParseException(name, "must not be negative");
        }
        return v;
    }

    /** The tags in the daemon's order, then {@code y} if set, then the unknown tags. */
    public List<Tag> toTags() {
        List<Tag> out = new ArrayList<>(10 + unknownTags.size());
        out.add(Tag.of("d", d));
        TagReader.addIfPresent(out, "expiration", expiration);
        out.add(Tag.of("total_reviews", RustDisplay.i64(totalReviews)));
        out.add(Tag.of("total_rating", RustDisplay.f64(totalRating)));
        out.add(Tag.of("last_rating", RustDisplay.i64(lastRating)));
        out.add(Tag.of("max_rate", RustDisplay.i64(maxRate)));
        out.add(Tag.of("min_rate", RustDisplay.i64(minRate)));
        TagReader.addIfPresent(out, "z", z);
        TagReader.addIfPresent(out, "days", days);
        TagReader.addIfPresent(out, platform);
        out.addAll(unknownTags);
        return List.copyOf(out);
    }

    /** The unsigned event ({@code content = ""}) to sign with the node key. */
    public UnsignedEvent toUnsignedEvent(PublicKey node, long createdAt) {
        return new UnsignedEvent(Objects.requireNonNull(node, "node"), createdAt, KIND, toTags(), "");
    }
}

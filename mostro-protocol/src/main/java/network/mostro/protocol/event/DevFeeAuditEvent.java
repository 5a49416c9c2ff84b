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
 * A kind-8383 development-fee audit event (SPEC §12.5), a regular event. Daemon tag order:
 * {@code order-id, amount, hash, destination, network, y, z, expiration} ({@code z} = {@code dev-fee-payment},
 * expiration 365 days). Required: {@code order-id, amount, hash}. Immutable and thread-safe.
 *
 * @param orderId {@code order-id}
 * @param amountSats {@code amount}: the dev fee in sats
 * @param paymentHash {@code hash}
 * @param destination {@code destination} (LN address), or null
 * @param network {@code network}, or null
 * @param platform {@code y}, or null
 * @param z {@code z}, or null
 * @param expiration NIP-40 expiration, or null
 * @param unknownTags every other tag, in order
 */
public record DevFeeAuditEvent(String orderId, long amountSats, String paymentHash, String destination, String network,
        Platform platform, String z, Long expiration, List<Tag> unknownTags) {
    /** The event kind. */
    public static final int KIND = 8383;
    /** The daemon's {@code z} value. */
    public static final String Z = "dev-fee-payment";

    private static final Set<String> KNOWN = Set.of("order-id", "amount", "hash", "destination", "network", "y", "z",
            "expiration");

    /** @throws InvalidInputException if a required member is null or the amount is negative */
    public DevFeeAuditEvent {
        if (orderId == null || paymentHash == null || amountSats < 0) {
            throw new InvalidInputException("dev fee audit needs order-id, a non-negative amount and hash");
        }
        unknownTags = unknownTags == null ? List.of() : List.copyOf(unknownTags);
    }

    /** @throws EventParseException for the wrong kind, a missing required tag, or a malformed known tag */
    public static DevFeeAuditEvent parse(Event event) {
        TagReader.checkKind(event, KIND);
        return fromTags(event.tags());
    }

    /** @throws EventParseException for a missing required tag or a malformed known tag */
    public static DevFeeAuditEvent fromTags(List<Tag> tags) {
        TagReader r = new TagReader(tags, KNOWN);
        long amount = r.requiredLong("amount");
        if (amount < 0) {
            throw new EventParseException("amount", "must not be negative");
        }
        return new DevFeeAuditEvent(r.required("order-id"), amount, r.required("hash"), r.optional("destination"),
                r.optional("network"), TagReader.platform(r), r.optional("z"), r.optionalLong("expiration"),
                r.unknown());
    }

    /** The tags in the daemon's order, then the unknown tags. */
    public List<Tag> toTags() {
        List<Tag> out = new ArrayList<>(8 + unknownTags.size());
        out.add(Tag.of("order-id", orderId));
        out.add(Tag.of("amount", RustDisplay.i64(amountSats)));
        out.add(Tag.of("hash", paymentHash));
        TagReader.addIfPresent(out, "destination", destination);
        TagReader.addIfPresent(out, "network", network);
        TagReader.addIfPresent(out, platform);
        TagReader.addIfPresent(out, "z", z);
        TagReader.addIfPresent(out, "expiration", expiration);
        out.addAll(unknownTags);
        return List.copyOf(out);
    }

    /** The unsigned event ({@code content = ""}) to sign with the node key. */
    public UnsignedEvent toUnsignedEvent(PublicKey node, long createdAt) {
        return new UnsignedEvent(Objects.requireNonNull(node, "node"), createdAt, KIND, toTags(), "");
    }
}

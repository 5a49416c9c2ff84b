package network.mostro.protocol.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.internal.RustDisplay;

/**
 * A kind-38383 order event (NIP-69; SPEC §12.1), {@code d} = order id. Tags in the daemon's order:
 * <pre>
 * d, k, f, s, amt, fa, pm, premium, rating*, source*, network, layer, expires_at, expiration, y, z
 * </pre>
 * ({@code *} only while pending). {@link #toTags()} writes present members in that order, then {@link #unknownTags()};
 * {@link #parse(Event)} requires {@code d, k, f, s, amt, fa, pm, premium} and keeps unknown tags (such as NIP-69's
 * {@code name}, {@code g}, {@code bond}, or v0.19's {@code published_at}).
 *
 * <pre>{@code
 * OrderEvent o = OrderEvent.parse(event);
 * if (o.status() == OrderEventStatus.PENDING && o.kind() == OrderKind.SELL) { ... }
 * }</pre>
 * Immutable and thread-safe.
 *
 * @param orderId {@code d}: the order id (a UUID on Mostro; kept as text for other NIP-69 platforms)
 * @param kind {@code k}
 * @param fiatCode {@code f}
 * @param status {@code s}
 * @param amount {@code amt}: sats, 0 for a market-price order not yet taken
 * @param fiatAmount {@code fa}
 * @param paymentMethods {@code pm} values
 * @param premium {@code premium}
 * @param rating {@code rating}, or null
 * @param source {@code source}, or null
 * @param network {@code network} (comma-joined LND networks), or null
 * @param layer {@code layer}, or null
 * @param expiresAt {@code expires_at}, or null
 * @param expiration NIP-40 {@code expiration}, or null
 * @param platform {@code y}, or null
 * @param z {@code z} ({@code "order"}), or null
 * @param unknownTags every other tag, in order
 */
public record OrderEvent(String orderId, OrderKind kind, String fiatCode, OrderEventStatus status, long amount,
        FiatAmount fiatAmount, List<String> paymentMethods, long premium, OrderRating rating, String source,
        String network, String layer, Long expiresAt, Long expiration, Platform platform, String z,
        List<Tag> unknownTags) {
    /** The event kind. */
    public static final int KIND = 38383;

    private static final Set<String> KNOWN = Set.of("d", "k", "f", "s", "amt", "fa", "pm", "premium", "rating",
            "source", "network", "layer", "expires_at", "expiration", "y", "z");

    /** @throws InvalidInputException if a required member is null or {@code paymentMethods} is empty */
    public OrderEvent {
        if (orderId == null || kind == null || fiatCode == null || status == null || fiatAmount == null
                || paymentMethods == null) {
            throw new InvalidInputException("order event needs d, k, f, s, fa and pm");
        }
        paymentMethods = List.copyOf(paymentMethods);
        if (paymentMethods.isEmpty()) {
            throw new InvalidInputException("order event needs at least one payment method");
        }
        unknownTags = unknownTags == null ? List.of() : List.copyOf(unknownTags);
    }

    /** A builder (required: orderId, kind, fiatCode, status, fiatAmount, paymentMethods). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The {@code pm} values for an order's {@code payment_method}: split on {@code ','}, no trimming, empty parts
     * dropped (as the daemon does).
     */
    public static List<String> paymentMethodsOf(String paymentMethod) {
        if (paymentMethod == null) {
            throw new InvalidInputException("payment method is required");
        }
        return Arrays.stream(paymentMethod.split(",")).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Reads a kind-38383 event.
     *
     * @throws EventParseException for the wrong kind, a missing required tag, or a malformed known tag
     */
    public static OrderEvent parse(Event event) {
        TagReader.checkKind(event, KIND);
        return fromTags(event.tags());
    }

    /**
     * Reads order-event tags (no kind check).
     *
     * @throws EventParseException for a missing required tag or a malformed known tag
     */
    public static OrderEvent fromTags(List<Tag> tags) {
        TagReader r = new TagReader(tags, KNOWN);
        String d = r.required("d");
        String k = r.required("k");
        OrderKind kind = OrderKind.fromWire(k).orElseThrow(() -> new EventParseException("k", "not buy or sell"));
        String f = r.required("f");
        String s = r.required("s");
        OrderEventStatus status = OrderEventStatus.fromWire(s)
                .orElseThrow(() -> new EventParseException("s", "unknown order status"));
        long amt = r.requiredLong("amt");
        FiatAmount fa = FiatAmount.parse(r.tag("fa"));
        Tag pmTag = r.tag("pm");
        if (pmTag == null || pmTag.size() < 2) {
            throw new EventParseException("pm", pmTag == null ? "required tag missing" : "no payment method");
        }
        List<String> pm = pmTag.values().subList(1, pmTag.size());
        long premium = r.requiredLong("premium");
        String ratingJson = r.optional("rating");
        OrderRating rating = ratingJson == null ? null : OrderRating.parse(ratingJson);
        return new OrderEvent(d, kind, f, status, amt, fa, pm, premium, rating, r.optional("source"),
                r.optional("network"), r.optional("layer"), r.optionalLong("expires_at"),
                r.optionalLong("expiration"), TagReader.platform(r), r.optional("z"), r.unknown());
    }

    /** The tags in the daemon's order, then the unknown tags. */
    public List<Tag> toTags() {
        List<Tag> out = new ArrayList<>(16 + unknownTags.size());
        out.add(Tag.of("d", orderId));
        out.add(Tag.of("k", kind.wireName()));
        out.add(Tag.of("f", fiatCode));
        out.add(Tag.of("s", status.wireName()));
        out.add(Tag.of("amt", RustDisplay.i64(amount)));
        out.add(fiatAmount.toTag());
        List<String> pm = new ArrayList<>(paymentMethods.size() + 1);
        pm.add("pm");
        pm.addAll(paymentMethods);
        out.add(new Tag(pm));
        out.add(Tag.of("premium", RustDisplay.i64(premium)));
        if (rating != null) {
            out.add(Tag.of("rating", rating.json()));
        }
        TagReader.addIfPresent(out, "source", source);
        TagReader.addIfPresent(out, "network", network);
        TagReader.addIfPresent(out, "layer", layer);
        TagReader.addIfPresent(out, "expires_at", expiresAt);
        TagReader.addIfPresent(out, "expiration", expiration);
        TagReader.addIfPresent(out, platform);
        TagReader.addIfPresent(out, "z", z);
        out.addAll(unknownTags);
        return List.copyOf(out);
    }

    /** The unsigned event ({@code content = ""}) to sign with the node key. */
    public UnsignedEvent toUnsignedEvent(PublicKey node, long createdAt) {
        return new UnsignedEvent(Objects.requireNonNull(node, "node"), createdAt, KIND, toTags(), "");
    }

    /** The {@code network} value split on commas (empty when absent). */
    public List<String> networks() {
        return network == null || network.isEmpty() ? List.of() : List.of(network.split(","));
    }

    /**
     * The daemon's {@code source} value: {@code mostro:<order id>?relays=<r1,r2,…>&mostro=<node pubkey hex>}.
     */
    public static String sourceOf(String orderId, List<String> relays, PublicKey node) {
        return "mostro:" + orderId + "?relays=" + String.join(",", relays) + "&mostro=" + node.toHex();
    }

    /** Mutable builder for {@link OrderEvent}. Not thread-safe. */
    public static final class Builder {
        private String orderId;
        private OrderKind kind;
        private String fiatCode;
        private OrderEventStatus status;
        private long amount;
        private FiatAmount fiatAmount;
        private List<String> paymentMethods;
        private long premium;
        private OrderRating rating;
        private String source;
        private String network;
        private String layer;
        private Long expiresAt;
        private Long expiration;
        private Platform platform;
        private String z = "order";
        private List<Tag> unknownTags = List.of();

        private Builder() {}

        public Builder orderId(String v) { orderId = v; return this; }
        public Builder kind(OrderKind v) { kind = v; return this; }
        public Builder fiatCode(String v) { fiatCode = v; return this; }
        public Builder status(OrderEventStatus v) { status = v; return this; }
        public Builder amount(long v) { amount = v; return this; }
        public Builder fiatAmount(FiatAmount v) { fiatAmount = v; return this; }
        public Builder paymentMethods(List<String> v) { paymentMethods = v; return this; }
        /** The {@code pm} values from an order's comma-joined {@code payment_method}. */
        public Builder paymentMethod(String v) { paymentMethods = paymentMethodsOf(v); return this; }
        public Builder premium(long v) { premium = v; return this; }
        public Builder rating(OrderRating v) { rating = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder network(String v) { network = v; return this; }
        public Builder layer(String v) { layer = v; return this; }
        public Builder expiresAt(Long v) { expiresAt = v; return this; }
        public Builder expiration(Long v) { expiration = v; return this; }
        public Builder platform(Platform v) { platform = v; return this; }
        /** (default: {@code "order"}) */
        public Builder z(String v) { z = v; return this; }
        public Builder unknownTags(List<Tag> v) { unknownTags = v; return this; }

        /** @throws InvalidInputException if a required member is missing */
        public OrderEvent build() {
            return new OrderEvent(orderId, kind, fiatCode, status, amount, fiatAmount, paymentMethods, premium, rating,
                    source, network, layer, expiresAt, expiration, platform, z, unknownTags);
        }
    }
}

package network.mostro.protocol.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.nostr.internal.Json;
import network.mostro.protocol.internal.DoubleFormat;

/**
 * A kind-30078 exchange-rates event (SPEC §12.5): {@code d = "mostro-rates"}, tags
 * {@code d, published_at, source, expiration}, content {@code {"BTC":{"USD":50000.0,…}}} (fiat per BTC, serde_json
 * floats). Rates are held as exact decimals of the JSON text and written back as serde_json writes an {@code f64}.
 * Required: {@code d} and a content that is an object of objects of numbers. Immutable and thread-safe.
 *
 * @param d {@code d} ({@code "mostro-rates"})
 * @param publishedAt {@code published_at}, or null
 * @param source {@code source} (provider ids), or null
 * @param expiration NIP-40 expiration, or null
 * @param rates base currency → (quote currency → price), in content order
 * @param unknownTags every other tag, in order
 */
public record ExchangeRatesEvent(String d, Long publishedAt, String source, Long expiration,
        Map<String, Map<String, BigDecimal>> rates, List<Tag> unknownTags) {
    /** The event kind. */
    public static final int KIND = 30078;
    /** The daemon's {@code d} value. */
    public static final String D = "mostro-rates";

    private static final Set<String> KNOWN = Set.of("d", "published_at", "source", "expiration");
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).maxNumberLength(64)
                    .maxDocumentLength(1 << 20).build())
            .build();

    /** @throws InvalidInputException if {@code d} or {@code rates} is null */
    public ExchangeRatesEvent {
        if (d == null || rates == null) {
            throw new InvalidInputException("exchange rates need d and rates");
        }
        Map<String, Map<String, BigDecimal>> copy = new LinkedHashMap<>();
        rates.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        rates = Collections.unmodifiableMap(copy);
        unknownTags = unknownTags == null ? List.of() : List.copyOf(unknownTags);
    }

    /** @throws EventParseException for the wrong kind, a missing {@code d}, a malformed tag or content */
    public static ExchangeRatesEvent parse(Event event) {
        TagReader.checkKind(event, KIND);
        return fromTagsAndContent(event.tags(), event.content());
    }

    /** @throws EventParseException for a missing {@code d}, a malformed known tag, or malformed content */
    public static ExchangeRatesEvent fromTagsAndContent(List<Tag> tags, String content) {
        TagReader r = new TagReader(tags, KNOWN);
        return new ExchangeRatesEvent(r.required("d"), r.optionalLong("published_at"), r.optional("source"),
                r.optionalLong("expiration"), parseRates(content), r.unknown());
    }

    /**
     * Parses the content.
     *
     * @throws EventParseException (tag {@code content}) when it is not an object of objects of numbers
     */
    public static Map<String, Map<String, BigDecimal>> parseRates(String content) {
        if (content == null) {
            throw new EventParseException("content", "content is required");
        }
        Map<String, Map<String, BigDecimal>> out = new LinkedHashMap<>();
        try (JsonParser p = FACTORY.createParser(content)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new EventParseException("content", "not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String base = p.currentName();
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new EventParseException("content", base + " is not an object");
                }
                Map<String, BigDecimal> quotes = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String quote = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v != JsonToken.VALUE_NUMBER_FLOAT && v != JsonToken.VALUE_NUMBER_INT) {
                        throw new EventParseException("content", base + "." + quote + " is not a number");
                    }
                    if (!Double.isFinite(p.getDecimalValue().doubleValue())) { // f64, as the daemon (serde_json) reads it
                        throw new EventParseException("content", base + "." + quote + " is out of the f64 range");
                    }
                    quotes.put(quote, p.getDecimalValue());
                }
                out.put(base, quotes);
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new EventParseException("content", "trailing data");
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof EventParseException epe) {
                throw epe;
            }
            throw new EventParseException("content", "not valid JSON");
        }
    }

    /** The price of one {@code base} (default {@code BTC}) in {@code quote}, if published. */
    public Optional<BigDecimal> rate(String base, String quote) {
        Map<String, BigDecimal> m = rates.get(base);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(quote));
    }

    /** The price of one BTC in {@code fiat}, if published. */
    public Optional<BigDecimal> btcPrice(String fiat) {
        return rate("BTC", fiat);
    }

    /** The tags {@code d, published_at, source, expiration}, then the unknown tags. */
    public List<Tag> toTags() {
        List<Tag> out = new ArrayList<>(4 + unknownTags.size());
        out.add(Tag.of("d", d));
        TagReader.addIfPresent(out, "published_at", publishedAt);
        TagReader.addIfPresent(out, "source", source);
        TagReader.addIfPresent(out, "expiration", expiration);
        out.addAll(unknownTags);
        return List.copyOf(out);
    }

    /** The content as serde_json writes the daemon's map of {@code f64}s (entries in this record's order). */
    public String content() {
        StringBuilder b = new StringBuilder(64 + rates.size() * 256);
        b.append('{');
        boolean firstBase = true;
        for (Map.Entry<String, Map<String, BigDecimal>> e : rates.entrySet()) {
            if (!firstBase) {
                b.append(',');
            }
            firstBase = false;
            Json.quote(b, e.getKey()).append(":{");
            boolean first = true;
            for (Map.Entry<String, BigDecimal> q : e.getValue().entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                double v = q.getValue().doubleValue();
                Json.quote(b, q.getKey()).append(':').append(Double.isFinite(v) ? DoubleFormat.format(v) : "null");
            }
            b.append('}');
        }
        return b.append('}').toString();
    }

    /** The unsigned event to sign with the node key. */
    public UnsignedEvent toUnsignedEvent(PublicKey node, long createdAt) {
        return new UnsignedEvent(Objects.requireNonNull(node, "node"), createdAt, KIND, toTags(), content());
    }
}

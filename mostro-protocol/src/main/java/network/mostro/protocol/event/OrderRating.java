package network.mostro.protocol.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Objects;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.internal.DoubleFormat;

/**
 * The maker's reputation in a 38383 {@code rating} tag (SPEC §12.1). The daemon writes
 * {@code ["rating",{"days":D,"total_rating":R,"total_reviews":N}]} (serde_json, keys alphabetical); the protocol
 * docs show a bare object with more members. Both are read by key name; members other than {@code days},
 * {@code total_rating}, {@code total_reviews} and (v0.19) {@code since} are ignored. {@link #json()} keeps the exact
 * tag value so a parsed event rebuilds byte-identically. Immutable and thread-safe.
 *
 * @param days whole days since the maker identity's user row was created, or null when absent
 * @param totalRating the average rating, or null when absent
 * @param totalReviews number of reviews, or null when absent
 * @param since user-row creation time (newer daemons), or null
 * @param json the tag value
 */
public record OrderRating(Long days, Double totalRating, Long totalReviews, Long since, String json) {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxDocumentLength(4096).build())
            .build();

    public OrderRating {
        Objects.requireNonNull(json, "json");
    }

    /** The daemon's form: {@code ["rating",{"days":D,"total_rating":R,"total_reviews":N}]}, R as serde_json writes it. */
    public static OrderRating of(long days, double totalRating, long totalReviews) {
        if (!Double.isFinite(totalRating)) {
            throw new InvalidInputException("total rating must be finite");
        }
        String json = "[\"rating\",{\"days\":" + days + ",\"total_rating\":" + DoubleFormat.format(totalRating)
                + ",\"total_reviews\":" + totalReviews + "}]";
        return new OrderRating(days, totalRating, totalReviews, null, json);
    }

    /** What a full-privacy maker gets: days 0, rating 0.0, 0 reviews. */
    public static OrderRating none() {
        return of(0, 0.0, 0);
    }

    /**
     * Reads a {@code rating} tag value in either form.
     *
     * @throws EventParseException (tag {@code rating}) when it is not one of the two forms
     */
    public static OrderRating parse(String json) {
        if (json == null || json.length() > 4096) {
            throw new EventParseException("rating", "missing or too long");
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                if (p.nextToken() != JsonToken.VALUE_STRING || !"rating".equals(p.getText())) {
                    throw new EventParseException("rating", "expected [\"rating\", {...}]");
                }
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new EventParseException("rating", "expected [\"rating\", {...}]");
                }
                OrderRating r = readObject(p, json);
                if (p.nextToken() != JsonToken.END_ARRAY || p.nextToken() != null) {
                    throw new EventParseException("rating", "trailing data");
                }
                return r;
            }
            if (t == JsonToken.START_OBJECT) {
                OrderRating r = readObject(p, json);
                if (p.nextToken() != null) {
                    throw new EventParseException("rating", "trailing data");
                }
                return r;
            }
            throw new EventParseException("rating", "not a JSON array or object");
        } catch (IOException | RuntimeException e) {
            if (e instanceof EventParseException epe) {
                throw epe;
            }
            throw new EventParseException("rating", "not valid JSON");
        }
    }

    private static OrderRating readObject(JsonParser p, String json) throws IOException {
        Long days = null;
        Double total = null;
        Long reviews = null;
        Long since = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "days" -> days = integer(p, v, name);
                case "total_reviews" -> reviews = integer(p, v, name);
                case "since" -> since = integer(p, v, name);
                case "total_rating" -> {
                    if (v != JsonToken.VALUE_NUMBER_FLOAT && v != JsonToken.VALUE_NUMBER_INT) {
                        throw new EventParseException("rating", "total_rating must be a number");
                    }
                    total = p.getDoubleValue();
                }
                default -> p.skipChildren();
            }
        }
        return new OrderRating(days, total, reviews, since, json);
    }

    private static Long integer(JsonParser p, JsonToken v, String name) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new EventParseException("rating", name + " must be an integer");
        }
        return p.getLongValue();
    }
}

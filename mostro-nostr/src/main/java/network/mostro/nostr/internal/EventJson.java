package network.mostro.nostr.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import network.mostro.nostr.EventLimits;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.Tag;

/** Strict streaming parser for NIP-01 event objects (signed or not). Thread-safe. */
public final class EventJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxNumberLength(40)
                    .maxStringLength(1 << 20)
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The raw members of an event object; fields absent in the JSON are null (createdAt/kind: -1). */
    public static final class Fields {
        public String id;
        public String pubkey;
        public long createdAt = -1;
        public int kind = -1;
        public List<Tag> tags;
        public String content;
        public String sig;
    }

    private EventJson() {}

    public static JsonFactory factory() {
        return FACTORY;
    }

    /**
     * Parses one JSON object into its members. Unknown members are skipped (relays may add some).
     *
     * @throws MalformedInputException if the text is not one JSON object
     * @throws InvalidInputException if a member has the wrong type or exceeds {@code limits}
     */
    public static Fields parse(String json, EventLimits limits) {
        if (json == null) {
            throw new MalformedInputException("event JSON is null");
        }
        if (json.length() > limits.maxJsonChars()) {
            throw new InvalidInputException("event JSON longer than " + limits.maxJsonChars() + " characters");
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException("event must be a JSON object");
            }
            Fields f = readObject(p, limits);
            if (p.nextToken() != null) {
                throw new MalformedInputException("trailing data after the event object");
            }
            return f;
        } catch (JsonParseException | StreamConstraintsException e) {
            throw new MalformedInputException("event is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedInputException("event is not valid JSON", e);
        }
    }

    /** Reads an event object whose START_OBJECT has just been consumed (used inside relay frames too). */
    public static Fields readObject(JsonParser p, EventLimits limits) throws IOException {
        Fields f = new Fields();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "id" -> f.id = string(p, v, "id");
                case "pubkey" -> f.pubkey = string(p, v, "pubkey");
                case "sig" -> f.sig = string(p, v, "sig");
                case "content" -> {
                    f.content = string(p, v, "content");
                    if (f.content.length() > limits.maxContentChars()) {
                        throw new InvalidInputException("content longer than " + limits.maxContentChars() + " characters");
                    }
                }
                case "created_at" -> f.createdAt = nonNegativeLong(p, v, "created_at");
                case "kind" -> {
                    long k = nonNegativeLong(p, v, "kind");
                    if (k > 65535) {
                        throw new InvalidInputException("kind must be between 0 and 65535");
                    }
                    f.kind = (int) k;
                }
                case "tags" -> f.tags = tags(p, v, limits);
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new MalformedInputException("unterminated event object");
        }
        return f;
    }

    private static String string(JsonParser p, JsonToken v, String what) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(what + " must be a string");
        }
        return p.getText();
    }

    private static long nonNegativeLong(JsonParser p, JsonToken v, String what) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidInputException(what + " must be an integer");
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new InvalidInputException(what + " out of range");
        }
        long l = p.getLongValue();
        if (l < 0) {
            throw new InvalidInputException(what + " must not be negative");
        }
        return l;
    }

    private static List<Tag> tags(JsonParser p, JsonToken v, EventLimits limits) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw new InvalidInputException("tags must be an array");
        }
        List<Tag> tags = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            if (tags.size() >= limits.maxTags()) {
                throw new InvalidInputException("more than " + limits.maxTags() + " tags");
            }
            List<String> values = new ArrayList<>(4);
            JsonToken e;
            while ((e = p.nextToken()) == JsonToken.VALUE_STRING) {
                if (values.size() >= limits.maxTagValues()) {
                    throw new InvalidInputException("a tag has more than " + limits.maxTagValues() + " elements");
                }
                String s = p.getText();
                if (s.length() > limits.maxTagValueChars()) {
                    throw new InvalidInputException("a tag element is longer than " + limits.maxTagValueChars() + " characters");
                }
                values.add(s);
            }
            if (e != JsonToken.END_ARRAY) {
                throw new InvalidInputException("tag elements must be strings");
            }
            if (values.isEmpty()) {
                throw new InvalidInputException("empty tag");
            }
            tags.add(new Tag(values));
        }
        if (t != JsonToken.END_ARRAY) {
            throw new InvalidInputException("each tag must be an array of strings");
        }
        return tags;
    }
}

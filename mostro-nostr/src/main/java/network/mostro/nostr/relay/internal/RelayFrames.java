package network.mostro.nostr.relay.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.List;
import network.mostro.nostr.Event;
import network.mostro.nostr.EventLimits;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.internal.EventJson;
import network.mostro.nostr.internal.Json;
import network.mostro.nostr.relay.Filter;

/** Encodes client→relay frames and parses relay→client frames (NIP-01, NIP-42). Stateless, thread-safe. */
public final class RelayFrames {
    private RelayFrames() {}

    /** {@code ["EVENT", event]}. */
    public static String event(Event e) {
        return "[\"EVENT\"," + e.toJson() + "]";
    }

    /** {@code ["AUTH", event]}. */
    public static String auth(Event e) {
        return "[\"AUTH\"," + e.toJson() + "]";
    }

    /** {@code ["REQ", id, filter…]}. */
    public static String req(String subscriptionId, List<Filter> filters) {
        StringBuilder sb = new StringBuilder(64 + 64 * filters.size()).append("[\"REQ\",");
        Json.quote(sb, subscriptionId);
        for (Filter f : filters) {
            FilterJson.write(sb.append(','), f);
        }
        return sb.append(']').toString();
    }

    /** {@code ["CLOSE", id]}. */
    public static String close(String subscriptionId) {
        return Json.quote(new StringBuilder("[\"CLOSE\","), subscriptionId).append(']').toString();
    }

    /**
     * Parses one relay frame.
     *
     * @throws MalformedInputException when it is not JSON or not an array starting with a string
     */
    public static RelayMessage parse(String frame, EventLimits limits) {
        try (JsonParser p = EventJson.factory().createParser(frame)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedInputException("relay message must be a JSON array");
            }
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new MalformedInputException("relay message must start with its type as a string");
            }
            String type = p.getText();
            boolean[] ended = new boolean[1];
            RelayMessage m = switch (type) {
                case "EVENT" -> event(p, limits);
                case "OK" -> ok(p, ended);
                case "EOSE" -> new RelayMessage.Eose(string(p, "EOSE subscription id"));
                case "CLOSED" -> new RelayMessage.Closed(string(p, "CLOSED subscription id"), optionalString(p, ended));
                case "NOTICE" -> new RelayMessage.Notice(string(p, "NOTICE message"));
                case "AUTH" -> new RelayMessage.Auth(string(p, "AUTH challenge"));
                default -> {
                    ended[0] = true; // unknown types may carry anything; do not inspect the rest
                    yield new RelayMessage.Unknown(type.length() <= 32 ? type : type.substring(0, 32));
                }
            };
            if (ended[0] || m instanceof RelayMessage.BadEvent) {
                return m;
            }
            // Skip any extra elements, then require the array (and the text) to end.
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new MalformedInputException("unterminated relay message");
                }
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                throw new MalformedInputException("trailing data after the relay message");
            }
            return m;
        } catch (JsonParseException | StreamConstraintsException e) {
            throw new MalformedInputException("relay message is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedInputException("relay message is not valid JSON", e);
        }
    }

    private static RelayMessage event(JsonParser p, EventLimits limits) throws IOException {
        String sub = string(p, "EVENT subscription id");
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedInputException("EVENT must carry an event object");
        }
        EventJson.Fields f;
        try {
            f = EventJson.readObject(p, limits);
        } catch (NostrException e) {
            // The rest of the object is unread; the frame cannot be resynchronised, but the sub id is known.
            return new RelayMessage.BadEvent(sub, null, e.getMessage());
        }
        try {
            return new RelayMessage.EventMsg(sub, Event.fromFields(f));
        } catch (NostrException e) {
            return new RelayMessage.BadEvent(sub, f.id, e.getMessage());
        }
    }

    private static RelayMessage ok(JsonParser p, boolean[] ended) throws IOException {
        String id = string(p, "OK event id");
        JsonToken b = p.nextToken();
        if (b != JsonToken.VALUE_TRUE && b != JsonToken.VALUE_FALSE) {
            throw new MalformedInputException("OK must carry a boolean");
        }
        return new RelayMessage.Ok(id, b == JsonToken.VALUE_TRUE, optionalString(p, ended));
    }

    private static String string(JsonParser p, String what) throws IOException {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw new MalformedInputException(what + " must be a string");
        }
        return p.getText();
    }

    /** The next element if it is a string; "" when the array ends here (then {@code ended[0]} is set). */
    private static String optionalString(JsonParser p, boolean[] ended) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.END_ARRAY) {
            if (p.nextToken() != null) {
                throw new MalformedInputException("trailing data after the relay message");
            }
            ended[0] = true;
            return "";
        }
        throw new MalformedInputException("relay message text must be a string");
    }
}

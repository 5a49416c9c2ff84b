package network.mostro.testkit.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import network.mostro.nostr.Event;
import network.mostro.nostr.EventLimits;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.internal.EventJson;
import network.mostro.nostr.internal.Hex;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.internal.FilterJson;

/** Strict parser for client-to-relay frames. Thread-safe. */
public final class FrameParser {
    /** NIP-01: subscription ids are non-empty strings of at most 64 characters. */
    public static final int MAX_SUBSCRIPTION_ID = 64;
    /** Most filters in one REQ. */
    public static final int MAX_FILTERS = 100;

    private final EventLimits limits;

    public FrameParser(EventLimits limits) {
        this.limits = limits;
    }

    /**
     * Parses one text frame.
     *
     * @throws BadFrameException with a reason that starts with a NIP-01 prefix
     */
    public ClientMessage parse(String frame) throws BadFrameException {
        String type = null;
        String subId = null;
        try (JsonParser p = EventJson.factory().createParser(frame)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw bad("invalid: a message must be a JSON array", null);
            }
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw bad("invalid: a message must start with its type", null);
            }
            type = p.getText();
            ClientMessage m;
            switch (type) {
                case "EVENT" -> m = new ClientMessage.Publish(readEvent(p, frame, type));
                case "AUTH" -> m = new ClientMessage.Auth(readEvent(p, frame, type));
                case "CLOSE" -> m = new ClientMessage.Close(readSubscriptionId(p, type));
                case "REQ" -> {
                    subId = readSubscriptionId(p, type);
                    List<Filter> filters = new ArrayList<>();
                    JsonToken t;
                    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                        if (filters.size() >= MAX_FILTERS) {
                            throw new BadFrameException("invalid: more than " + MAX_FILTERS + " filters", type, null, subId);
                        }
                        // NIP-01 filter syntax and semantics are mostro-nostr's Filter (the pool's own, shared so the
                        // relay and the client cannot drift apart); its typed exceptions become "invalid: …" below.
                        filters.add(FilterJson.readObject(p));
                    }
                    if (t != JsonToken.END_ARRAY) {
                        throw new BadFrameException("invalid: filters must be JSON objects", type, null, subId);
                    }
                    if (filters.isEmpty()) {
                        throw new BadFrameException("invalid: REQ needs at least one filter", type, null, subId);
                    }
                    requireEnd(p, type);
                    return new ClientMessage.Req(subId, filters);
                }
                default -> throw new BadFrameException("invalid: unknown message type " + truncate(type), type, null, null);
            }
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw bad("invalid: unexpected elements after the " + type + " message", type);
            }
            requireEnd(p, type);
            return m;
        } catch (BadFrameException e) {
            String eventId = e.eventId;
            if (eventId == null && isEventType(e.type)) {
                eventId = lenientEventId(frame);
            }
            String sid = e.subscriptionId != null ? e.subscriptionId : subId;
            throw new BadFrameException(e.getMessage(), e.type != null ? e.type : type, eventId, sid);
        } catch (NostrException e) {
            throw new BadFrameException("invalid: " + e.getMessage(), type,
                    isEventType(type) ? lenientEventId(frame) : null, subId);
        } catch (JsonProcessingException e) {
            throw new BadFrameException("invalid: not valid JSON: " + truncate(e.getOriginalMessage()), type,
                    isEventType(type) ? lenientEventId(frame) : null, subId);
        } catch (IOException | RuntimeException e) {
            throw new BadFrameException("error: could not read the message", type, null, subId);
        }
    }

    private static void requireEnd(JsonParser p, String type) throws IOException, BadFrameException {
        if (p.nextToken() != null) {
            throw bad("invalid: trailing data after the message", type);
        }
    }

    private static boolean isEventType(String type) {
        return "EVENT".equals(type) || "AUTH".equals(type);
    }

    private Event readEvent(JsonParser p, String frame, String type) throws IOException, BadFrameException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw bad("invalid: " + type + " needs an event object", type);
        }
        return Event.fromFields(EventJson.readObject(p, limits));
    }

    private static String readSubscriptionId(JsonParser p, String type) throws IOException, BadFrameException {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw bad("invalid: " + type + " needs a subscription id string", type);
        }
        String id = p.getText();
        if (id.isEmpty()) {
            throw bad("invalid: subscription id must not be empty", type);
        }
        if (id.length() > MAX_SUBSCRIPTION_ID) {
            throw bad("invalid: subscription id longer than " + MAX_SUBSCRIPTION_ID + " characters", type);
        }
        return id;
    }

    private static BadFrameException bad(String message, String type) {
        return new BadFrameException(message, type, null, null);
    }

    private static String truncate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** The event's id member, read leniently from a frame that failed strict parsing; null when unreadable. */
    static String lenientEventId(String frame) {
        try (JsonParser p = EventJson.factory().createParser(frame)) {
            if (p.nextToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.VALUE_STRING
                    || p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("id".equals(name) && v == JsonToken.VALUE_STRING) {
                    String id = p.getText();
                    return Hex.isLowerHex(id, 64) ? id : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

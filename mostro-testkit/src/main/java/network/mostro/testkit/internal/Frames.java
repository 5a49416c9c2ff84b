package network.mostro.testkit.internal;

import network.mostro.nostr.internal.Json;

/** Serializes relay-to-client NIP-01 messages. Stateless and thread-safe. */
public final class Frames {
    private Frames() {}

    public static String event(String subscriptionId, String eventJson) {
        StringBuilder sb = new StringBuilder(eventJson.length() + subscriptionId.length() + 16);
        sb.append("[\"EVENT\",");
        Json.quote(sb, subscriptionId);
        return sb.append(',').append(eventJson).append(']').toString();
    }

    public static String ok(String eventId, boolean accepted, String message) {
        StringBuilder sb = new StringBuilder(100 + message.length());
        sb.append("[\"OK\",");
        Json.quote(sb, eventId);
        sb.append(',').append(accepted).append(',');
        return Json.quote(sb, message).append(']').toString();
    }

    public static String eose(String subscriptionId) {
        return Json.quote(new StringBuilder("[\"EOSE\","), subscriptionId).append(']').toString();
    }

    public static String closed(String subscriptionId, String message) {
        StringBuilder sb = new StringBuilder("[\"CLOSED\",");
        Json.quote(sb, subscriptionId).append(',');
        return Json.quote(sb, message).append(']').toString();
    }

    public static String notice(String message) {
        return Json.quote(new StringBuilder("[\"NOTICE\","), message).append(']').toString();
    }

    public static String auth(String challenge) {
        return Json.quote(new StringBuilder("[\"AUTH\","), challenge).append(']').toString();
    }
}

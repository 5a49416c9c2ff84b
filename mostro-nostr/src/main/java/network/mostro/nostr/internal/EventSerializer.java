package network.mostro.nostr.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import network.mostro.nostr.Tag;

/** NIP-01 serializations: the id pre-image and the wire form. Stateless and thread-safe. */
public final class EventSerializer {
    private EventSerializer() {}

    /** {@code [0,"<pubkey>",<created_at>,<kind>,<tags>,"<content>"]}, compact, NIP-01 escaping. */
    public static byte[] idPreimage(String pubkeyHex, long createdAt, int kind, List<Tag> tags, String content) {
        StringBuilder sb = new StringBuilder(128 + content.length() + tags.size() * 80);
        sb.append("[0,\"").append(pubkeyHex).append("\",").append(createdAt).append(',').append(kind).append(',');
        appendTags(sb, tags);
        sb.append(',');
        Json.quote(sb, content);
        sb.append(']');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String computeId(String pubkeyHex, long createdAt, int kind, List<Tag> tags, String content) {
        return Hex.encode(Secp256k1.sha256(idPreimage(pubkeyHex, createdAt, kind, tags, content)));
    }

    public static void appendTags(StringBuilder sb, List<Tag> tags) {
        sb.append('[');
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append('[');
            List<String> v = tags.get(i).values();
            for (int j = 0; j < v.size(); j++) {
                if (j > 0) sb.append(',');
                Json.quote(sb, v.get(j));
            }
            sb.append(']');
        }
        sb.append(']');
    }

    /** The wire object with members in NIP-01 order; {@code sig} omitted when null (rumors). */
    public static String toJson(String id, String pubkeyHex, long createdAt, int kind, List<Tag> tags, String content, String sig) {
        StringBuilder sb = new StringBuilder(256 + content.length() + tags.size() * 80);
        sb.append("{\"id\":\"").append(id).append("\",\"pubkey\":\"").append(pubkeyHex)
                .append("\",\"created_at\":").append(createdAt).append(",\"kind\":").append(kind).append(",\"tags\":");
        appendTags(sb, tags);
        sb.append(",\"content\":");
        Json.quote(sb, content);
        if (sig != null) {
            sb.append(",\"sig\":\"").append(sig).append('"');
        }
        return sb.append('}').toString();
    }
}

package network.mostro.nostr.internal;

/**
 * Compact JSON string escaping exactly as NIP-01 and serde_json do it: {@code \" \\ \n \r \t \b \f},
 * other control characters below 0x20 as {@code \\u00xx} (lowercase), everything else (including
 * {@code /}, DEL and non-ASCII) written raw. Shared by the event id serialization and Mostro's canonical
 * message codec, whose signatures depend on these bytes.
 */
public final class Json {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Json() {}

    /** Appends {@code s} as a quoted JSON string. */
    public static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        int len = s.length();
        int start = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, start, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(DIGITS[c >> 4]).append(DIGITS[c & 0xf]);
            }
            start = i + 1;
        }
        out.append(s, start, len);
        return out.append('"');
    }

    public static String quote(String s) {
        return quote(new StringBuilder(s.length() + 2), s).toString();
    }
}

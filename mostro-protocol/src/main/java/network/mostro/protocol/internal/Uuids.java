package network.mostro.protocol.internal;

import java.util.UUID;

/**
 * Parses UUID strings exactly in the forms the Rust {@code uuid} crate's {@code parse_str} accepts (which is what
 * mostro-core's serde uses): hyphenated (36 chars), simple (32 hex), braced ({@code {...}}, 38) and URN
 * ({@code urn:uuid:...}, 45); hex digits in either case. {@link UUID#toString()} then gives the canonical lowercase
 * hyphenated form serde writes back. Thread-safe (stateless).
 */
public final class Uuids {
    private Uuids() {}

    /** The UUID, or null when {@code s} is not in one of the accepted forms. */
    public static UUID parse(String s) {
        String hex;
        switch (s.length()) {
            case 32 -> hex = s;
            case 36 -> hex = hyphenated(s, 0);
            case 38 -> hex = s.charAt(0) == '{' && s.charAt(37) == '}' ? hyphenated(s, 1) : null;
            case 45 -> hex = s.startsWith("urn:uuid:") ? hyphenated(s, 9) : null;
            default -> hex = null;
        }
        if (hex == null || hex.length() != 32) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 32; i++) {
            int d = Character.digit(hex.charAt(i), 16);
            if (d < 0 || hex.charAt(i) > 'f') { // Character.digit accepts non-ASCII digits; reject them
                return null;
            }
            if (i < 16) {
                hi = (hi << 4) | d;
            } else {
                lo = (lo << 4) | d;
            }
        }
        return new UUID(hi, lo);
    }

    private static String hyphenated(String s, int off) {
        if (s.charAt(off + 8) != '-' || s.charAt(off + 13) != '-' || s.charAt(off + 18) != '-'
                || s.charAt(off + 23) != '-') {
            return null;
        }
        return s.substring(off, off + 8) + s.substring(off + 9, off + 13) + s.substring(off + 14, off + 18)
                + s.substring(off + 19, off + 23) + s.substring(off + 24, off + 36);
    }
}
